#!/usr/bin/env bash
# Install the Debian packages Peerpath needs, if any are missing.
#   scripts/system-deps.sh run    WeasyPrint's libraries (PDF certificates)
#   scripts/system-deps.sh test   those, plus Chromium for the browser tests and Redis for the
#                                 shared rate-limit test
#   scripts/system-deps.sh bench  those, plus wrk for the lesson benchmark
# As root it installs them; otherwise it prints the exact apt-get line and stops.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
case "${1:-run}" in
  test) packages+=(chromium poppler-utils zbar-tools redis-server) ;;
  bench) packages+=(wrk) ;;
  npm) packages=(npm) ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Peerpath needs these Debian packages. Install them, then run the command again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
