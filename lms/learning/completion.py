"""Completing a course: the requirements, time on task, the online CE limit, and the CE record.

Completion happens in the same transaction as the action that met the last requirement, so a
learner never waits on a background job, and the unique CE identity on CE records (a course and
its translation share one, lms/content/translations.py) means a course can never credit hours
twice, whichever language it was taken in: completing the second language is recorded as
learning, with no new CE record. Requests that would complete the same enrollment at the same moment
(two tabs, a double click) take turns on the enrollment's row, so the later one finds the course
already complete instead of failing on that constraint.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from lms import audit
from lms.certificates.issue import issue_certificate
from lms.content.translations import ce_identity
from lms.extensions import db
from lms.i18n import _
from lms.i18n import local_hours_phrase as hours_phrase
from lms.learning import enrollments, ontask, quizzes
from lms.localtime import page_date, today_for
from lms.models import CERecord, CourseEvaluation, Enrollment, User, utcnow

DELIVERY_SELF_PACED = "self-paced"  # a key of the delivery vocabulary


@dataclass(frozen=True)
class AlreadyCredited:
    """A completion that earns no CE: the learner has this course's CE record already, from
    `earlier` (the same course, or its translation)."""

    earlier: CERecord

    @property
    def sentence(self) -> str:
        return (
            f"Course complete. You already earned its CE hours with “{self.earlier.title}” "
            f"(the same course in another language), so no new CE hours are added."
        )


@dataclass(frozen=True)
class Requirements:
    lessons_total: int
    lessons_read: int
    quiz_passed: bool
    evaluation_needed: bool
    evaluation_done: bool
    seconds_on_task: int = 0
    seconds_needed: int = 0  # time on task the CE rule asks for (0: the rule is off)

    @property
    def met(self) -> bool:
        """Every lesson read, the quiz passed, the evaluation given (time on task aside)."""
        return (
            self.lessons_read >= self.lessons_total
            and self.quiz_passed
            and (self.evaluation_done or not self.evaluation_needed)
        )

    @property
    def time_left(self) -> int:
        """Seconds of study still needed before the course can count for CE."""
        return max(0, self.seconds_needed - self.seconds_on_task)

    @property
    def time_left_sentence(self) -> str:
        return ontask.time_left_sentence(self.time_left) if self.time_left else ""


def requirements(enrollment: Enrollment, share: float = 0.0) -> Requirements:
    """Where the learner stands; `share` is MIN_TIME_ON_TASK_SHARE (time on task per CE minute)."""
    version = enrollment.version
    evaluation_done = (
        db.session.execute(
            db.select(CourseEvaluation.id).where(CourseEvaluation.enrollment_id == enrollment.id)
        ).first()
        is not None
    )
    return Requirements(
        lessons_total=version.lesson_count,
        lessons_read=len(enrollments.lessons_read(enrollment)),
        quiz_passed=quizzes.has_passed(quizzes.attempts_of(enrollment)),
        evaluation_needed=version.evaluation,
        evaluation_done=evaluation_done,
        seconds_on_task=enrollment.seconds_on_task or 0,
        seconds_needed=ontask.seconds_needed(version.ce_minutes, share),
    )


def evaluation_of(enrollment: Enrollment) -> CourseEvaluation | None:
    return db.session.execute(
        db.select(CourseEvaluation).where(CourseEvaluation.enrollment_id == enrollment.id)
    ).scalar_one_or_none()


def save_evaluation(enrollment: Enrollment, ratings: dict[str, int], comment: str) -> bool:
    """Store the learner's one evaluation. False when another request stored it first."""
    enrollments.lock(enrollment)
    if evaluation_of(enrollment) is not None:
        return False
    db.session.add(CourseEvaluation(enrollment_id=enrollment.id, ratings=ratings, comment=comment))
    db.session.flush()
    return True


def next_allowed_time(
    recent: list[tuple[datetime, int]], minutes: int, cap: int, now: datetime
) -> datetime | None:
    """When `minutes` more online CE fit under `cap` minutes per rolling 24 hours.

    `recent` holds (credited at, minutes) of online credits in the 24 hours before `now`.
    Returns None when they fit now. The cap is never widened by the course itself: a course
    longer than the cap never fits (publishing refuses one, lms/content/estimate.py), and the
    caller says so instead of asking this.
    """
    total = sum(m for _, m in recent) + minutes
    if total <= cap:
        return None
    for credited_at, credited in sorted(recent):
        total -= credited
        if total <= cap:
            return credited_at + timedelta(hours=24)
    raise AssertionError("unreachable: the caller checked that the course fits an empty window")


def credit_for(enrollment: Enrollment) -> CERecord | None:
    """The learner's CE record for this course's CE identity (from this course or its
    translation), or None when they have not earned it."""
    return db.session.execute(
        db.select(CERecord).where(
            CERecord.user_id == enrollment.user_id,
            CERecord.ce_identity == ce_identity(enrollment.course),
        )
    ).scalar_one_or_none()


def try_complete(
    enrollment: Enrollment, cap_minutes: int, share: float
) -> CERecord | AlreadyCredited | str | None:
    """Complete the course if every requirement is met and the time on task is enough.

    `share` is MIN_TIME_ON_TASK_SHARE. Returns the new CE record; AlreadyCredited when the
    course is complete but its CE hours were earned before (in the other language); a sentence
    explaining what still stands between the learner and the CE hours (time on task, the
    online CE limit); or None when requirements are still open or it was already complete.
    """
    progress = requirements(enrollment, share)
    if enrollment.completed_at is not None or not progress.met:
        return None
    if progress.time_left:
        return progress.time_left_sentence
    enrollments.lock(enrollment)
    if enrollment.completed_at is not None:  # another request completed it while this one waited
        return None
    version = enrollment.version
    user = enrollment.user
    now = utcnow()
    # Completions of one learner take turns: the two languages of a course finishing at once,
    # and two courses that must not both fit under the online limit.
    enrollments.lock_learner(user)
    earlier = credit_for(enrollment)
    if earlier is not None and earlier.enrollment_id == enrollment.id:
        return None  # this very enrollment was credited by a request that finished first
    if earlier is not None:
        enrollment.completed_at = now
        audit.record("course.completed", actor=user, subject=enrollment, minutes=0)
        return AlreadyCredited(earlier)
    if cap_minutes:
        refusal = _over_online_limit(user, version.ce_minutes, cap_minutes, now)
        if refusal:
            return refusal
    enrollment.completed_at = now
    record = CERecord(
        user_id=user.id,
        source="internal",
        enrollment_id=enrollment.id,
        course_version_id=version.id,
        title=version.title,
        minutes=version.ce_minutes,
        topics=list(version.topics),
        delivery=DELIVERY_SELF_PACED,
        earned_on=today_for(user, now),
        status="verified",
        created_at=now,
        time_on_task_seconds=enrollment.seconds_on_task or 0,
        ce_identity=ce_identity(enrollment.course),
    )
    db.session.add(record)
    db.session.flush()
    audit.record(
        "course.completed",
        actor=user,
        subject=enrollment,
        minutes=version.ce_minutes,
        seconds_on_task=record.time_on_task_seconds,
    )
    issue_certificate(record)
    return record


def _over_online_limit(user: User, minutes: int, cap: int, now: datetime) -> str:
    """Why the course cannot be credited now under the online limit; "" when it can."""
    if minutes > cap:
        return _(
            "This course claims %(claimed)s, more than the %(cap)s of online CE that can be "
            "credited in 24 hours, so it cannot be recorded. Everything you did is saved; please "
            "tell the training provider.",
            claimed=hours_phrase(minutes, "CE hour"),
            cap=hours_phrase(cap),
        )
    wait_until = _online_limit(user, minutes, cap, now)
    if wait_until is None:
        return ""
    return _(
        "You have earned the most online CE hours allowed in 24 hours (%(cap)s). Everything you "
        "did is saved; you can finish this course after %(time)s UTC on %(day)s.",
        cap=hours_phrase(cap),
        time=wait_until.strftime("%H:%M"),
        day=page_date(wait_until.date()),
    )


def _online_limit(user: User, minutes: int, cap: int, now: datetime) -> datetime | None:
    since = now - timedelta(hours=24)
    recent = [
        (row.created_at, row.minutes)
        for row in db.session.execute(
            db.select(CERecord).where(
                CERecord.user_id == user.id,
                CERecord.source == "internal",
                CERecord.created_at > since,
            )
        ).scalars()
    ]
    return next_allowed_time(recent, minutes, cap, now)
