"""Races on a real server: many tabs (or a frantic double-clicker) finishing the same quiz or
course at the same moment still earn exactly one graded attempt, one CE record and one
certificate, and every request gets an ordinary answer — never a server error.

The app is served by werkzeug's threaded server on a loopback port, so each request runs in its
own thread with its own database session, as in production. Fifty signed-in sessions of the same
learner wait at a barrier and post together. (On PostgreSQL, simultaneous completions and
evaluations once failed with unique-constraint errors; lms.learning.enrollments.lock makes them
take turns. On SQLite, BEGIN IMMEDIATE already does.)
"""

import threading
from datetime import timedelta

import pytest

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
    utcnow,
)
from tests.live_http import (
    HttpSession,
    all_at_once,
    read_every_lesson,
    ready_to_submit,
    with_cheap_password,
)

RACERS = 50


@pytest.fixture
def server(live_server):
    """The test app on 127.0.0.1, one thread per request (tests/conftest.py's live_server)."""
    return live_server


def race(base_url: str, email: str, form_path: str, action: str, data: dict | None = None) -> list:
    """Sign in RACERS separate sessions, read the form's token in each, then post together.

    Returns each racer's (status, location, body), or the exception it met.
    """
    return all_at_once(
        RACERS,
        base_url,
        email,
        ready=lambda browser: browser.csrf_token(form_path),
        step=lambda browser, token: browser.request(
            "POST", action, {"csrf_token": token, **(data or {})}
        ),
    )


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
