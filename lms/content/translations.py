"""A course and its translation: which installed course is the same course in the other
language, the CE identity they share, and the language a learner reads.

Two courses are a pair when one names the other in `translation:` and their languages differ
(either side naming the other is enough, so a translation can be added without editing the
original). A pair is one course for CE: its CE identity is the English course's slug, and a
learner earns one CE record per CE identity (the unique key on ce_records, used by
lms/learning/completion.py), whichever language they took.
"""

from collections.abc import Iterable

from babel.core import Locale

from lms.content.course import DEFAULT_LANGUAGE, LANGUAGES
from lms.extensions import db
from lms.models import Course


def partner_among(course: Course, courses: Iterable[Course]) -> Course | None:
    """The one rule of pairing: the course `course` names, if it is in the other language;
    when it names none, the first course (by id) in the other language that names it."""
    others = sorted((c for c in courses if c.language != course.language), key=lambda c: c.id)
    if course.translation:
        return next((c for c in others if c.slug == course.translation), None)
    return next((c for c in others if c.translation == course.slug), None)


def translation_of(course: Course) -> Course | None:
    """The installed course that is `course` in the other language, or None."""
    candidates = db.session.execute(
        db.select(Course).where(
            db.or_(Course.slug == course.translation, Course.translation == course.slug)
        )
    ).scalars()
    return partner_among(course, candidates)


def partners(courses: Iterable[Course]) -> dict[int, Course]:
    """course id → its translation among `courses` (the catalog's live courses), no queries."""
    listed = list(courses)
    found = {course.id: partner_among(course, listed) for course in listed}
    return {course_id: partner for course_id, partner in found.items() if partner is not None}


def ce_identity(course: Course, partner: Course | None | bool = True) -> str:
    """What CE counts this course as: the English slug of its pair, else its own slug.

    `partner` is its translation when the caller already knows it (None: it has none);
    by default it is looked up."""
    if course.language == DEFAULT_LANGUAGE:
        return course.slug
    if partner is True:
        partner = translation_of(course)
    return partner.slug if partner else course.slug


def language_name(code: str, reader: str) -> str:
    """How a certificate names the language a course was taken in: in the reader's language
    (the certificate's), with the language's own name beside it when they differ, so a board
    reading either sees which it was: "English", "Spanish (Español)", "Inglés (English)"."""
    if code not in LANGUAGES:
        return code
    own = _capitalised(Locale.parse(code).get_display_name(code))
    if code == reader:
        return own
    return f"{_capitalised(Locale.parse(code).get_display_name(reader))} ({own})"


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def missing_translations() -> list[tuple[str, str]]:
    """(course slug, named slug) for each live course whose `translation:` names a course that
    is not installed, or that is in the same language."""
    courses = db.session.execute(
        db.select(Course).where(Course.translation.is_not(None), Course.retired_at.is_(None))
    ).scalars()
    return [(c.slug, c.translation) for c in courses if translation_of(c) is None]
