"""Who may author what. Trainers work on the courses they own and the new drafts they
started; administrators on every course, including the ones loaded from disk (which have no
owner). Anything else is answered with 404, so a trainer cannot learn what others are writing.
"""

from flask import abort

from lms.extensions import db
from lms.models import Course, CourseDraft, CourseVersion, User
from lms.permissions import allowed


def is_admin(user: User) -> bool:
    return allowed(user, "admin.manage")


def may_edit_course(user: User, course: Course) -> bool:
    """Admins edit any course; a trainer only a course they own (disk courses have no owner)."""
    return is_admin(user) or (course.owner_id is not None and course.owner_id == user.id)


def may_edit_draft(user: User, draft: CourseDraft, course: Course | None) -> bool:
    """A draft of an existing course follows the course; a draft of a new course, its author."""
    if course is not None:
        return may_edit_course(user, course)
    return is_admin(user) or draft.created_by_id == user.id


def course_or_404(user: User, slug: str) -> Course:
    course = db.session.execute(db.select(Course).where(Course.slug == slug)).scalar_one_or_none()
    if course is None or not may_edit_course(user, course):
        abort(404)
    return course


def draft_or_404(user: User, slug: str) -> tuple[CourseDraft, Course | None]:
    draft = db.session.execute(
        db.select(CourseDraft).where(CourseDraft.slug == slug)
    ).scalar_one_or_none()
    course = db.session.get(Course, draft.course_id) if draft and draft.course_id else None
    if draft is None or not may_edit_draft(user, draft, course):
        abort(404)
    return draft, course


def visible_courses(user: User) -> tuple[list[Course], list[CourseDraft]]:
    """The courses and drafts listed on the authoring page for `user` (two queries)."""
    courses = db.select(Course).order_by(Course.slug)
    drafts = db.select(CourseDraft).order_by(CourseDraft.slug)
    if not is_admin(user):
        courses = courses.where(Course.owner_id == user.id)
        owned = db.select(Course.id).where(Course.owner_id == user.id)
        drafts = drafts.where(
            db.or_(
                CourseDraft.course_id.in_(owned),
                db.and_(CourseDraft.course_id.is_(None), CourseDraft.created_by_id == user.id),
            )
        )
    return list(db.session.execute(courses).scalars()), list(db.session.execute(drafts).scalars())


def versions_by_course(course_ids: list[int]) -> dict[int, list]:
    """(number, label, title, created_at) of every version of the given courses, newest first."""
    rows = db.session.execute(
        db.select(
            CourseVersion.course_id,
            CourseVersion.number,
            CourseVersion.version_label,
            CourseVersion.title,
            CourseVersion.created_at,
        )
        .where(CourseVersion.course_id.in_(course_ids))
        .order_by(CourseVersion.number.desc())
    )
    found: dict[int, list] = {course_id: [] for course_id in course_ids}
    for row in rows:
        found[row.course_id].append(row)
    return found
