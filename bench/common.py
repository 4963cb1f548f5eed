"""Shared benchmark plumbing: a throwaway instance, seeding, gunicorn and signing in."""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def instance_dir():
    path = Path(tempfile.mkdtemp(prefix="peerpath-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def env_for(instance: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LMS_INSTANCE_PATH": str(instance),
        "LMS_SECRET_KEY": secrets.token_hex(32),
        "LMS_ENVIRONMENT": "development",  # plain-HTTP cookies on loopback
        "LMS_SIGNIN_RATE_LIMIT": "1000 per minute",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    """Serve the app with gunicorn on a free loopback port; yield its base URL."""
    with gunicorn_process(env, workers) as (base, _process):
        yield base


@contextmanager
def gunicorn_process(env: dict[str, str], workers: int = 2):
    """As gunicorn(), yielding the base URL and the master process (for worker_rss_mb)."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, process)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(base: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not start serving {base} (exit code {process.poll()})")


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each child (worker) of a gunicorn master, in MB, from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kilobytes = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
        sizes.append(round(kilobytes / 1024, 1))
    return sorted(sizes)


def sign_in(base: str, email: str, password: str) -> str:
    """Sign in through the real form; return the Cookie header value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/signin").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    opener.open(base + "/signin", data.encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


@contextmanager
def in_process_app():
    """A migrated app on a throwaway SQLite instance, inside its app context."""
    with instance_dir() as instance:
        os.environ.update(
            {
                "LMS_INSTANCE_PATH": str(instance),
                "LMS_ENVIRONMENT": "development",
                "LMS_SECRET_KEY": secrets.token_hex(16),
            }
        )
        from flask_migrate import upgrade

        from lms import create_app

        app = create_app()
        with app.app_context():
            upgrade()
            yield app


def median_ms(client, path: str, runs: int = 50) -> float:
    """Median latency of a GET through the test client, in milliseconds."""
    import statistics

    client.get(path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        assert client.get(path).status_code == 200
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 2)


def signed_in_client(app, email: str, password: str):
    """A test client signed in through the real form."""
    client = app.test_client()
    page = client.get("/signin").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/signin", data={"csrf_token": token, "email": email, "password": password})
    return client
