"""A course and its translation: which installed course is the same course in the other
language, the CE identity they share, and the language a learner reads.

Two courses are a pair when one names the other in `translation:` and their languages differ
(either side naming the other is enough, so a translation can be added without editing the
original). A pair is one course for CE: its CE identity is the English course's slug, and a
learner earns one CE record per CE identity (the unique key on ce_records, used by
lms/learning/completion.py), whichever language they took.
"""

from lms.content.course import DEFAULT_LANGUAGE, LANGUAGES
from lms.extensions import db
from lms.models import Course, User


def translation_of(course: Course) -> Course | None:
    """The installed course that is `course` in the other language, or None."""
    if course.translation:
        named = db.session.execute(
            db.select(Course).where(Course.slug == course.translation)
        ).scalar_one_or_none()
        return named if named is not None and named.language != course.language else None
    return db.session.execute(
        db.select(Course)
        .where(Course.translation == course.slug, Course.language != course.language)
        .order_by(Course.id)
        .limit(1)
    ).scalar_one_or_none()


def ce_identity(course: Course) -> str:
    """What CE counts this course as: the English slug of its pair, else its own slug."""
    if course.language == DEFAULT_LANGUAGE:
        return course.slug
    partner = translation_of(course)
    return partner.slug if partner is not None else course.slug


def learner_language(user: User | None) -> str:
    """The course language a learner reads first: their chosen locale, else English.

    The interface locale (lms.i18n) is the one source once it exists; until then the user's
    `locale` column, when there is one."""
    locale = (getattr(user, "locale", None) or DEFAULT_LANGUAGE).split("_")[0].split("-")[0]
    return locale if locale in LANGUAGES else DEFAULT_LANGUAGE


def language_name(code: str) -> str:
    """How certificates print a course language ("Spanish / Español")."""
    return LANGUAGES.get(code, code)


def missing_translations() -> list[tuple[str, str]]:
    """(course slug, named slug) for each live course whose `translation:` names a course that
    is not installed, or that is in the same language."""
    courses = db.session.execute(
        db.select(Course).where(Course.translation.is_not(None), Course.retired_at.is_(None))
    ).scalars()
    return [(c.slug, c.translation) for c in courses if translation_of(c) is None]
