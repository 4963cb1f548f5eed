"""Enrollment and lesson progress."""

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased

from lms.db import DriverRead
from lms.extensions import db
from lms.models import Course, CourseVersion, Enrollment, Lesson, LessonProgress, User, utcnow


class LearningError(ValueError):
    """A learning action that cannot happen now; the message says what to do instead."""


def live_course(slug: str) -> tuple[Course, CourseVersion] | None:
    row = db.session.execute(
        db.select(Course, CourseVersion)
        .join(CourseVersion, CourseVersion.id == Course.live_version_id)
        .where(Course.slug == slug, Course.retired_at.is_(None))
    ).first()
    return (row[0], row[1]) if row else None


def find_enrollment(user: User, course: Course) -> Enrollment | None:
    return db.session.execute(
        db.select(Enrollment).where(
            Enrollment.user_id == user.id, Enrollment.course_id == course.id
        )
    ).scalar_one_or_none()


def enroll(user: User, course: Course, version: CourseVersion) -> Enrollment:
    """Enroll on the live version; enrolling twice returns the first enrollment."""
    existing = find_enrollment(user, course)
    if existing is not None:
        return existing
    enrollment = Enrollment(user_id=user.id, course_id=course.id, version_id=version.id)
    db.session.add(enrollment)
    db.session.flush()
    return enrollment


def lock(enrollment: Enrollment) -> None:
    """Hold the enrollment's row until the transaction ends, and re-read what others committed.

    Two tabs finishing the same course at once then take turns: the second sees the first's
    completion or evaluation instead of failing on a unique constraint. PostgreSQL takes a row
    lock (FOR NO KEY UPDATE, so rows that merely reference the enrollment can still be added);
    SQLite needs none, since BEGIN IMMEDIATE already lets one writer in at a time.
    """
    db.session.execute(
        db.select(Enrollment)
        .where(Enrollment.id == enrollment.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )


def lock_learner(user: User) -> None:
    """Make this learner's completions take turns until the transaction ends, so the second of
    two courses finishing at once sees the first's CE hours against the online limit.

    PostgreSQL: a transaction-scoped advisory lock on the user's id (always taken after the
    enrollment's row lock, never before, so the two cannot deadlock). SQLite: BEGIN IMMEDIATE
    already lets one writer in at a time."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("SELECT pg_advisory_xact_lock(:key)"), {"key": user.id})


def lessons_read(enrollment: Enrollment) -> set[int]:
    """Ids of the lessons this learner has finished reading."""
    return set(
        db.session.execute(
            db.select(LessonProgress.lesson_id).where(LessonProgress.enrollment_id == enrollment.id)
        ).scalars()
    )


# The lesson page in one statement, built once with bind parameters (building a statement and
# its cache key costs about as much as running it on SQLite): the learner's enrollment, the
# lesson at `position` of the version they are enrolled on, and how many of that version's
# lessons they have read. Plain columns, not ORM objects: the page only shows them.
_READ = aliased(Lesson)
LESSONS_READ = (
    select(func.count(LessonProgress.id))
    .join(_READ, _READ.id == LessonProgress.lesson_id)
    .where(LessonProgress.enrollment_id == Enrollment.id, _READ.version_id == Enrollment.version_id)
    .correlate(Enrollment)
    .scalar_subquery()
)
LESSON_PAGE = DriverRead(
    "LessonPage",
    select(
        Enrollment.id.label("enrollment_id"),
        Course.slug,
        CourseVersion.title.label("course_title"),
        CourseVersion.lesson_count,
        Lesson.position,
        Lesson.title,
        Lesson.html,
        LESSONS_READ.label("lessons_read"),
    )
    .join(Course, Course.id == Enrollment.course_id)
    .join(CourseVersion, CourseVersion.id == Enrollment.version_id)
    .join(
        Lesson,
        (Lesson.version_id == Enrollment.version_id) & (Lesson.position == bindparam("position")),
    )
    .where(Course.slug == bindparam("slug"), Enrollment.user_id == bindparam("user")),
)


def lesson_page(user_id: int, slug: str, position: int) -> tuple | None:
    """What a learner's lesson page shows, in one query whatever the course's size: their
    enrollment id, the course slug and title, its lesson count, the lesson (position, title,
    html) and how many lessons they have read; None when not enrolled or no such lesson."""
    return LESSON_PAGE.first(user=user_id, slug=slug, position=position)


def lesson_outline(version_id: int) -> list[tuple[int, int, str]]:
    """(lesson id, position, title) for every lesson of a version, in order."""
    rows = db.session.execute(
        db.select(Lesson.id, Lesson.position, Lesson.title)
        .where(Lesson.version_id == version_id)
        .order_by(Lesson.position)
    )
    return [tuple(row) for row in rows]


def finish_lesson(enrollment: Enrollment, lesson: Lesson) -> LessonProgress:
    """Record that a lesson was read (once; reading it again keeps the first row)."""
    progress = db.session.execute(
        db.select(LessonProgress).where(
            LessonProgress.enrollment_id == enrollment.id, LessonProgress.lesson_id == lesson.id
        )
    ).scalar_one_or_none()
    if progress is None:
        progress = LessonProgress(enrollment_id=enrollment.id, lesson_id=lesson.id)
        progress.seconds_on_task = 0
        db.session.add(progress)
    enrollment.last_activity_at = utcnow()
    return progress
