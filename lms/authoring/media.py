"""Images a draft shows but does not hold, and uploading them from the editor.

An imported question (or a trainer's own text) may point at `media/name.png` before the file is
in the package. The editor lists every such image with where it is used; the trainer uploads
the file for that very reference, so its name is the reference's, never one they type (no
path can be smuggled in). The upload is decoded in full by the strict decoder the provider's
logo uses (lms/provider.py), to prove it is an image of the kind the name says.
"""

import base64
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from lms import audit
from lms.authoring.drafts import DraftError
from lms.content import frontmatter
from lms.content.files import size_problem
from lms.content.mdtext import references
from lms.content.render import resolve_target
from lms.i18n import _
from lms.models import CourseDraft, User, utcnow
from lms.provider import ImageProblem, decode_strictly

# Which Pillow format each image extension must hold.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
_FORMATS = tuple(sorted(set(IMAGE_FORMATS.values())))
MAX_IMAGE_SIDE = 8000  # pixels; a lesson image wider than this is a mistake, not a picture
_UPLOADABLE = re.compile(r"^media/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@dataclass
class MissingImage:
    path: str  # "media/chart.png"
    used_in: list[str] = field(default_factory=list)  # "quiz.md:12"

    @property
    def uploadable(self) -> bool:
        """Whether a file can be uploaded for this reference (a plain image name in media/)."""
        extension = posixpath.splitext(self.path)[1].lower()
        return bool(_UPLOADABLE.match(self.path)) and extension in IMAGE_FORMATS

    @property
    def accept(self) -> str:
        """The extensions the file chooser offers: those of the format the name asks for."""
        wanted = IMAGE_FORMATS.get(posixpath.splitext(self.path)[1].lower())
        return ",".join(ext for ext, kind in IMAGE_FORMATS.items() if kind == wanted)


def missing_images(draft: CourseDraft) -> list[MissingImage]:
    """Every image the draft's Markdown shows from media/ that the draft does not hold."""
    found: dict[str, MissingImage] = {}
    for path, text in sorted(draft.files.items()):
        front = frontmatter.read(text, path, [])
        for reference in references(front.body):
            target = resolve_target(reference.target, path) if reference.kind == "image" else None
            target = unquote(target) if target else None
            if not target or not target.startswith("media/") or target in draft.media:
                continue
            line = front.body_line + front.body.count("\n", 0, reference.offset)
            found.setdefault(target, MissingImage(target)).used_in.append(f"{path}:{line}")
    return sorted(found.values(), key=lambda image: image.path)


def upload_image(draft: CourseDraft, user: User, path: str, data: bytes) -> None:
    """Store `data` as the draft's media file `path`, one of its missing images."""
    wanted = {image.path: image for image in missing_images(draft)}
    if path not in wanted or not wanted[path].uploadable:
        raise DraftError(_("This draft does not show that image, or it is already uploaded."))
    if not data:
        raise DraftError(_("Choose the image file to upload."))
    problem = size_problem(path, len(data))
    if problem:
        raise DraftError(
            _("%(problem)s Make the image smaller, for example 1600 pixels wide.", problem=problem)
        )
    expected = IMAGE_FORMATS[posixpath.splitext(path)[1].lower()]
    try:
        found = _image_format(data)
    except ImageProblem as problem:
        raise DraftError(str(problem)) from problem
    if found != expected:
        raise DraftError(
            _(
                "This file is a %(found)s image, but the text asks for %(path)s, a %(expected)s "
                "image. Save it as %(expected)s, or change the reference to the file's kind.",
                found=found,
                path=path,
                expected=expected,
            )
        )
    draft.media = {**draft.media, path: base64.b64encode(data).decode("ascii")}
    draft.updated_by_id, draft.updated_at = user.id, utcnow()
    audit.record("draft.media_uploaded", actor=user, subject=draft, path=path, bytes=len(data))


def media_bytes(draft: CourseDraft, path: str) -> bytes | None:
    """The bytes of the draft's media file `path` ("media/chart.png"), or None."""
    blob = draft.media.get(path)
    return base64.b64decode(blob) if blob is not None else None


def _image_format(data: bytes) -> str:
    """The format of the image in `data`, decoded in full by the one strict decoder."""
    unreadable = ImageProblem(
        "This file is not an image Peerpath can show (PNG, JPEG, GIF or WebP)."
    )
    with decode_strictly(data, _FORMATS, unreadable, MAX_IMAGE_SIDE) as image:
        return image.format
