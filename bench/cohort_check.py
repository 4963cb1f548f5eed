"""The database side of `bench cohort`, run inside an app context on the benchmark's database:
session cookies for the learners before the run, and afterwards the answers the server
acknowledged but the database does not hold."""

from flask import Flask
from werkzeug.datastructures import MultiDict

from bench.cohort_learners import SavedAnswer


def session_cookies(app: Flask, emails: list[str]) -> list[str]:
    """A `name=value` session cookie for each account, issued exactly as a successful sign-in
    issues it: Flask-Login's `login_user` (which starts the session clock) and the app's own
    session interface in `process_response`, signed with the app's secret key. Only the
    password check is skipped (scrypt on purpose takes ~0.1 s a person)."""
    from flask_login import login_user

    from lms.extensions import db
    from lms.models import User

    users = db.session.execute(db.select(User).where(User.email.in_(emails))).scalars()
    by_email = {user.email: user for user in users}
    name = app.config["SESSION_COOKIE_NAME"]
    cookies = []
    for email in emails:
        with app.test_request_context("/signin", method="POST"):
            login_user(by_email[email])
            response = app.process_response(app.make_response(("", 302)))
        cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(name))
        cookies.append(cookie.split(";", 1)[0])
    db.session.commit()  # end the read, so later reads here see what the server writes
    return cookies


def lost_answers(saved: list[SavedAnswer]) -> int:
    """How many acknowledged answers the database does not hold as sent: each form is read
    again by the app's own rule (lms.learning.answers.read_answer) against the question the
    attempt showed at that number, and compared with the answer stored on the attempt."""
    from lms.extensions import db
    from lms.learning.answers import read_answer
    from lms.models import QuizAttempt

    ids = sorted({answer.attempt_id for answer in saved})
    attempts = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = db.select(QuizAttempt).where(QuizAttempt.id.in_(chunk))
        attempts.update({a.id: a for a in db.session.execute(query).scalars()})
    lost = 0
    for answer in saved:
        attempt = attempts.get(answer.attempt_id)
        if attempt is None:
            lost += 1
            continue
        item = attempt.shown[answer.number - 1]
        questions = {q["id"]: q for q in attempt.enrollment.version.quiz["questions"]}
        expected, _problem = read_answer(questions[item["id"]], item, MultiDict(answer.form))
        lost += attempt.answers.get(item["id"]) != expected
    return lost


def stored_counts(slug: str) -> dict[str, int]:
    """Attempts at the course's quiz, how many are submitted, and the answers they hold."""
    from lms.extensions import db
    from lms.models import Course, Enrollment, QuizAttempt

    attempts = db.session.execute(
        db.select(QuizAttempt)
        .join(Enrollment, Enrollment.id == QuizAttempt.enrollment_id)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Course.slug == slug)
    ).scalars()
    counts = {"attempts": 0, "submitted": 0, "answers": 0}
    for attempt in attempts:
        counts["attempts"] += 1
        counts["submitted"] += attempt.submitted_at is not None
        counts["answers"] += len(attempt.answers)
    return counts
