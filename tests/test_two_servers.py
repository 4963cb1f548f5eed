"""Two app servers, one database (docs/deploy.md), proven: two gunicorn instances, each with its
own instance folder, sharing only SHARED_STORAGE_PATH, one PostgreSQL and one redis-server.

A session, a rate limit, evidence, a badge, a certificate and `ce remind` each cross from one
server to the other. Runs only when the suite runs on PostgreSQL (SQLite is one machine only)
and redis-server is installed; marked `servers` (about 30 s).
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta

import jwt
import pytest

from bench.common import ROOT, free_port, gunicorn
from lms.db import writing
from lms.extensions import db
from lms.models import Certificate, ReminderSent, UserCredential
from tests.live_http import HttpSession, ready_to_submit, with_cheap_password

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(
        not os.environ.get("LMS_SQLALCHEMY_DATABASE_URI", "").startswith("postgresql"),
        reason="two app servers need a shared database server: runs when "
        "LMS_SQLALCHEMY_DATABASE_URI is postgresql (SQLite is one machine only)",
    ),
    pytest.mark.skipif(
        shutil.which("redis-server") is None, reason="redis-server is not installed"
    ),
]
SECRET_KEY = "one-shared-secret-key-for-both-servers-0123456789"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def redis_url(tmp_path):
    """A redis-server of our own on a free loopback port, gone after the test."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while (
            subprocess.run(
                ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True
            ).stdout.strip()
            != "PONG"
        ):
            assert time.monotonic() < deadline and process.poll() is None, "redis did not start"
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def two_servers(database, redis_url, tmp_path):
    """Two gunicorn instances (2 workers each) with separate instance folders; yields their
    base URLs and environments."""
    shared = tmp_path / "shared"
    envs = [
        {
            **os.environ,
            "LMS_SQLALCHEMY_DATABASE_URI": database,
            "LMS_INSTANCE_PATH": str(tmp_path / f"instance-{n}"),
            "LMS_SHARED_STORAGE_PATH": str(shared),
            "LMS_SECRET_KEY": SECRET_KEY,
            "LMS_RATELIMIT_STORAGE_URI": redis_url,
            "LMS_ENVIRONMENT": "development",
            "LMS_MIN_TIME_ON_TASK_SHARE": "0",
        }
        for n in (1, 2)
    ]
    with gunicorn(envs[0]) as one, gunicorn(envs[1]) as two:
        yield (one, two), envs


def signed_in(base: str, user) -> HttpSession:
    browser = HttpSession(base)
    browser.sign_in(user.email)
    return browser


def on(base: str, browser: HttpSession) -> HttpSession:
    """The same browser (its cookies) talking to another server."""
    other = HttpSession(base)
    other.cookies = dict(browser.cookies)
    return other


def upload_evidence(browser: HttpSession) -> None:
    """Log outside CE with a PDF through the real multipart form."""
    fields = {
        "csrf_token": browser.csrf_token("/ce/outside/new"),
        "title": "Motivational interviewing webinar",
        "provider": "Harbor Training",
        "earned_on": "2026-03-14",
        "hours": "2",
        "topics": "ethics",
        "delivery": "webinar",
    }
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="evidence"; '
        f'filename="cert.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + PDF
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    status, _location, _ = browser.request(
        "POST", "/ce/outside/new", raw=(body, f"multipart/form-data; boundary={boundary}")
    )
    assert status == 302, "the outside CE form did not accept the evidence"


def test_two_servers_share_sessions_evidence_badges_certificates_limits_and_reminders(
    two_servers, create_user, create_course
):
    (one, two), envs = two_servers
    user = with_cheap_password(create_user(email="pat@example.org", legal_name="Pat Rivera"))

    # A session made on one server is valid on the other (one SECRET_KEY from configuration).
    browser = signed_in(one, user)
    status, _, page = on(two, browser).request("GET", "/dashboard")
    assert status == 200 and "Pat" in page

    # A certificate issued through one verifies on the other.
    version = create_course(slug="shared-course", lessons=1)
    attempt = ready_to_submit(browser, version)
    browser.submit(f"/attempts/{attempt}", {}, action=f"/attempts/{attempt}/submit")
    db.session.rollback()
    code = db.session.execute(db.select(Certificate)).scalar_one().display_code
    status, _, verified = HttpSession(two).request("GET", f"/verify/{code}")
    assert status == 200 and "Ethics Basics" in verified, verified[-3000:]

    # A badge signed by one verifies with the key the other publishes.
    _, _, token = browser.request("GET", f"/certificates/{code}/badge.jwt")
    _, _, jwks = HttpSession(two).request("GET", "/.well-known/jwks.json")
    key = jwt.PyJWKSet.from_json(jwks).keys[0].key
    assert jwt.decode(token, key, algorithms=["EdDSA"], options={"verify_aud": False})

    # Evidence uploaded through one downloads through the other.
    upload_evidence(browser)
    _, _, records = on(two, browser).request("GET", "/ce")
    evidence_path = "/evidence/" + records.split('href="/evidence/')[1].split('"')[0]
    status, _, body = on(two, browser).request("GET", evidence_path)
    assert status == 200 and body.startswith("%PDF")

    assert_reminders_go_once(user, envs)
    assert_rate_limit_holds_across(one, two, user)


def assert_reminders_go_once(user, envs) -> None:
    """`ce remind` run on both servers at the same moment emails the peer once."""
    today = date.today()
    certified = today + timedelta(days=25) - timedelta(days=730)
    with writing():
        db.session.add(
            UserCredential(
                user_id=user.id, name="IC&RC PR", rule_set="icrc-pr", certified_on=certified,
                expires_on=certified + timedelta(days=730),
            )
        )  # fmt: skip
        db.session.commit()
    command = [sys.executable, "-m", "flask", "--app", "lms", "ce", "remind"]
    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE) for env in envs]
    outputs = [run.communicate(timeout=120)[0].decode() for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    mails = [
        path.read_text()
        for env in envs
        for path in (ROOT / env["LMS_INSTANCE_PATH"] / "outbox").glob("*.eml")
    ]
    assert sum("To: pat@example.org" in mail for mail in mails) == 1, outputs
    db.session.rollback()
    assert db.session.execute(db.select(db.func.count(ReminderSent.id))).scalar() == 3


def assert_rate_limit_holds_across(one: str, two: str, user) -> None:
    """Five failed sign-ins per 15 minutes per address, counted in Redis: three wrong
    passwords on each server, and the sixth is refused."""
    statuses = [
        HttpSession(base).submit("/signin", {"email": user.email, "password": "wrong guess"})[0]
        for base in (one, two, one, two, one, two)
    ]
    assert 429 not in statuses[:5] and statuses[5] == 429, statuses
