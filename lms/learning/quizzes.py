"""Course quizzes: what a learner may do with a quiz's attempts (pass once, a limited number of
tries) and the quiz's grade. Starting, saving and submitting follow lms.learning.attempts."""

import random
from typing import Any

from lms.learning import attempts as attempt_rules
from lms.learning.enrollments import LearningError
from lms.learning.grading import grade_attempt
from lms.models import Enrollment, QuizAttempt


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


def start_or_resume(enrollment: Enrollment, quiz: dict[str, Any]) -> QuizAttempt:
    """The open attempt if there is one; otherwise a new one, if attempts remain."""

    def new_attempt(past: list[QuizAttempt]) -> dict[str, Any]:
        if has_passed(past):
            raise LearningError("You have already passed this quiz.")
        if attempts_left(quiz, past) == 0:
            raise LearningError(
                "You have used every attempt this quiz allows. Please contact your trainer, "
                "who can talk through the material with you."
            )
        seen = attempt_rules.seen_questions(past)
        return {"shown": attempt_rules.draw_questions(quiz, seen, random.SystemRandom())}

    attempt, _started = attempt_rules.start_or_resume(
        QuizAttempt.enrollment_id, enrollment.id, new_attempt
    )
    return attempt


def submit(attempt: QuizAttempt, quiz: dict[str, Any]) -> bool:
    """Submit and grade the attempt exactly once. False when it had already been submitted."""
    if not attempt_rules.submit(attempt):
        return False
    attempt.score_percent, attempt.passed, attempt.results = grade_attempt(
        quiz, attempt.shown, attempt.answers
    )
    return True
