"""Time on task: how long a learner really studied a course, counted on the server.

One clock per enrollment. Each counted request (a lesson's "Continue", starting the quiz, saving
an answer, submitting) adds the time since the later of the clock's last counted moment and the
moment its page was shown (a signed stamp in the form, so showing a page writes nothing), capped
at IDLE_CUTOFF_SECONDS. Ten tabs opened at once therefore add up to the time they were open, not
ten times it, and a tab left open overnight adds at most the cutoff. Each lesson, and the quiz,
counts at most TASK_CAP_MULTIPLE times its estimated reading time (lms/content/estimate.py).

A course completes for CE only once the time reaches MIN_TIME_ON_TASK_SHARE of its claimed CE
minutes (0 turns the rule off).
"""

import math
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from itsdangerous import BadSignature, URLSafeSerializer

from lms.content.estimate import estimate_seconds
from lms.extensions import db
from lms.i18n import ngettext
from lms.learning import quizzes
from lms.models import Enrollment, Lesson, LessonProgress, utcnow

# No request for this long means the learner stepped away: an interval counts for at most this.
# Ten minutes is about the longest one screen of lesson text takes to read with care.
IDLE_CUTOFF_SECONDS = 10 * 60
# A lesson (or the quiz) counts for at most this many times its estimated reading time.
TASK_CAP_MULTIPLE = 3
# A lesson with almost no text (a video, a picture) still counts for at least this long.
MIN_TASK_CAP_SECONDS = 5 * 60


def now() -> datetime:
    """The clock time on task is counted by (UTC, naive, as stored)."""
    return utcnow()


@lru_cache(maxsize=4)
def _stamps(secret_key: str) -> URLSafeSerializer:
    """One signer per key, made once: the lesson page stamps every response."""
    return URLSafeSerializer(secret_key, salt="page-shown")


def page_stamp(secret_key: str, enrollment_id: int, shown_at: datetime) -> str:
    """A signed note of when a page was shown, carried in its form; showing it writes nothing."""
    moment = shown_at.replace(tzinfo=UTC).timestamp()
    return _stamps(secret_key).dumps([enrollment_id, moment])


def shown_at(secret_key: str, stamp: str, enrollment_id: int) -> datetime | None:
    """When the page carrying `stamp` was shown; None for a missing, forged or foreign stamp."""
    try:
        payload = _stamps(secret_key).loads(stamp)
    except BadSignature:
        return None
    if not (isinstance(payload, list) and len(payload) == 2 and payload[0] == enrollment_id):
        return None
    return datetime.fromtimestamp(payload[1], UTC).replace(tzinfo=None)


def count_lesson(
    enrollment: Enrollment, lesson: Lesson, progress: LessonProgress, shown: datetime | None
) -> int:
    """Count the time up to this lesson's "Continue" toward it (capped); the seconds added."""
    room = _cap(lesson.words, 0) - progress.seconds_on_task
    added = _advance(enrollment, shown, room)
    progress.seconds_on_task += added
    return added


def count_quiz(enrollment: Enrollment, shown: datetime | None = None) -> int:
    """Count the time up to a quiz action (start, answer, submit) toward the quiz (capped)."""
    return _advance(enrollment, shown, _quiz_room(enrollment))


def _advance(enrollment: Enrollment, shown: datetime | None, room: int) -> int:
    """Move the enrollment's one clock to now, adding the idle-capped span (at most `room`)."""
    moment = now()
    start = max(
        (m for m in (enrollment.counted_until, shown) if m is not None),
        default=enrollment.started_at,
    )
    span = min(max(moment - start, timedelta(0)), timedelta(seconds=IDLE_CUTOFF_SECONDS))
    enrollment.counted_until = max(moment, enrollment.counted_until or moment)
    added = max(0, min(int(span.total_seconds()), room))
    enrollment.seconds_on_task = (enrollment.seconds_on_task or 0) + added
    return added


def _cap(words: int, questions: int) -> int:
    return max(TASK_CAP_MULTIPLE * estimate_seconds(words, questions), MIN_TASK_CAP_SECONDS)


def _quiz_room(enrollment: Enrollment) -> int:
    """Quiz time left under its cap: one cap per attempt started (a retake is read again)."""
    quiz = enrollment.version.quiz
    per_attempt = quiz.get("questions_per_attempt") or len(quiz["questions"])
    attempts = max(1, len(quizzes.attempts_of(enrollment)))
    lessons = db.session.execute(
        db.select(db.func.coalesce(db.func.sum(LessonProgress.seconds_on_task), 0)).where(
            LessonProgress.enrollment_id == enrollment.id
        )
    ).scalar_one()
    quiz_seconds = (enrollment.seconds_on_task or 0) - lessons
    return attempts * _cap(0, per_attempt) - quiz_seconds


def seconds_needed(ce_minutes: int, share: float) -> int:
    """Time on task a course claiming `ce_minutes` needs before it counts for CE."""
    return math.ceil(ce_minutes * 60 * share)


def time_left_sentence(seconds_left: int) -> str:
    """What the learner reads while their time on task is short, in whole minutes."""
    minutes = max(1, math.ceil(seconds_left / 60))
    return ngettext(
        "About %(num)d more minute of study before this course can count for CE. Time counts "
        "while you read the lessons and answer the quiz; go back over the lessons, then finish "
        "the course from its page.",
        "About %(num)d more minutes of study before this course can count for CE. Time counts "
        "while you read the lessons and answer the quiz; go back over the lessons, then finish "
        "the course from its page.",
        minutes,
    )
