"""Checks on Markdown source that need the rest of the package: links, images, raw HTML.

`exists` answers whether a package path is a file of the package, so the same checks run on a
package in memory and on a single file on disk.
"""

import difflib
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from lms.content.mdtext import RAW_TAG, Positions, mask_code, mask_comments, references
from lms.content.render import resolve_target
from lms.findings import Finding

_UNSAFE_SCHEMES = ("javascript", "data", "vbscript", "file")
# Text the course template and the new-lesson starter put in for the trainer to replace; left
# in a published lesson it would reach learners.
NEW_LESSON_PLACEHOLDER = "Write the lesson here."
PLACEHOLDERS = (
    NEW_LESSON_PLACEHOLDER,
    "Replace this lesson with your own text.",
    "Replace this text with a short welcome",
)
_H1 = re.compile(r"^#[ \t]", re.M)


def check_markdown(
    body: str,
    first_line: int,
    document: str,
    exists: Callable[[str], bool],
    lesson_names: list[str],
) -> list[Finding]:
    """Findings about the links, images, raw HTML and top-level headings in `body`.

    `document` is the package path of the file (e.g. "lessons/01-welcome.md"); `first_line` is
    the file line `body` starts on; `lesson_names` feeds the "did you mean" for broken links.
    """
    positions = Positions(body, first_line)
    findings = []
    for reference in references(body):
        line, column = positions.at(reference.offset)
        finding = _check_reference(reference, document, exists, lesson_names)
        if finding:
            severity, code, message, suggestion = finding
            findings.append(Finding(document, line, column, severity, code, message, suggestion))
    findings += _raw_html(body, positions, document)
    if not document.startswith("handouts/"):  # a handout prints alone, titled by its '#'
        findings += _top_headings(body, positions, document)
    findings += _placeholders(body, positions, document)
    return findings


def _placeholders(body: str, positions: Positions, document: str) -> list[Finding]:
    """Template text still waiting to be replaced (outside code, where it may be quoted)."""
    findings = []
    text = mask_comments(mask_code(body))
    for placeholder in PLACEHOLDERS:
        start = text.find(placeholder)
        if start >= 0:
            line, column = positions.at(start)
            findings.append(
                Finding(
                    document,
                    line,
                    column,
                    "warning",
                    "placeholder-text",
                    f"“{placeholder}” is the template's placeholder; learners would see it.",
                    "Replace it with your own text.",
                )
            )
    return findings


def _check_reference(reference, document, exists, lesson_names) -> tuple | None:
    target = reference.target
    scheme = urlsplit(target).scheme.lower() if ":" in target else ""
    if scheme in _UNSAFE_SCHEMES:
        return (
            "warning",
            "unsafe-link",
            f"'{scheme}:' links are removed when shown.",
            "Link to an http(s) page or a file in media/.",
        )
    if reference.kind == "image":
        return _check_image(reference, scheme, document, exists)
    if scheme or not target or target.startswith(("#", "/")):
        return None
    path = resolve_target(target, document)
    path = unquote(path) if path else None
    if path is not None and exists(path):
        return None
    if urlsplit(target).path.endswith(".md"):
        name = posixpath.basename(urlsplit(target).path)
        close = difflib.get_close_matches(name, lesson_names, n=1, cutoff=0.5)
        hint = f"Did you mean '{close[0]}'?" if close else "Link to a lesson by its file name."
        return ("error", "broken-lesson-link", f"There is no lesson '{target}'.", hint)
    return (
        "error",
        "broken-link",
        f"'{target}' is not a file of this course.",
        "Put the file in media/ and link to it from there.",
    )


def _check_image(reference, scheme: str, document: str, exists) -> tuple | None:
    if scheme in ("http", "https") or reference.target.startswith("//"):
        return (
            "warning",
            "external-image",
            "This image is loaded from another website.",
            "Save the image in media/ so Peerpath serves it itself.",
        )
    path = resolve_target(reference.target, document)
    path = unquote(path) if path else None
    if path is None or not exists(path):
        where = "../media/" if document.startswith("lessons/") else "media/"
        return (
            "error",
            "missing-image",
            f"The image '{reference.target}' is not in the course.",
            f"Add the file to media/ and write its path as {where}name.png.",
        )
    if not reference.text.strip():
        return (
            "warning",
            "missing-alt",
            "This image has no alt text.",
            "Describe the image between the brackets: ![what it shows](...).",
        )
    return None


def _raw_html(body: str, positions: Positions, document: str) -> list[Finding]:
    findings = []
    for match in RAW_TAG.finditer(mask_comments(mask_code(body))):
        line, column = positions.at(match.start())
        findings.append(
            Finding(
                document,
                line,
                column,
                "warning",
                "raw-html",
                f"Raw HTML <{match.group(1).lower()}> is removed when the page is shown.",
                "Use Markdown instead.",
            )
        )
    return findings


def _top_headings(body: str, positions: Positions, document: str) -> list[Finding]:
    findings = []
    for match in _H1.finditer(mask_code(body)):
        line, column = positions.at(match.start())
        findings.append(
            Finding(
                document,
                line,
                column,
                "warning",
                "heading-level",
                "A '#' heading competes with the page title.",
                "Start headings at '##'.",
            )
        )
    return findings
