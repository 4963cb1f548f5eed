"""Races on a real server: many tabs (or a frantic double-clicker) finishing the same quiz or
course at the same moment still earn exactly one graded attempt, one CE record and one
certificate, and every request gets an ordinary answer — never a server error.

The app is served by werkzeug's threaded server on a loopback port, so each request runs in its
own thread with its own database session, as in production. Fifty signed-in sessions of the same
learner wait at a barrier and post together. (On PostgreSQL, simultaneous completions and
evaluations once failed with unique-constraint errors; lms.learning.enrolment.lock makes them
take turns. On SQLite, BEGIN IMMEDIATE already does.)
"""

import http.client
import threading
from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from werkzeug.security import generate_password_hash

from lms.db import writing
from lms.extensions import db
from lms.models import (
    AuditEvent,
    CERecord,
    Certificate,
    CourseEvaluation,
    Enrollment,
    PracticeAttempt,
    QuizAttempt,
    User,
    utcnow,
)
from tests.conftest import CSRF_INPUT, DEFAULT_PASSWORD

RACERS = 50


class HttpSession:
    """One browser's worth of state over plain http.client: cookies and the CSRF token."""

    def __init__(self, base_url: str):
        host, port = base_url.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        """Send one request (no redirects followed); return (status, location, body)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
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


@pytest.fixture
def server(live_server):
    """The test app on 127.0.0.1, one thread per request (tests/conftest.py's live_server)."""
    return live_server


def race(base_url: str, email: str, form_path: str, action: str, data: dict | None = None) -> list:
    """Sign in RACERS separate sessions, read the form's token in each, then post together.

    Returns each racer's (status, location, body), or the exception it met.
    """
    barrier = threading.Barrier(RACERS, timeout=120)
    outcomes: list = [None] * RACERS

    def racer(n: int) -> None:
        try:
            browser = HttpSession(base_url)
            browser.sign_in(email)
            token = browser.csrf_token(form_path)
            barrier.wait()
            outcomes[n] = browser.request("POST", action, {"csrf_token": token, **(data or {})})
        except BaseException as error:  # reported by the test, with the others
            outcomes[n] = error
            barrier.abort()

    threads = [threading.Thread(target=racer, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return outcomes


def assert_every_answer_redirects_to(outcomes: list, target: str) -> None:
    problems = [
        o if isinstance(o, BaseException) else o[:2]
        for o in outcomes
        if isinstance(o, BaseException) or o[0] != 302 or not o[1].endswith(target)
    ]
    assert problems == [], f"{len(problems)} of {RACERS} requests went wrong: {problems[:5]}"


def count(model, *where) -> int:
    db.session.rollback()  # read what the server committed, not an old snapshot
    return db.session.execute(db.select(db.func.count(model.id)).where(*where)).scalar()


def audit_count(action: str) -> int:
    return count(AuditEvent, AuditEvent.action == action)


def with_cheap_password(user: User) -> User:
    """Hashing is not under test: a cheap hash lets many sessions sign in quickly."""
    with writing():
        db.session.get(User, user.id).password_hash = generate_password_hash(
            DEFAULT_PASSWORD, "pbkdf2:sha256:1"
        )
        db.session.commit()
    return user


def read_every_lesson(browser: HttpSession, version) -> None:
    """Through the real forms: enrol and read every lesson, so the quiz is next."""
    slug, lessons = version.course.slug, version.lesson_count
    db.session.rollback()  # end this read, so later writes here can begin IMMEDIATE
    browser.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enrol")
    for position in range(1, lessons + 1):
        browser.submit(f"/courses/{slug}/lessons/{position}", {})


def ready_to_submit(browser: HttpSession, version) -> int:
    """Through the real forms: enrol, read every lesson, start the quiz and answer every
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


def prepare_learner(base_url: str, create_user, create_course, slug: str, **course):
    """A learner who has read every lesson and answered the quiz (all right), not yet submitted."""
    version = create_course(slug=slug, lessons=2, **course)
    user = with_cheap_password(
        create_user(email=f"racer-{slug}@example.org", legal_name="Robin Racer")
    )
    browser = HttpSession(base_url)
    browser.sign_in(user.email)
    return user, ready_to_submit(browser, version)


def test_fifty_simultaneous_submits_grade_once_and_issue_one_certificate(
    server, create_user, create_course
):
    user, attempt_id = prepare_learner(server, create_user, create_course, "submit-race")
    page = f"/attempts/{attempt_id}"

    outcomes = race(server, user.email, page, f"{page}/submit")

    assert_every_answer_redirects_to(outcomes, page)
    db.session.rollback()  # forget what this session loaded before the race
    attempts = db.session.execute(db.select(QuizAttempt)).scalars().all()
    assert [(a.id, a.score_percent, a.passed) for a in attempts] == [(attempt_id, 100, True)]
    assert count(CERecord, CERecord.user_id == user.id) == 1
    assert count(Certificate, Certificate.user_id == user.id) == 1
    assert audit_count("course.completed") == 1
    assert audit_count("certificate.issued") == 1


def test_fifty_simultaneous_completions_credit_the_course_once(
    app, server, create_user, create_course
):
    """The online CE limit held completion back; once it allows, 50 tabs press "Complete"."""
    app.config["ONLINE_CE_MINUTES_PER_24H"] = 60
    user, attempt_id = prepare_learner(
        server, create_user, create_course, "complete-race", ce_minutes=60
    )
    with writing():  # an hour of online CE earned elsewhere on the site just now fills the cap
        earlier = CERecord(
            user_id=user.id,
            source="internal",
            title="An earlier course",
            minutes=60,
            topics=["ethics"],
            delivery="self-paced",
            earned_on=utcnow().date(),
            status="verified",
        )
        db.session.add(earlier)
        db.session.commit()
    browser = HttpSession(server)
    browser.sign_in(user.email)
    browser.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    assert count(CERecord, CERecord.enrollment_id.is_not(None)) == 0, "the limit should hold"
    with writing():  # a day goes by
        earlier = db.session.get(CERecord, earlier.id)
        earlier.created_at = utcnow() - timedelta(hours=25)
        db.session.commit()

    outcomes = race(server, user.email, "/courses/complete-race", "/courses/complete-race/complete")

    assert_every_answer_redirects_to(outcomes, "/courses/complete-race")
    assert count(CERecord, CERecord.enrollment_id.is_not(None)) == 1
    assert count(Certificate, Certificate.user_id == user.id) == 1
    assert count(Enrollment, Enrollment.completed_at.is_not(None)) == 1
    assert audit_count("course.completed") == 1
    assert audit_count("certificate.issued") == 1


def test_fifty_simultaneous_evaluations_keep_one_and_complete_once(
    server, create_user, create_course
):
    """The evaluation is the last requirement; 50 tabs send it at once."""
    user, attempt_id = prepare_learner(
        server, create_user, create_course, "evaluation-race", evaluation=True
    )
    browser = HttpSession(server)
    browser.sign_in(user.email)
    browser.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    assert count(Enrollment, Enrollment.completed_at.is_not(None)) == 0, "evaluation still due"
    ratings = {"objectives": "5", "useful": "4", "clear": "5", "respectful": "5"}

    evaluation = "/courses/evaluation-race/evaluation"
    outcomes = race(server, user.email, evaluation, evaluation, ratings)

    answers = [o if isinstance(o, BaseException) else o[0] for o in outcomes]
    assert (answers.count(302), answers.count(200)) == (1, RACERS - 1), answers
    thanks = [o[2] for o in outcomes if o[0] == 200]
    assert all("you already gave your evaluation" in page for page in thanks)
    assert count(CourseEvaluation) == 1
    assert count(CERecord, CERecord.enrollment_id.is_not(None)) == 1
    assert count(Certificate, Certificate.user_id == user.id) == 1
    assert audit_count("course.completed") == 1


def test_two_courses_finishing_at_once_respect_the_online_limit(
    app, server, create_user, create_course
):
    """With room for one more hour of online CE today, two one-hour courses submitted at the
    same moment (two tabs) credit one; the other says when it can finish."""
    app.config["ONLINE_CE_MINUTES_PER_24H"] = 60
    first = create_course(slug="first-hour", lessons=1, ce_minutes=60)
    second = create_course(slug="second-hour", lessons=1, ce_minutes=60)
    user = with_cheap_password(create_user(email="two@example.org", legal_name="Dana Pike"))
    browsers, pages = [], []
    for version in (first, second):
        browser = HttpSession(server)
        browser.sign_in(user.email)
        pages.append(f"/attempts/{ready_to_submit(browser, version)}")
        browsers.append(browser)
    tokens = [b.csrf_token(page) for b, page in zip(browsers, pages, strict=True)]
    barrier = threading.Barrier(2, timeout=60)
    outcomes: list = [None, None]

    def submit(n: int) -> None:
        barrier.wait()
        outcomes[n] = browsers[n].request("POST", f"{pages[n]}/submit", {"csrf_token": tokens[n]})

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [o[0] for o in outcomes] == [302, 302]
    assert count(CERecord, CERecord.user_id == user.id) == 1
    assert count(Certificate, Certificate.user_id == user.id) == 1
    assert count(QuizAttempt, QuizAttempt.passed.is_(True)) == 2  # both passes are kept


def assert_one_open_attempt_for_everyone(outcomes: list, model, first_question: str) -> None:
    """Every racer was sent to question 1 of the same attempt, the only one there is."""
    db.session.rollback()
    attempts = db.session.execute(db.select(model)).scalars().all()
    assert [a.submitted_at for a in attempts] == [None], "exactly one attempt, and open"
    assert_every_answer_redirects_to(outcomes, first_question.format(id=attempts[0].id))


def test_fifty_tabs_starting_the_practice_exam_at_once_open_one_attempt(server, create_user):
    """On PostgreSQL these once opened an exam each; now they all continue the same one."""
    user = with_cheap_password(create_user(email="tabs@example.org", legal_name="Kim Tabs"))

    outcomes = race(
        server, user.email, "/certification/exam", "/certification/exam", {"timing": "untimed"}
    )

    assert_one_open_attempt_for_everyone(
        outcomes, PracticeAttempt, "/certification/exam/{id}/questions/1"
    )
    assert audit_count("practice_exam.started") == 1


def test_fifty_tabs_starting_a_quiz_at_once_open_one_attempt(server, create_user, create_course):
    version = create_course(slug="start-race", lessons=1)
    user = with_cheap_password(create_user(email="quiz-tabs@example.org", legal_name="Lee Tabs"))
    browser = HttpSession(server)
    browser.sign_in(user.email)
    read_every_lesson(browser, version)

    outcomes = race(server, user.email, "/courses/start-race/quiz", "/courses/start-race/quiz")

    assert_one_open_attempt_for_everyone(outcomes, QuizAttempt, "/attempts/{id}/questions/1")
