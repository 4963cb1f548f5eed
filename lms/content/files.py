"""File-level checks of a package: which files belong where, sizes, encodings, media types."""

import posixpath
import re
from collections.abc import Mapping

from lms.findings import Finding

MAX_FILE_BYTES = 2 * 1024 * 1024
# Markdown per file (course.md, a lesson, quiz.md): eight times the longest bundled file, and
# small enough that rendering or checking one file, even a hostile one, takes well under seconds.
MAX_TEXT_BYTES = 256 * 1024
# Media Peerpath will serve, with the bytes each kind of file starts with (None: any bytes).
MEDIA_SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".txt": None,
    ".csv": None,
}
_LESSON = re.compile(r"^lessons/[^/]+\.md$")
# A printable handout (a blank safety plan, an OARS card): Markdown the site prints to PDF.
_HANDOUT = re.compile(r"^handouts/[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


def lesson_paths(files: Mapping[str, bytes]) -> list[str]:
    """Lesson files in the order learners take them (file-name order)."""
    return sorted(path for path in files if _LESSON.match(path))


def handout_paths(files: Mapping[str, bytes]) -> list[str]:
    """Handout files by name."""
    return sorted(path for path in files if _HANDOUT.match(path))


def is_markdown_part(path: str) -> bool:
    return path in ("course.md", "quiz.md") or bool(_LESSON.match(path) or _HANDOUT.match(path))


def size_limit(path: str) -> int:
    """The most bytes the package file `path` may hold."""
    return MAX_TEXT_BYTES if is_markdown_part(path) else MAX_FILE_BYTES


def size_problem(path: str, size: int) -> str | None:
    """What is wrong with a file of `size` bytes at `path`, or None when it fits."""
    limit = size_limit(path)
    if size <= limit:
        return None
    if limit < 1024 * 1024:
        return f"This file is {size // 1024:,} KB; the limit is {limit // 1024} KB."
    return f"This file is {size / (1024 * 1024):.1f} MB; the limit is {limit // (1024 * 1024)} MB."


def decode_texts(files: Mapping[str, bytes], findings: list[Finding]) -> dict[str, str]:
    """The package's Markdown files as text (UTF-8, BOM removed, line endings made '\\n').

    Files that are too large or not UTF-8 are left out, with an error each.
    """
    texts = {}
    for path, blob in sorted(files.items()):
        if not is_markdown_part(path) or size_problem(path, len(blob)):
            continue
        try:
            text = blob.decode("utf-8")
        except UnicodeDecodeError as error:
            findings.append(_not_utf8(path, blob, error.start))
            continue
        texts[path] = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return texts


def _not_utf8(path: str, blob: bytes, start: int) -> Finding:
    line = blob.count(b"\n", 0, start) + 1
    line_start = blob.rfind(b"\n", 0, start) + 1
    column = len(blob[line_start:start].decode("utf-8", "replace")) + 1
    return Finding(
        path,
        line,
        column,
        "error",
        "not-utf8",
        f"This file is not UTF-8 text (byte 0x{blob[start]:02x}).",
        'Save the file as UTF-8 in your editor ("Save with encoding" → UTF-8).',
    )


def check_files(files: Mapping[str, bytes], findings: list[Finding]) -> None:
    """Size limits, unknown files and media types."""
    for path, blob in sorted(files.items()):
        problem = size_problem(path, len(blob))
        if problem:
            findings.append(
                Finding(
                    path,
                    0,
                    0,
                    "error",
                    "file-too-large",
                    problem,
                    "Make images smaller (for example 1600 pixels wide) or split the text "
                    "into more lessons.",
                )
            )
        elif path.startswith("media/"):
            _check_media(path, blob, findings)
        elif not is_markdown_part(path):
            findings.append(
                Finding(
                    path,
                    0,
                    0,
                    "info",
                    "unknown-file",
                    "This file is not part of a course and is ignored.",
                    "Courses hold course.md, quiz.md, lessons/*.md, handouts/*.md (names in "
                    "lower-case words and hyphens) and media/.",
                )
            )


def _check_media(path: str, blob: bytes, findings: list[Finding]) -> None:
    extension = posixpath.splitext(path)[1].lower()
    if extension not in MEDIA_SIGNATURES:
        allowed = ", ".join(sorted(MEDIA_SIGNATURES))
        findings.append(
            Finding(
                path,
                0,
                0,
                "error",
                "unsafe-media",
                f"'{extension or path}' files cannot be served safely.",
                f"Use one of: {allowed}.",
            )
        )
        return
    signatures = MEDIA_SIGNATURES[extension]
    matches = not signatures or blob.startswith(signatures)
    if extension == ".webp":
        matches = matches and blob[8:12] == b"WEBP"
    if not matches:
        findings.append(
            Finding(
                path,
                0,
                0,
                "error",
                "bad-media",
                f"This file's content is not a {extension[1:].upper()} file.",
                "Export the file again in the format its name says.",
            )
        )
