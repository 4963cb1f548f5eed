"""Rate limits kept in one process's memory do not hold across several workers: outside
development the app says so at start-up, naming the setting that fixes it."""

import logging
import os
import subprocess
import time

import pytest

from lms import create_app
from lms.config import PROJECT_ROOT

GUNICORN = PROJECT_ROOT / ".venv/bin/gunicorn"


def start(database, environment="production", storage="memory://"):
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "ENVIRONMENT": environment,
            "RATELIMIT_STORAGE_URI": storage,
        }
    )


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_several_workers_counting_in_memory_are_warned_about_at_start_up(
    database, monkeypatch, caplog
):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    start(database)
    (message,) = [m for m in warnings(caplog) if "RATELIMIT_STORAGE_URI" in m]
    assert "each of the 4 workers" in message and "up to 20" in message
    assert "LMS_RATELIMIT_STORAGE_URI" in message and "Redis" in message


@pytest.mark.parametrize(
    ("workers", "environment", "storage"),
    [
        ("1", "production", "memory://"),
        ("", "production", "memory://"),
        ("4", "development", "memory://"),
        ("4", "production", "redis://127.0.0.1:9/0"),
    ],
)
def test_no_warning_when_the_limits_hold(
    database, monkeypatch, caplog, workers, environment, storage
):
    monkeypatch.setenv("WEB_CONCURRENCY", workers)
    start(database, environment, storage)
    assert not [m for m in warnings(caplog) if "RATELIMIT_STORAGE_URI" in m]


def test_gunicorn_tells_each_worker_how_many_serve_so_the_warning_reaches_its_log(
    database, tmp_path
):
    """The repository's gunicorn.conf.py passes gunicorn's own worker count to the app."""
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "LMS_SQLALCHEMY_DATABASE_URI": database,
        "LMS_SECRET_KEY": "worker-test-secret-key-not-for-production",
        "LMS_INSTANCE_PATH": str(tmp_path / "instance"),
        "LMS_PUBLIC_URL": "https://learn.example.org",
    }
    env.pop("WEB_CONCURRENCY", None)
    with log.open("wb") as output:
        server = subprocess.Popen(
            [GUNICORN, "--workers", "2", "--bind", "127.0.0.1:0", "wsgi:app"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while log.read_text().count("each of the 2 workers") < 2 and time.monotonic() < deadline:
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert log.read_text().count("RATELIMIT_STORAGE_URI is memory://") == 2, log.read_text()
