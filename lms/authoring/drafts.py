"""Course drafts: package files as text, saved as a trainer types.

A draft starts from the template, from an uploaded zip, or from a published version; it is
checked by the same parser as `courses sync` (see publish.py). Every change here is audited.
"""

import base64
import hashlib
import json
import re
from datetime import timedelta
from pathlib import Path

from lms import audit
from lms.content import frontmatter
from lms.content.checks import NEW_LESSON_PLACEHOLDER
from lms.content.course import SLUG_PATTERN
from lms.content.files import decode_texts, is_markdown_part, size_problem
from lms.content.sources import read_dict, read_zip
from lms.extensions import db
from lms.findings import Finding
from lms.i18n import _
from lms.models import AuditEvent, Course, CourseDraft, User, VersionFile, utcnow

TEMPLATE = Path(__file__).parent / "template"
LESSON_NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Autosave writes every few seconds while someone types; one audit event per stretch of work
# (a new editor, or a pause this long) keeps the trail readable without losing who changed it.
AUDIT_PAUSE = timedelta(minutes=10)


class DraftError(ValueError):
    """Input that cannot become a draft; the message says what to do."""


class StaleSave(DraftError):
    """Another tab (or person) saved this file since the editor loaded it. Nothing is
    overwritten: `saved_text` is what is stored now, `version` its version, so the author can
    see both texts, combine them and save again against the new version."""

    def __init__(self, saved_text: str):
        super().__init__(
            "This file was saved elsewhere (another tab or person) since you opened it, so "
            "your save was not stored and nothing was overwritten. Your text is still in the "
            "editor; the saved text is shown beside it. Combine the two, then save again."
        )
        self.saved_text = saved_text
        self.version = file_version(saved_text)


def file_version(text: str) -> str:
    """The version of one draft file that a save must name: a digest of the text the editor
    loaded (like an HTTP ETag). Per file, so saving one lesson never makes another tab's
    lesson stale, and needing no counter column."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot name a new course, or None when it can."""
    if not SLUG_PATTERN.match(slug) or len(slug) > 80:
        return _("Use lower-case letters, digits and hyphens, like managing-boundaries.")
    course = db.session.execute(db.select(Course.id).where(Course.slug == slug)).first()
    draft = db.session.execute(db.select(CourseDraft.id).where(CourseDraft.slug == slug)).first()
    if course is not None or draft is not None:
        return _("A course or draft already uses this slug. Choose another.")
    return None


def template_files(slug: str, title: str) -> dict[str, str]:
    """The bundled template package with the new course's slug and title filled in."""
    files = {
        path.relative_to(TEMPLATE).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(TEMPLATE.rglob("*.md"))
    }
    course = files["course.md"]
    course = course.replace("slug: new-course\n", f"slug: {slug}\n", 1)
    files["course.md"] = course.replace("title: New course\n", f"title: {json.dumps(title)}\n", 1)
    return files


def create_from_template(slug: str, title: str, user: User) -> CourseDraft:
    problem = slug_problem(slug)
    if problem:
        raise DraftError(problem)
    draft = _new_draft(slug, None, template_files(slug, title), {}, user)
    audit.record("draft.created", actor=user, subject=draft, slug=slug, origin="template")
    return draft


DEMO_COURSE = ("demo-your-first-course", "Your first course (demo)")


def seed_demo_course(trainer: User) -> None:
    """`flask demo`: the demo trainer owns a course draft made from the template, so their
    courses page has something to open the first time they sign in."""
    slug, title = DEMO_COURSE
    if slug_problem(slug) is None:
        create_from_template(slug, title, trainer)


def read_upload(data: bytes) -> tuple[dict[str, str], dict[str, str], list[Finding], str | None]:
    """Texts, base64 media, findings and declared slug of an uploaded zip package."""
    if len(data) > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise DraftError(
            _("The zip is larger than %(limit)d MB. Remove large media and try again.", limit=limit)
        )
    source = read_zip(data)
    findings = list(source.findings)
    if any(f.severity == "error" for f in findings):
        return {}, {}, findings, None
    texts = decode_texts(source, findings)
    media = {
        path: base64.b64encode(blob).decode("ascii")
        for path, blob in source.items()
        if path.startswith("media/")
    }
    skipped = sorted(p for p in source if not is_markdown_part(p) and not p.startswith("media/"))
    findings += [
        Finding(p, 0, 0, "info", "skipped-file", "This file is not part of a course; left out.")
        for p in skipped
    ]
    return texts, media, findings, _declared_slug(texts) or source.name


def _declared_slug(texts: dict[str, str]) -> str | None:
    front = frontmatter.read(texts.get("course.md", ""), "course.md", [])
    node = front.nodes.get("slug")
    value = getattr(node, "value", None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def create_from_upload(
    texts: dict[str, str], media: dict[str, str], slug: str | None, user: User, course
) -> CourseDraft:
    """A draft from an uploaded package: a new course, or a new edition of `course`."""
    if "course.md" not in texts or not slug:
        raise DraftError(
            _("The zip has no course.md with a slug. Upload a zip of one course folder.")
        )
    if course is None:
        problem = slug_problem(slug)
        if problem:
            raise DraftError(f"'{slug}': {problem}")
    elif db.session.execute(db.select(CourseDraft.id).where(CourseDraft.slug == slug)).first():
        raise DraftError(
            _("'%(slug)s' already has a draft. Open it from the course list.", slug=slug)
        )
    draft = _new_draft(slug, course, texts, media, user)
    audit.record("draft.created", actor=user, subject=draft, slug=slug, origin="zip")
    return draft


def start_from_version(course: Course, user: User) -> CourseDraft:
    """A draft holding the live version's package files, for the next edition."""
    rows = db.session.execute(
        db.select(VersionFile).where(VersionFile.version_id == course.live_version_id)
    ).scalars()
    texts: dict[str, str] = {}
    media: dict[str, str] = {}
    for row in rows:
        if is_markdown_part(row.path):
            texts[row.path] = row.data.decode("utf-8", "replace")
        elif row.path.startswith("media/"):
            media[row.path] = base64.b64encode(row.data).decode("ascii")
    if "course.md" not in texts:
        raise DraftError(
            _("This course's files were not kept when it was loaded; edit it on disk.")
        )
    draft = _new_draft(course.slug, course, texts, media, user)
    audit.record("draft.created", actor=user, subject=draft, slug=course.slug, origin="version")
    return draft


def _new_draft(slug, course, texts, media, user: User) -> CourseDraft:
    draft = CourseDraft(
        slug=slug,
        course_id=course.id if course is not None else None,
        files=dict(texts),
        media=dict(media),
        created_by_id=user.id,
        updated_by_id=user.id,
    )
    db.session.add(draft)
    db.session.flush()
    return draft


def editable_paths(draft: CourseDraft) -> list[str]:
    """The draft's Markdown files: course.md, the lessons in order, quiz.md."""
    lessons = sorted(p for p in draft.files if p.startswith("lessons/"))
    return (
        [p for p in ("course.md",) if p in draft.files]
        + lessons
        + (["quiz.md"] if "quiz.md" in draft.files else [])
    )


def save_file(draft: CourseDraft, path: str, text: str, user: User, base_version: str) -> bool:
    """Store one file's text; False when nothing changed. Only existing files are saved, and
    only over the version the editor loaded (`base_version`): a stale save raises StaleSave."""
    if path not in draft.files:
        raise DraftError(_("This draft has no such file."))
    problem = size_problem(path, len(text.encode("utf-8")))
    if problem:
        raise DraftError(_("%(problem)s Split it into more lessons.", problem=problem))
    text = text.replace("\r\n", "\n")
    # Re-read the row under a lock (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
    # writers), so two saves at the same moment cannot both pass the version check.
    db.session.refresh(draft, with_for_update=True)
    current = draft.files.get(path)
    if current is None:
        raise DraftError(_("This draft has no such file."))
    if current == text:
        return False
    if base_version != file_version(current):
        raise StaleSave(current)
    quiet = _recently_audited(draft, user)
    draft.files = {**draft.files, path: text}
    draft.updated_by_id = user.id
    draft.updated_at = utcnow()
    if not quiet:
        audit.record("draft.saved", actor=user, subject=draft, path=path)
    return True


def _recently_audited(draft: CourseDraft, user: User) -> bool:
    """Whether this person's save of this draft was audited within AUDIT_PAUSE."""
    found = db.session.execute(
        db.select(AuditEvent.id)
        .where(
            AuditEvent.action == "draft.saved",
            AuditEvent.subject_type == "coursedraft",
            AuditEvent.subject_id == str(draft.id),
            AuditEvent.actor_id == user.id,
            AuditEvent.at > utcnow() - AUDIT_PAUSE,
        )
        .limit(1)
    ).first()
    return found is not None


def add_lesson(draft: CourseDraft, name: str, user: User) -> str:
    """Add lessons/<name>.md with a starter text; returns its path."""
    path = _lesson_path(name)
    if path in draft.files:
        raise DraftError(_("A lesson with this name already exists."))
    title = path.removeprefix("lessons/")[3:-3].replace("-", " ").capitalize()
    starter = f"---\ntitle: {title}\n---\n{NEW_LESSON_PLACEHOLDER} Start headings at `##`.\n"
    _touch(draft, {**draft.files, path: starter}, user)
    audit.record("draft.lesson_added", actor=user, subject=draft, path=path)
    return path


def _lesson_path(name: str) -> str:
    name = name.strip().removesuffix(".md").removeprefix("lessons/")
    if not LESSON_NAME.match(name):
        raise DraftError(
            _("Write two digits, a hyphen and words joined by hyphens: 03-next-steps.")
        )
    return f"lessons/{name}.md"


def _touch(draft: CourseDraft, files: dict[str, str], user: User) -> None:
    draft.files = files
    draft.updated_by_id = user.id
    draft.updated_at = utcnow()


def rename_lesson(draft: CourseDraft, path: str, name: str, user: User) -> str:
    """Give a lesson file a new name (its number sets its place); returns the new path.
    Links to it from other lessons keep the old name: the check points them out."""
    if not path.startswith("lessons/") or path not in draft.files:
        raise DraftError(_("This draft has no such lesson."))
    new_path = _lesson_path(name)
    if new_path == path:
        return path
    if new_path in draft.files:
        raise DraftError(_("A lesson with this name already exists."))
    files = {(new_path if p == path else p): text for p, text in draft.files.items()}
    _touch(draft, files, user)
    audit.record("draft.lesson_renamed", actor=user, subject=draft, path=path, new_path=new_path)
    return new_path


def remove_lesson(draft: CourseDraft, path: str, user: User) -> None:
    """Take a lesson out of the draft (published versions keep theirs; the text is kept in
    the audit event, so a removal can be undone by hand)."""
    if not path.startswith("lessons/") or path not in draft.files:
        raise DraftError(_("This draft has no such lesson."))
    if sum(p.startswith("lessons/") for p in draft.files) == 1:
        raise DraftError(_("A course needs at least one lesson: add another before removing this."))
    text = draft.files[path]
    _touch(draft, {p: t for p, t in draft.files.items() if p != path}, user)
    audit.record("draft.lesson_removed", actor=user, subject=draft, path=path, text=text)


def package_files(files: dict[str, str], media: dict[str, str]) -> dict[str, bytes]:
    """A draft's files as the bytes a package holds."""
    package = dict(read_dict(files))
    package.update({path: base64.b64decode(blob) for path, blob in media.items()})
    return package
