"""Completing a course: the requirements, the online CE limit, and the CE record.

Completion happens in the same transaction as the action that met the last requirement, so a
learner never waits on a background job, and the unique enrollment on CE records means a course
can never credit hours twice. Requests that would complete the same enrollment at the same moment
(two tabs, a double click) take turns on the enrollment's row, so the later one finds the course
already complete instead of failing on that constraint.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from lms import audit
from lms.certificates.issue import issue_certificate
from lms.extensions import db
from lms.hours import hours_phrase
from lms.learning import enrollments, quizzes
from lms.localtime import page_date, today_for
from lms.models import CERecord, CourseEvaluation, Enrollment, User, utcnow

DELIVERY_SELF_PACED = "self-paced"  # a key of the delivery vocabulary


@dataclass(frozen=True)
class Requirements:
    lessons_total: int
    lessons_read: int
    quiz_passed: bool
    evaluation_needed: bool
    evaluation_done: bool

    @property
    def met(self) -> bool:
        return (
            self.lessons_read >= self.lessons_total
            and self.quiz_passed
            and (self.evaluation_done or not self.evaluation_needed)
        )


def requirements(enrollment: Enrollment) -> Requirements:
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
    Returns None when they fit now. A single course longer than the cap fits once nothing
    else is in the window.
    """
    cap = max(cap, minutes)
    total = sum(m for _, m in recent) + minutes
    if total <= cap:
        return None
    for credited_at, credited in sorted(recent):
        total -= credited
        if total <= cap:
            return credited_at + timedelta(hours=24)
    raise AssertionError("unreachable: with nothing else in the window the course fits")


def try_complete(enrollment: Enrollment, cap_minutes: int) -> CERecord | str | None:
    """Complete the course if every requirement is met.

    Returns the new CE record, a sentence explaining when the learner can finish (online CE
    limit), or None when requirements are still open or it was already complete.
    """
    if enrollment.completed_at is not None or not requirements(enrollment).met:
        return None
    enrollments.lock(enrollment)
    if enrollment.completed_at is not None:  # another request completed it while this one waited
        return None
    version = enrollment.version
    user = enrollment.user
    now = utcnow()
    if cap_minutes:
        enrollments.lock_learner(user)  # two courses finishing at once must not both fit the cap
        wait_until = _online_limit(user, version.ce_minutes, cap_minutes, now)
        if wait_until is not None:
            return (
                f"You have earned the most online CE hours allowed in 24 hours "
                f"({hours_phrase(cap_minutes)}). Everything you did is saved; you can finish this "
                f"course after {wait_until:%H:%M} UTC on {page_date(wait_until.date())}."
            )
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
    )
    db.session.add(record)
    db.session.flush()
    audit.record("course.completed", actor=user, subject=enrollment, minutes=version.ce_minutes)
    issue_certificate(record)
    return record


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
