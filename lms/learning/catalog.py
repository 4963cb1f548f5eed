"""Catalog queries: filters over the live courses (lms.content.live), and each learner's own
state. A fixed number of queries whatever the number of courses."""

from dataclasses import dataclass

from lms.extensions import db
from lms.folding import fold
from lms.models import CourseVersion, Enrollment, LessonProgress, User


@dataclass(frozen=True)
class CatalogFilters:
    q: str = ""
    topic: str = ""
    competency: int | None = None
    setting: str = ""
    max_minutes: int | None = None

    def matches(self, version: CourseVersion) -> bool:
        text = fold(f"{version.title} {version.summary}")
        return (
            (not self.q or all(word in text for word in fold(self.q).split()))
            and (not self.topic or self.topic in version.topics)
            and (self.competency is None or self.competency in version.competencies)
            and (not self.setting or self.setting in version.settings)
            and (self.max_minutes is None or version.ce_minutes <= self.max_minutes)
        )


def in_language_first(courses: list, language: str) -> list:
    """(course, version) pairs with the courses in `language` first, each group in its order."""
    return sorted(courses, key=lambda pair: pair[0].language != language)


@dataclass(frozen=True)
class LearnerState:
    status: str  # not-started | in-progress | completed
    percent: int


def learner_states(user: User) -> dict[int, LearnerState]:
    """course id -> the learner's state on it (courses they never started are absent)."""
    rows = db.session.execute(
        db.select(Enrollment, CourseVersion.lesson_count, db.func.count(LessonProgress.id))
        .join(CourseVersion, CourseVersion.id == Enrollment.version_id)
        .outerjoin(LessonProgress, LessonProgress.enrollment_id == Enrollment.id)
        .where(Enrollment.user_id == user.id)
        .group_by(Enrollment.id, CourseVersion.lesson_count)
    )
    states = {}
    for enrollment, lesson_count, read in rows:
        if enrollment.completed_at is not None:
            states[enrollment.course_id] = LearnerState("completed", 100)
        else:
            # Lessons are most of the work; the quiz is the last step.
            percent = int(90 * read / lesson_count) if lesson_count else 0
            states[enrollment.course_id] = LearnerState("in-progress", percent)
    return states
