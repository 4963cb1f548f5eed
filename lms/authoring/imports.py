"""Importing a GIFT or Moodle XML file into a draft's quiz, in two steps.

The preview parses the upload with the importer the CLI uses (lms/content/importing.py) and
keeps the result as a *pending import* in shared storage, named by the digest of what it holds;
nothing in the draft changes. Adding names that digest and the quiz.md version the preview
was made against, so exactly what the trainer saw is added, after the questions already there
(an id the quiz already uses is renamed), or the add is refused with the reason.
"""

import base64
import hashlib
import json
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path

from lms import audit
from lms.authoring.drafts import DraftError, file_version
from lms.content.data import QuestionData
from lms.content.files import size_problem
from lms.content.importing import append_questions, import_questions, imported_quiz
from lms.findings import Finding, has_errors
from lms.i18n import _
from lms.instance_files import home_of, replace_private
from lms.models import CourseDraft, User, utcnow

PENDING_SECONDS = 24 * 60 * 60
KINDS = {".gift": "gift", ".txt": "gift", ".xml": "xml"}


class ImportRefused(DraftError):
    """The confirmed import is not the one previewed, or the quiz changed since."""


@dataclass
class ImportPreview:
    filename: str
    questions: list[QuestionData] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # embedded images saved with the questions
    renamed: list[tuple[str, str]] = field(default_factory=list)
    digest: str = ""  # "" when there is nothing to add
    quiz_version: str = ""


def preview_import(draft: CourseDraft, user: User, filename: str, data: bytes) -> ImportPreview:
    """What importing the file would add to the draft's quiz; keeps it as a pending import."""
    kind = KINDS.get(posixpath.splitext(filename.lower())[1])
    if kind is None:
        raise DraftError(_("Choose a GIFT file (.gift or .txt) or a Moodle XML file (.xml)."))
    imported = import_questions(data, filename, "Imported quiz", kind)
    quiz = imported_quiz(imported.markdown) if not has_errors(imported.findings) else None
    preview = ImportPreview(filename, findings=list(imported.findings))
    if quiz is None:
        return preview
    current = draft.files.get("quiz.md")
    appended = append_questions(current, imported.markdown)
    preview.questions, preview.renamed = list(quiz.questions), appended.renamed
    preview.quiz_version = file_version(current) if current is not None else ""
    media = {path: base64.b64encode(blob).decode("ascii") for path, blob in imported.media.items()}
    preview.images = sorted(path for path in media if path not in draft.media)
    preview.findings += [_kept(filename, path) for path in sorted(media) if path in draft.media]
    pending = {"slug": draft.slug, "user": user.id, "markdown": imported.markdown, "media": media}
    preview.digest = _digest(pending)
    _forget_old_imports()
    replace_private(_pending_path(preview.digest), json.dumps(pending).encode("utf-8"))
    return preview


def add_import(draft: CourseDraft, user: User, digest: str, quiz_version: str) -> int:
    """Add the previewed questions (and embedded images) to the draft; how many were added."""
    pending = _pending(digest)
    if pending is None or pending["slug"] != draft.slug or pending["user"] != user.id:
        raise ImportRefused(
            _(
                "This import is not the one previewed, or it was already added. "
                "Choose the file and preview it again."
            )
        )
    current = draft.files.get("quiz.md")
    if (file_version(current) if current is not None else "") != quiz_version:
        raise ImportRefused(
            _(
                "quiz.md changed after the preview, so nothing was added. "
                "Preview the import again to see how the questions join it now."
            )
        )
    appended = append_questions(current, pending["markdown"])
    problem = size_problem("quiz.md", len(appended.text.encode("utf-8")))
    if problem:
        raise ImportRefused(
            _("With these questions quiz.md would be too long: %(problem)s", problem=problem)
        )
    added = {path: blob for path, blob in pending["media"].items() if path not in draft.media}
    draft.files = {**draft.files, "quiz.md": appended.text}
    draft.media = {**draft.media, **added}
    draft.updated_by_id, draft.updated_at = user.id, utcnow()
    count = len(imported_quiz(pending["markdown"]).questions)
    audit.record(
        "draft.questions_imported",
        actor=user,
        subject=draft,
        questions=count,
        renamed=dict(appended.renamed),
        media=sorted(added),
    )
    _pending_path(digest).unlink(missing_ok=True)
    return count


def _forget_old_imports() -> None:
    """Pending imports nobody added within a day are removed (a preview left open)."""
    folder = _pending_path("x").parent
    for path in folder.glob("*.json") if folder.is_dir() else ():
        if time.time() - path.stat().st_mtime > PENDING_SECONDS:
            path.unlink(missing_ok=True)


def _digest(pending: dict) -> str:
    canonical = json.dumps(pending, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _pending_path(digest: str) -> Path:
    return home_of("imports") / "imports" / f"{digest}.json"


def _pending(digest: str) -> dict | None:
    """The pending import stored under `digest`, if its content still has that digest."""
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        return None
    try:
        pending = json.loads(_pending_path(digest).read_bytes())
    except (OSError, ValueError):
        return None
    return pending if _digest(pending) == digest else None


def _kept(source: str, path: str) -> Finding:
    return Finding(
        source,
        1,
        1,
        "warning",
        "import-image-kept",
        f"The draft already has {path}; the draft's file is kept, not the one in this file.",
        "Upload the file under another name if the questions need the new image.",
    )
