"""What the trainee's home page shows: courses in progress, completed, and CE this year."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from lms.certificates.queries import record_counts_clause
from lms.extensions import db
from lms.models import CERecord, Course, CourseVersion, Enrollment, User


@dataclass(frozen=True)
class CourseRow:
    slug: str
    title: str
    completed: bool


def my_courses(user: User) -> tuple[list[CourseRow], list[CourseRow]]:
    """(in progress, completed), most recent activity first."""
    rows = db.session.execute(
        db.select(Course.slug, CourseVersion.title, Enrollment.completed_at)
        .join(Enrollment, Enrollment.course_id == Course.id)
        .join(CourseVersion, CourseVersion.id == Enrollment.version_id)
        .where(Enrollment.user_id == user.id)
        .order_by(Enrollment.last_activity_at.desc())
    )
    courses = [CourseRow(slug, title, done is not None) for slug, title, done in rows]
    return [c for c in courses if not c.completed], [c for c in courses if c.completed]


def hours_by_topic(user: User, year: int) -> tuple[int, dict[str, int]]:
    """(total minutes, minutes per topic) of verified CE earned in a calendar year."""
    records = db.session.execute(
        db.select(CERecord.minutes, CERecord.topics).where(
            CERecord.user_id == user.id,
            CERecord.status == "verified",
            record_counts_clause(),
            CERecord.earned_on >= date(year, 1, 1),
            CERecord.earned_on <= date(year, 12, 31),
        )
    )
    total = 0
    by_topic: dict[str, int] = defaultdict(int)
    for minutes, topics in records:
        total += minutes
        for topic in topics:
            by_topic[topic] += minutes
    return total, dict(sorted(by_topic.items()))
