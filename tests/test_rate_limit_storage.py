"""Rate limits kept in Redis, as several workers on several hosts need them: the counters live
in the server, not in one process, so a fresh process sees the same limit."""

import shutil
import socket
import subprocess
import time

import pytest

from lms import create_app

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS is None, reason="redis-server missing: scripts/system-deps.sh test installs it"
)


@pytest.fixture
def redis_uri(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def worker(database, uri):
    """One more app process's worth of Peerpath, counting in the shared Redis."""
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "ENVIRONMENT": "development",
            "RATELIMIT_STORAGE_URI": uri,
        }
    )


def test_the_verify_limit_is_shared_by_every_process_through_redis(database, redis_uri):
    import redis

    first = worker(database, redis_uri).test_client()
    for _ in range(30):
        assert first.get("/verify").status_code == 200
    assert first.get("/verify").status_code == 429
    counters = redis.Redis.from_url(redis_uri).keys("LIMITS*")
    assert counters, "the limit was not counted in Redis"

    second = worker(database, redis_uri).test_client()  # a new process starts counting at 30
    blocked = second.get("/verify")
    assert blocked.status_code == 429
    assert "then try again" in blocked.get_data(as_text=True)
