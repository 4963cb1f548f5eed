"""The courses people can take now: each course that is not retired, with its live version."""

from lms.extensions import db
from lms.models import Course, CourseVersion


def live_versions() -> list[tuple[Course, CourseVersion]]:
    """(course, live version) for every course on offer, by title."""
    rows = db.session.execute(
        db.select(Course, CourseVersion)
        .join(CourseVersion, CourseVersion.id == Course.live_version_id)
        .where(Course.retired_at.is_(None))
        .order_by(CourseVersion.title)
    )
    return [(course, version) for course, version in rows]
