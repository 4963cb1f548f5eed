"""A crash in the middle of a burst of course completions loses nothing it acknowledged.

The app runs under gunicorn (two workers, as in production) on the tests' own database. Several
learners submit their last quiz at once; every gunicorn process is killed with SIGKILL right
after the first completion is acknowledged, then gunicorn starts again on the same database.
Every acknowledged completion must still be there with its CE record and its certificate, the
database must be intact, and every learner who was cut off can finish now, exactly once.
"""

import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from lms.extensions import db
from lms.models import CERecord, Certificate, Enrollment
from tests.helpers import make_question
from tests.live_http import HttpSession, ready_to_submit, with_cheap_password

PROJECT_ROOT = Path(__file__).resolve().parents[1]
GUNICORN = PROJECT_ROOT / ".venv/bin/gunicorn"
LEARNERS = 8
SLUG = "crash-course"


class Gunicorn:
    """gunicorn serving wsgi:app in its own process group, so one signal reaches every worker."""

    def __init__(self, database_uri: str, instance: Path, log: Path):
        # Bound here and handed over, so no other process can take the port in between; this
        # copy is closed once gunicorn holds it, so the kill closes it for good.
        listener = socket.create_server(("127.0.0.1", 0))
        self.port = listener.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "LMS_SQLALCHEMY_DATABASE_URI": database_uri,
            "LMS_SECRET_KEY": "fault-test-secret-key-not-for-production",
            "LMS_INSTANCE_PATH": str(instance),
            "LMS_PUBLIC_URL": self.base_url,
            # The burst completes courses in a blink; time on task has its own tests.
            "LMS_MIN_TIME_ON_TASK_SHARE": "0",
        }
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [GUNICORN, "--workers", "2", "--bind", f"fd://{listener.fileno()}", "wsgi:app"],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                pass_fds=[listener.fileno()],
                start_new_session=True,
            )
        listener.close()
        self.log = log
        self._wait_until_ready()

    def _wait_until_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited:\n{self.log_tail()}"
            try:
                if HttpSession(self.base_url).request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"gunicorn did not answer within {timeout} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def kill(self) -> None:
        """SIGKILL the master and both workers at once: no shutdown code runs anywhere."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)


@pytest.fixture
def gunicorn(database, tmp_path):
    """Start gunicorn(); every server started is stopped at the end."""
    started: list[Gunicorn] = []

    def start() -> Gunicorn:
        server = Gunicorn(database, tmp_path / "instance", tmp_path / "gunicorn.log")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def burst_of_submits(learners: list[tuple], server: Gunicorn) -> set[int]:
    """Every learner submits at once; SIGKILL lands as soon as one is acknowledged.

    Returns the attempt ids whose success response arrived (302 back to the attempt).
    """
    acknowledged: set[int] = set()
    first_ack = threading.Event()
    barrier = threading.Barrier(len(learners), timeout=30)

    def submit(browser: HttpSession, attempt_id: int) -> None:
        token = browser.csrf_token(f"/attempts/{attempt_id}")
        barrier.wait()
        try:
            status, location, _ = browser.request(
                "POST", f"/attempts/{attempt_id}/submit", {"csrf_token": token}
            )
        except (OSError, http.client.HTTPException):  # the connection died with the server
            return  # (refused, reset, or cut off half-way through the answer): not acknowledged
        if status == 302 and location.endswith(f"/attempts/{attempt_id}"):
            acknowledged.add(attempt_id)
            first_ack.set()

    threads = [threading.Thread(target=submit, args=(b, a)) for _user, b, a in learners]
    for thread in threads:
        thread.start()
    assert first_ack.wait(timeout=30), f"no completion acknowledged:\n{server.log_tail()}"
    server.kill()
    for thread in threads:
        thread.join(timeout=30)
    return acknowledged


def completion_of(user_id: int) -> tuple[list[CERecord], list[Certificate]]:
    db.session.rollback()  # read what gunicorn committed
    records = db.session.execute(db.select(CERecord).where(CERecord.user_id == user_id))
    certificates = db.session.execute(db.select(Certificate).where(Certificate.user_id == user_id))
    return list(records.scalars()), list(certificates.scalars())


def assert_completed_once(browser: HttpSession, user_id: int) -> None:
    records, certificates = completion_of(user_id)
    assert (len(records), len(certificates)) == (1, 1)
    assert certificates[0].ce_record_id == records[0].id
    status, _location, body = browser.request(
        "GET", f"/certificates/{certificates[0].display_code}.pdf"
    )
    assert (status, body[:4]) == (200, "%PDF")


def database_is_intact() -> None:
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL's own crash recovery has no user-level check like this
    db.session.rollback()
    assert db.session.execute(db.text("PRAGMA integrity_check")).scalar() == "ok"
    assert db.session.execute(db.text("PRAGMA foreign_key_check")).all() == []


def test_killing_gunicorn_mid_burst_keeps_every_acknowledged_completion(
    gunicorn, create_user, create_course
):
    version = create_course(
        slug=SLUG, lessons=1, questions=[make_question("q1"), make_question("q2")]
    )
    server = gunicorn()
    learners = []
    for n in range(LEARNERS):
        user = with_cheap_password(create_user(email=f"learner{n}@example.org"))
        browser = HttpSession(server.base_url)
        browser.sign_in(user.email)
        learners.append((user.id, browser, ready_to_submit(browser, version)))

    acknowledged = burst_of_submits(learners, server)

    assert 1 <= len(acknowledged) < LEARNERS, "the kill should land in the middle of the burst"
    server = gunicorn()  # the same database, after the crash
    database_is_intact()
    for user_id, browser, attempt_id in learners:
        browser.port = server.port  # the same signed-in session, on the restarted server
        if attempt_id in acknowledged:
            assert_completed_once(browser, user_id)
            continue
        # Cut off: committed before the kill (the response was lost) or rolled back. Either
        # way the learner carries on from the attempt page and ends with exactly one of each.
        page = f"/attempts/{attempt_id}"
        status, _location, html = browser.request("GET", page)
        assert status == 200, f"{page} answered {status}:\n{server.log_tail()}"
        if "Submit my answers" in html:
            status, location, _ = browser.submit(page, {}, action=f"{page}/submit")
            assert (status, location.endswith(page)) == (302, True), server.log_tail()
            html = browser.request("GET", page)[2]
        assert "your certificate is ready" in html, html
        assert_completed_once(browser, user_id)
    db.session.rollback()
    assert (
        db.session.execute(
            db.select(db.func.count(Enrollment.id)).where(Enrollment.completed_at.is_not(None))
        ).scalar()
        == LEARNERS
    )
