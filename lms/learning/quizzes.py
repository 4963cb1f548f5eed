"""Quiz attempts: draw, save answers as the learner goes, submit exactly once."""

import random
from typing import Any

from sqlalchemy.exc import IntegrityError

from lms.extensions import db
from lms.learning.enrolment import LearningError
from lms.learning.grading import grade_attempt
from lms.models import Enrollment, QuizAttempt, utcnow


def attempts_of(enrollment: Enrollment) -> list[QuizAttempt]:
    return list(
        db.session.execute(
            db.select(QuizAttempt)
            .where(QuizAttempt.enrollment_id == enrollment.id)
            .order_by(QuizAttempt.number)
        ).scalars()
    )


def has_passed(attempts: list[QuizAttempt]) -> bool:
    """The best attempt counts: one pass is enough."""
    return any(a.passed for a in attempts)


def attempts_left(quiz: dict[str, Any], attempts: list[QuizAttempt]) -> int | None:
    """None when unlimited."""
    allowed = quiz["attempts_allowed"]
    if not allowed:
        return None
    return max(0, allowed - sum(1 for a in attempts if a.submitted_at is not None))


def draw_questions(
    quiz: dict[str, Any], seen: set[str], rng: random.Random
) -> list[dict[str, Any]]:
    """Pick this attempt's questions, preferring ones not seen before, and fix their order."""
    pool = [q["id"] for q in quiz["questions"]]
    count = quiz["questions_per_attempt"] or len(pool)
    fresh = [q for q in pool if q not in seen]
    old = [q for q in pool if q in seen]
    rng.shuffle(fresh)
    rng.shuffle(old)
    chosen = (fresh + old)[:count]
    if quiz["shuffle"]:
        rng.shuffle(chosen)
    else:
        chosen.sort(key=pool.index)
    by_id = {q["id"]: q for q in quiz["questions"]}
    return [_shown(by_id[qid], quiz["shuffle"], rng) for qid in chosen]


def _shown(question: dict[str, Any], shuffle: bool, rng: random.Random) -> dict[str, Any]:
    options = [o["id"] for o in question["options"]]
    choices = sorted({p["right"] for p in question["pairs"]})
    if shuffle and question["kind"] != "true_false":
        rng.shuffle(options)
        rng.shuffle(choices)
    return {"id": question["id"], "options": options, "choices": choices}


def start_or_resume(enrollment: Enrollment, quiz: dict[str, Any]) -> QuizAttempt:
    """The open attempt if there is one; otherwise a new one, if attempts remain."""
    attempts = attempts_of(enrollment)
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    if open_attempt is not None:
        return open_attempt
    if has_passed(attempts):
        raise LearningError("You have already passed this quiz.")
    if attempts_left(quiz, attempts) == 0:
        raise LearningError(
            "You have used every attempt this quiz allows. Please contact your trainer, "
            "who can talk through the material with you."
        )
    seen = {item["id"] for a in attempts for item in a.shown}
    attempt = QuizAttempt(
        enrollment_id=enrollment.id,
        number=len(attempts) + 1,
        shown=draw_questions(quiz, seen, random.SystemRandom()),
        answers={},
    )
    db.session.add(attempt)
    try:
        db.session.flush()
    except IntegrityError:
        # A second tab started the same attempt a moment earlier: continue that one.
        db.session.rollback()
        return next(a for a in attempts_of(enrollment) if a.submitted_at is None)
    return attempt


def save_answer(attempt: QuizAttempt, question_id: str, answer: Any) -> None:
    if attempt.submitted_at is not None:
        raise LearningError("This attempt was already submitted, so its answers are final.")
    if question_id not in {item["id"] for item in attempt.shown}:
        raise LearningError("That question is not part of this attempt.")
    attempt.answers = {**attempt.answers, question_id: answer}


def submit(attempt: QuizAttempt, quiz: dict[str, Any]) -> bool:
    """Grade the attempt exactly once. Returns False when it had already been submitted
    (a double click, a resubmitted form or a second tab)."""
    claimed = db.session.execute(
        db.update(QuizAttempt)
        .where(QuizAttempt.id == attempt.id, QuizAttempt.submitted_at.is_(None))
        .values(submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.refresh(attempt)
        return False
    db.session.refresh(attempt)
    percent, passed, points = grade_attempt(quiz, attempt.shown, attempt.answers)
    attempt.score_percent = percent
    attempt.passed = passed
    attempt.results = points
    return True
