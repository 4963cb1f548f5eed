"""Attempts at drawn questions, the rules a course quiz and the practice exam share: draw the
questions (unseen ones first), start an attempt or resume the open one, save answers as the
person goes, and submit exactly once (graded then by lms.learning.grading, by option ids).

An attempt belongs to an owner, named by a column of its model: `QuizAttempt.enrollment_id` (an
enrollment) or `PracticeAttempt.user_id` (a person). Attempts are numbered per owner and the
(owner, number) pair is unique: that is what keeps an owner to one open attempt when two tabs
start at the same moment, on SQLite (where write requests take turns anyway) and on PostgreSQL
(where they do not, and the second insert of the same number fails).

Pure logic and the database; no request, no flash, no commit (the caller commits).
"""

import random
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute

from lms.extensions import db
from lms.i18n import _
from lms.learning.enrollments import LearningError
from lms.models import PracticeAttempt, QuizAttempt, utcnow

Attempt = QuizAttempt | PracticeAttempt
# What messages call an attempt of each kind.
# How many times to look again when another tab took the next number and already finished it.
START_TRIES = 3


class AttemptError(LearningError):
    """A change an attempt does not allow; the message says why."""


def history(owner: InstrumentedAttribute, owner_id: int) -> list[Attempt]:
    """Every attempt of one owner, oldest first."""
    model = owner.class_
    return list(
        db.session.execute(
            db.select(model).where(owner == owner_id).order_by(model.number)
        ).scalars()
    )


def open_attempt(attempts: list[Attempt]) -> Attempt | None:
    """The attempt not yet submitted, if any (the newest, should old data hold two)."""
    unsubmitted = [a for a in attempts if a.submitted_at is None]
    return max(unsubmitted, key=lambda a: a.number, default=None)


def seen_questions(attempts: list[Attempt]) -> dict[str, int]:
    """Every question these attempts have shown: id -> number of the last attempt showing it."""
    return {
        item["id"]: a.number for a in sorted(attempts, key=lambda a: a.number) for item in a.shown
    }


def start_or_resume(
    owner: InstrumentedAttribute,
    owner_id: int,
    new_attempt: Callable[[list[Attempt]], dict[str, Any]],
) -> tuple[Attempt, bool]:
    """(attempt, started): the owner's open attempt if there is one; otherwise a new one.

    `new_attempt(past attempts)` gives the new attempt's fields (at least "shown"), or raises
    when the owner may not start another. When another tab opens the next attempt first, the
    insert fails on the unique number and that tab's attempt is the one returned.
    """
    for _try in range(START_TRIES):
        attempts = history(owner, owner_id)
        current = open_attempt(attempts)
        if current is not None:
            return current, False
        number = max((a.number for a in attempts), default=0) + 1
        fields = new_attempt(attempts)
        attempt = owner.class_(**{owner.key: owner_id}, number=number, answers={}, **fields)
        try:
            with db.session.begin_nested():
                db.session.add(attempt)
        except IntegrityError:
            continue  # another tab took this number a moment ago: look again
        return attempt, True
    raise AttemptError(_("Another attempt is starting at the same moment. Please try again."))


def draw_questions(
    quiz: dict[str, Any], seen: dict[str, int], rng: random.Random
) -> list[dict[str, Any]]:
    """Pick an attempt's questions at random: ones never seen first, then the least recently
    seen (`seen`: question id -> the last attempt that showed it); then fix their order."""
    pool = [q["id"] for q in quiz["questions"]]
    count = quiz["questions_per_attempt"] or len(pool)
    fresh = [q for q in pool if q not in seen]
    old = [q for q in pool if q in seen]
    rng.shuffle(fresh)
    rng.shuffle(old)
    old.sort(key=seen.__getitem__)  # stable: random among questions last seen together
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


def save_answer(attempt: Attempt, question_id: str, answer: Any) -> None:
    """Keep one answer (option ids, typed text or pair choices) on an open attempt.

    The attempt is read again, its row locked until the caller commits (PostgreSQL; SQLite's
    write requests take turns anyway): a save never writes over an answer another tab saved
    meanwhile, nor changes an attempt a submit has just graded."""
    db.session.refresh(attempt, with_for_update=True)
    practice = isinstance(attempt, PracticeAttempt)
    if attempt.submitted_at is not None:
        raise AttemptError(
            _("This practice exam was already submitted, so its answers are final.")
            if practice
            else _("This attempt was already submitted, so its answers are final.")
        )
    if question_id not in {item["id"] for item in attempt.shown}:
        raise AttemptError(
            _("That question is not part of this practice exam.")
            if practice
            else _("That question is not part of this attempt.")
        )
    attempt.answers = {**attempt.answers, question_id: answer}


def first_unanswered(attempt: Attempt) -> int:
    """The number (from 1) of the first question without an answer; 1 if all have one."""
    for number, item in enumerate(attempt.shown, start=1):
        if item["id"] not in attempt.answers:
            return number
    return 1


def unanswered_numbers(attempt: Attempt) -> list[int]:
    """The numbers (from 1) of the questions shown in this attempt that have no answer saved:
    skipped, or never reached."""
    return [
        number
        for number, item in enumerate(attempt.shown, start=1)
        if item["id"] not in attempt.answers
    ]


def next_number(attempt: Attempt, number: int, *, back: bool) -> int | None:
    """The question to show after saving question `number`; None past either end."""
    target = number - 1 if back else number + 1
    return target if 1 <= target <= len(attempt.shown) else None


def submit(attempt: Attempt) -> bool:
    """Mark the attempt submitted, exactly once; the caller then grades it (lms.learning.grading).

    False when it had already been submitted (a double click, a resubmitted form or a second
    tab): the conditional update lets only one request claim it, on any database.
    """
    model = type(attempt)
    claimed = db.session.execute(
        db.update(model)
        .where(model.id == attempt.id, model.submitted_at.is_(None))
        .values(submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(attempt)
    return claimed == 1
