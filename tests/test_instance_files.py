"""Keys created once in the instance folder: whole files, mode 600, the same for every worker."""

import os
import stat
import threading

from lms.instance_files import create_once


def test_the_first_content_wins_and_is_never_seen_half_written(tmp_path):
    path = tmp_path / "instance" / "secret_key"
    barrier = threading.Barrier(16)
    seen: list[bytes] = []

    def start(n: int) -> None:
        barrier.wait()
        seen.append(create_once(path, f"{n:02d}".encode() * 50_000))

    threads = [threading.Thread(target=start, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 16 and len(set(seen)) == 1
    assert seen[0] == path.read_bytes() and len(seen[0]) == 100_000
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no temporary left


def test_an_existing_file_is_read_not_replaced(tmp_path):
    path = tmp_path / "badge_signing_key.pem"
    path.write_bytes(b"kept")
    assert create_once(path, b"new") == b"kept" and path.read_bytes() == b"kept"
