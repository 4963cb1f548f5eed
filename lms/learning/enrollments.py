"""Enrollment and lesson progress."""

from sqlalchemy import bindparam, select

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


# Built once (with bind parameters): the lesson page runs it on every request.
OUTLINE_WITH_PROGRESS = (
    select(Lesson.id, Lesson.position, Lesson.title, LessonProgress.id)
    .outerjoin(
        LessonProgress,
        (LessonProgress.lesson_id == Lesson.id)
        & (LessonProgress.enrollment_id == bindparam("enrollment")),
    )
    .where(Lesson.version_id == bindparam("version"))
    .order_by(Lesson.position)
)


def outline_with_progress(enrollment: Enrollment) -> tuple[list[tuple[int, int, str]], set[int]]:
    """The version's lessons (id, position, title) and the ids already read, in one query."""
    rows = db.session.execute(
        OUTLINE_WITH_PROGRESS, {"enrollment": enrollment.id, "version": enrollment.version_id}
    ).all()
    return [(i, p, t) for i, p, t, _ in rows], {i for i, _p, _t, read in rows if read}


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
