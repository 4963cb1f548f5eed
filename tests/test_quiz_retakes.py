"""Quizzes that measure learning: retakes draw other items, a failed attempt points to the
lessons to reread without giving the answers away, and attempts per day are limited."""

from datetime import datetime

from lms.extensions import db
from lms.models import QuizAttempt
from tests.helpers import AuthActions, make_question
from tests.journeys import answer_all, start_attempt

SLUG = "ethics-basics"


def enrolled(client, create_user, time_zone="UTC"):
    user = create_user()
    user.time_zone = time_zone
    db.session.commit()
    AuthActions(client).signin(user.email)
    client.submit(f"/courses/{SLUG}", {}, action=f"/courses/{SLUG}/enroll")
    return user


def fail_attempt(client, version) -> int:
    attempt_id = start_attempt(client, SLUG)
    answer_all(client, attempt_id, right=False, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    return attempt_id


def shown(attempt_id: int) -> set[str]:
    return {item["id"] for item in db.session.get(QuizAttempt, attempt_id).shown}


def test_a_third_attempt_draws_the_least_recently_seen_items(
    app, client, create_user, create_course
):
    app.config["QUIZ_ATTEMPTS_PER_DAY"] = 0
    version = create_course(
        questions=[make_question(f"q{n}") for n in range(1, 6)], questions_per_attempt=3
    )
    enrolled(client, create_user)
    first, second = fail_attempt(client, version), fail_attempt(client, version)
    only_first = shown(first) - shown(second)
    assert len(shown(first) & shown(second)) == 1  # five items, three a draw: one repeats
    third = start_attempt(client, SLUG)
    assert only_first <= shown(third)  # the two not seen since attempt 1 come back first


def review_question(qid: str, review: str) -> dict:
    question = make_question(qid)
    question["options"][0]["text"] = f"Keyed answer of {qid}"
    return {**question, "review": review, "item_kind": "applied"}


def test_a_failed_attempt_lists_lessons_to_reread_and_hides_the_answers(
    client, create_user, create_course
):
    questions = [review_question("q1", "02-lesson"), review_question("q2", "")]
    version = create_course(questions=questions, reveal="after_passing")
    enrolled(client, create_user)
    page = client.get(f"/attempts/{fail_attempt(client, version)}").get_data(as_text=True)
    assert "What to review" in page
    assert f'href="/courses/{SLUG}/lessons/2">Reread “Lesson 2”' in page
    assert "Question q1" in page and "Questions to think through again" in page
    assert "Keyed answer of" not in page and "Feedback for" not in page
    assert "Why q1." not in page


def test_answers_are_shown_once_the_learner_passes(client, create_user, create_course):
    questions = [review_question("q1", "01-lesson")]
    version = create_course(questions=questions, reveal="after_passing")
    enrolled(client, create_user)
    attempt_id = start_attempt(client, SLUG)
    answer_all(client, attempt_id, right=True, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert "Keyed answer of q1" in page and "What to review" not in page


def test_reveal_never_shows_no_answers_even_after_passing(client, create_user, create_course):
    version = create_course(questions=[review_question("q1", "01-lesson")], reveal="never")
    enrolled(client, create_user)
    attempt_id = start_attempt(client, SLUG)
    answer_all(client, attempt_id, right=True, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    assert "Keyed answer of q1" not in client.get(f"/attempts/{attempt_id}").get_data(as_text=True)


def test_attempts_per_day_count_the_learners_own_day(app, client, create_user, create_course):
    app.config["QUIZ_ATTEMPTS_PER_DAY"] = 2
    version = create_course()
    enrolled(client, create_user, time_zone="America/Los_Angeles")
    first, second = fail_attempt(client, version), fail_attempt(client, version)
    # 05:30 and 06:30 UTC on 2 March are 21:30 and 22:30 on 1 March in Los Angeles.
    for attempt_id, hour in ((first, 5), (second, 6)):
        db.session.get(QuizAttempt, attempt_id).started_at = datetime(2026, 3, 2, hour, 30)
    db.session.commit()
    from lms.learning import quizzes

    user = db.session.get(QuizAttempt, first).enrollment.user
    attempts = quizzes.attempts_of(db.session.get(QuizAttempt, first).enrollment)
    # Still 1 March in Los Angeles at 07:59 UTC: the limit holds until local midnight.
    blocked = quizzes.next_try(user, attempts, 2, now=datetime(2026, 3, 2, 7, 59))
    assert blocked.isoformat() == "2026-03-02T00:00:00-08:00"
    assert quizzes.next_try(user, attempts, 2, now=datetime(2026, 3, 2, 8, 0)) is None
    assert quizzes.next_try(user, attempts, 0, now=datetime(2026, 3, 2, 7, 59)) is None


def test_a_learner_at_the_daily_limit_is_told_when_to_try_again(
    app, client, create_user, create_course
):
    app.config["QUIZ_ATTEMPTS_PER_DAY"] = 1
    version = create_course()
    enrolled(client, create_user, time_zone="Pacific/Auckland")
    fail_attempt(client, version)
    page = client.get(f"/courses/{SLUG}/quiz").get_data(as_text=True)
    assert "You can try again from 00:00 on" in page and "Pacific/Auckland time" in page
    refused = client.submit(f"/courses/{SLUG}/quiz", {}, follow_redirects=True)
    assert "You can try again from 00:00" in refused.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(QuizAttempt.id))).scalar() == 1
