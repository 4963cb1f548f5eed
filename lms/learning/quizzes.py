"""Course quizzes: what a learner may do with a quiz's attempts (pass once, a limited number of
tries) and the quiz's grade. Starting, saving and submitting follow lms.learning.attempts."""

import random
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from lms.i18n import _
from lms.learning import attempts as attempt_rules
from lms.learning.enrollments import LearningError
from lms.learning.grading import grade_attempt
from lms.localtime import local_date
from lms.models import Enrollment, QuizAttempt, User, utcnow


def attempts_of(enrollment: Enrollment) -> list[QuizAttempt]:
    """The enrollment's attempts, oldest first."""
    return attempt_rules.history(QuizAttempt.enrollment_id, enrollment.id)


def has_passed(attempts: list[QuizAttempt]) -> bool:
    """The best attempt counts: one pass is enough."""
    return any(a.passed for a in attempts)


def attempts_left(quiz: dict[str, Any], attempts: list[QuizAttempt]) -> int | None:
    """None when unlimited."""
    allowed = quiz["attempts_allowed"]
    if not allowed:
        return None
    return max(0, allowed - sum(1 for a in attempts if a.submitted_at is not None))


def next_try(
    user: User, attempts: list[QuizAttempt], per_day: int, now: datetime | None = None
) -> datetime | None:
    """When the learner may start another attempt (an aware datetime in their own zone), or
    None when today's limit is not reached. Days are the learner's calendar days; 0: no limit."""
    now = now or utcnow()
    today = local_date(now, user.time_zone)
    started_today = sum(1 for a in attempts if local_date(a.started_at, user.time_zone) == today)
    if not per_day or started_today < per_day:
        return None
    return datetime.combine(today + timedelta(days=1), time(), ZoneInfo(user.time_zone))


def try_again_sentence(moment: datetime) -> str:
    """ "You can try again from 00:00 on 2026-03-15 (America/Chicago time)." """
    return _(
        "You have started as many attempts as one day allows; take the time to reread the "
        "lessons. You can try again from %(time)s on %(day)s (%(zone)s time).",
        time=moment.strftime("%H:%M"),
        day=moment.date().isoformat(),
        zone=str(moment.tzinfo),
    )


def start_or_resume(enrollment: Enrollment, quiz: dict[str, Any], per_day: int = 0) -> QuizAttempt:
    """The open attempt if there is one; otherwise a new one, if attempts remain today and in
    all. The limits are checked on the attempts read inside the start (lms.learning.attempts),
    so two tabs starting at once cannot both get past them."""

    def new_attempt(past: list[QuizAttempt]) -> dict[str, Any]:
        if has_passed(past):
            raise LearningError(_("You have already passed this quiz."))
        if attempts_left(quiz, past) == 0:
            raise LearningError(
                _(
                    "You have used every attempt this quiz allows. Please contact your trainer, "
                    "who can talk through the material with you."
                )
            )
        if (moment := next_try(enrollment.user, past, per_day)) is not None:
            raise LearningError(try_again_sentence(moment))
        seen = attempt_rules.seen_questions(past)
        return {"shown": attempt_rules.draw_questions(quiz, seen, random.SystemRandom())}

    attempt, _started = attempt_rules.start_or_resume(
        QuizAttempt.enrollment_id, enrollment.id, new_attempt
    )
    return attempt


def review_lessons(
    version_lessons: list, quiz: dict[str, Any], attempt: QuizAttempt
) -> list[tuple[Any, list[str]]]:
    """The lessons to reread after an attempt: (lesson, titles of the missed items naming it),
    in course order, then (None, titles) for missed items that name no lesson. Built from each
    item's `review:` metadata; never shows an answer."""
    by_id = {q["id"]: q for q in quiz["questions"]}
    by_key = {lesson.key: lesson for lesson in version_lessons}
    missed: dict[Any, list[str]] = {}
    for item in attempt.shown:
        question = by_id.get(item["id"])
        if question is None or (attempt.results or {}).get(item["id"]) == "1":
            continue
        lesson = by_key.get(question.get("review") or "")
        missed.setdefault(lesson, []).append(question["title"])
    order = [lesson for lesson in version_lessons if lesson in missed]
    return [(lesson, missed[lesson]) for lesson in order] + (
        [(None, missed[None])] if None in missed else []
    )


def submit(attempt: QuizAttempt, quiz: dict[str, Any]) -> bool:
    """Submit and grade the attempt exactly once. False when it had already been submitted."""
    if not attempt_rules.submit(attempt):
        return False
    attempt.score_percent, attempt.passed, attempt.results = grade_attempt(
        quiz, attempt.shown, attempt.answers
    )
    return True
