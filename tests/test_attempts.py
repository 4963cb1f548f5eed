"""Attempts (lms.learning.attempts), shared by course quizzes and the practice exam: a person has
at most one open attempt, even when two tabs start one at the same moment, and practice exams
taken before the guard existed keep their order."""

import os
import threading
from datetime import datetime

import pytest

from lms.extensions import db
from lms.learning import attempts
from lms.models import PracticeAttempt
from tests.helpers import app_on_a_copy_of_the_test_database

ON_POSTGRESQL = "postgresql" in os.environ.get("LMS_SQLALCHEMY_DATABASE_URI", "")


@pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="SQLite write requests take turns (BEGIN IMMEDIATE), so two starts never overlap",
)
def test_the_tab_that_loses_the_race_to_start_continues_the_winners_attempt(app, create_user):
    """Tab A reads "no open attempt", tab B opens one and commits, then A inserts: A's insert
    fails on the unique number and A continues B's attempt instead of opening a second."""
    user_id = create_user(email="two-tabs@example.org").id
    a_has_looked, b_has_committed = threading.Event(), threading.Event()
    results: dict[str, tuple[int, bool] | BaseException] = {}

    def slow_fields(past):
        a_has_looked.set()
        assert b_has_committed.wait(timeout=30), "tab B never committed"
        return {"shown": []}

    def tab(name: str, new_attempt) -> None:
        with app.app_context():
            try:
                attempt, started = attempts.start_or_resume(
                    PracticeAttempt.user_id, user_id, new_attempt
                )
                db.session.commit()
                results[name] = (attempt.id, started)
            except BaseException as error:  # reported by the assertions below
                results[name] = error
                a_has_looked.set()

    slow = threading.Thread(target=tab, args=("a", slow_fields))
    slow.start()
    assert a_has_looked.wait(timeout=30)
    tab("b", lambda past: {"shown": []})
    b_has_committed.set()
    slow.join(timeout=60)

    b_id, b_started = results["b"]
    assert b_started is True
    assert results["a"] == (b_id, False)
    db.session.rollback()
    opened = db.session.execute(db.select(PracticeAttempt)).scalars().all()
    assert [(a.id, a.number, a.submitted_at) for a in opened] == [(b_id, 1, None)]


@pytest.mark.skipif(ON_POSTGRESQL, reason="copies the SQLite database file to migrate it")
def test_practice_exams_taken_before_numbering_are_numbered_in_the_order_they_started(
    tmp_path, create_user
):
    from flask_migrate import downgrade, upgrade

    user_id = create_user(email="early@example.org").id
    starts = [datetime(2026, 3, 2), datetime(2026, 3, 1), datetime(2026, 3, 3)]
    for number, started_at in enumerate(starts, start=1):
        db.session.add(
            PracticeAttempt(
                user_id=user_id, number=number, started_at=started_at, shown=[], answers={}
            )
        )
    db.session.commit()
    target = tmp_path / "copy.db"
    app = app_on_a_copy_of_the_test_database(target)
    with app.app_context():
        downgrade(revision="5b1f0c2d7e41")  # before practice attempts had numbers
        upgrade()
        rows = db.session.execute(
            db.select(PracticeAttempt.started_at, PracticeAttempt.number).order_by(
                PracticeAttempt.id
            )
        ).all()
        db.engine.dispose()
    assert [(started.day, number) for started, number in rows] == [(2, 2), (1, 1), (3, 3)]


@pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="SQLite write requests take turns (BEGIN IMMEDIATE), so a save never reads stale data",
)
def test_answers_saved_by_two_tabs_are_both_kept_and_a_submitted_attempt_stays_final(
    app, create_user
):
    """Tab A holds the attempt as it was before tab B saved an answer and then submitted:
    A's save neither drops B's answer nor changes the graded attempt."""
    user_id = create_user(email="two-tabs@example.org").id
    shown = [{"id": q, "options": [], "choices": []} for q in ("q1", "q2", "q3")]
    attempt, _ = attempts.start_or_resume(
        PracticeAttempt.user_id, user_id, lambda p: {"shown": shown}
    )
    db.session.commit()
    stale = db.session.get(PracticeAttempt, attempt.id)
    _ = stale.answers  # tab A has read the attempt

    def tab_b(action) -> None:
        with app.app_context():
            mine = db.session.get(PracticeAttempt, attempt.id)
            action(mine)
            db.session.commit()

    tab_b(lambda mine: attempts.save_answer(mine, "q2", ["b"]))
    attempts.save_answer(stale, "q1", ["a"])
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(PracticeAttempt, attempt.id).answers == {"q1": ["a"], "q2": ["b"]}

    tab_b(attempts.submit)
    with pytest.raises(attempts.AttemptError, match="already submitted"):
        attempts.save_answer(stale, "q3", ["c"])
    db.session.rollback()
    assert db.session.get(PracticeAttempt, attempt.id).answers == {"q1": ["a"], "q2": ["b"]}
