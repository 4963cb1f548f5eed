"""A browser over plain http.client, for tests that talk to a real server on a loopback port
(many sessions racing, a server killed mid-burst): cookies, CSRF tokens and the steps a learner
takes to reach a quiz ready to submit."""

import http.client
import threading
from collections.abc import Callable
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from werkzeug.security import generate_password_hash

from lms.db import writing
from lms.extensions import db
from lms.models import QuizAttempt, User
from tests.helpers import CSRF_INPUT, DEFAULT_PASSWORD


class HttpSession:
    """One browser's worth of state over plain http.client: cookies and the CSRF token."""

    def __init__(self, base_url: str):
        host, port = base_url.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, raw=None):
        """Send one request (no redirects followed); return (status, location, body). `raw`
        is a ready body and its content type (a multipart upload)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if raw is not None:
            body, headers["Content-Type"] = raw
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers.get("Location", ""), text
        finally:
            connection.close()

    def csrf_token(self, path: str) -> str:
        status, _location, html = self.request("GET", path)
        match = CSRF_INPUT.search(html)
        assert status == 200 and match, f"no form with a CSRF token at {path} ({status})"
        return next(group for group in match.groups() if group)

    def submit(self, form_path: str, data: dict, action: str | None = None):
        data = {"csrf_token": self.csrf_token(form_path), **data}
        return self.request("POST", action or form_path, data)

    def sign_in(self, email: str, password: str = DEFAULT_PASSWORD) -> None:
        status, location, _ = self.submit("/signin", {"email": email, "password": password})
        assert status == 302 and "/signin" not in location, "sign-in failed"


def all_at_once(
    count: int,
    base_url: str,
    email: str,
    step: Callable[[HttpSession, object], object],
    ready: Callable[[HttpSession], object] = lambda browser: None,
) -> list:
    """Sign `count` separate sessions in as `email`, let each get `ready` (e.g. read a form's
    token), then run `step(browser, what ready gave)` in all of them at the same moment.

    Returns each session's result, or the exception it met (the others are then released)."""
    barrier = threading.Barrier(count, timeout=120)
    outcomes: list = [None] * count

    def session(n: int) -> None:
        try:
            browser = HttpSession(base_url)
            browser.sign_in(email)
            prepared = ready(browser)
            barrier.wait()
            outcomes[n] = step(browser, prepared)
        except BaseException as error:  # reported by the test, with the others
            outcomes[n] = error
            barrier.abort()

    threads = [threading.Thread(target=session, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return outcomes


def with_cheap_password(user: User) -> User:
    """Hashing is not under test: a cheap hash lets many sessions sign in quickly."""
    with writing():
        db.session.get(User, user.id).password_hash = generate_password_hash(
            DEFAULT_PASSWORD, "pbkdf2:sha256:1"
        )
        db.session.commit()
    return user


def read_every_lesson(browser: HttpSession, version) -> None:
    """Through the real forms: enroll and read every lesson, so the quiz is next."""
    slug, lessons = version.course.slug, version.lesson_count
    db.session.rollback()  # end this read, so later writes here can begin IMMEDIATE
    browser.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll")
    for position in range(1, lessons + 1):
        browser.submit(f"/courses/{slug}/lessons/{position}", {})


def ready_to_submit(browser: HttpSession, version) -> int:
    """Through the real forms: enroll, read every lesson, start the quiz and answer every
    question right. Returns the id of the open (answered, not submitted) attempt."""
    slug = version.course.slug
    questions = {q["id"]: q for q in version.quiz["questions"]}
    read_every_lesson(browser, version)
    status, location, _ = browser.submit(f"/courses/{slug}/quiz", {})
    assert status == 302, "the quiz did not start"
    attempt_id = int(location.split("/attempts/")[1].split("/")[0])
    shown = db.session.get(QuizAttempt, attempt_id).shown
    db.session.rollback()
    for number, item in enumerate(shown, start=1):
        right = [o["id"] for o in questions[item["id"]]["options"] if o["correct"]]
        browser.submit(f"/attempts/{attempt_id}/questions/{number}", {"option": right})
    return attempt_id
