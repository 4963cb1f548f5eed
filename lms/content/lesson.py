"""Lesson files (`lessons/NN-name.md`): a title in front matter, then Markdown."""

import posixpath
import re

from yaml.nodes import ScalarNode

from lms.content import frontmatter
from lms.content.data import LessonData
from lms.content.readability import word_count
from lms.content.render import LinkResolver, render_markdown
from lms.findings import Finding

LESSON_KEYS = ("title",)
_NAME = re.compile(r"^(\d{1,9})-[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_lesson(
    text: str, path: str, position: int = 1, link_base: LinkResolver | None = None
) -> tuple[LessonData | None, list[Finding]]:
    """Parse one lesson; (None, findings) when it has an error."""
    findings: list[Finding] = []
    front = frontmatter.read(text, path, findings)
    frontmatter.check_keys(front, LESSON_KEYS, (), findings)
    title = _title(front, path, findings)
    key = posixpath.splitext(posixpath.basename(path))[0]
    findings += _shape_warnings(key, path, front)
    if title is None or any(f.severity == "error" for f in findings):
        return None, findings
    lesson = LessonData(
        key=key,
        position=position,
        title=title,
        markdown=front.body,
        html=render_markdown(front.body, link_base, document=path),
        words=word_count(front.body),
    )
    return lesson, findings


def _shape_warnings(key: str, path: str, front: frontmatter.FrontMatter) -> list[Finding]:
    """Warnings about the file name and an empty body."""
    warnings = []
    if not _NAME.match(key):
        message = f"'{key}' does not start with a number and a hyphen, or has other characters."
        hint = "Name lessons like 01-welcome.md: a number, then lower-case words and hyphens."
        warnings.append(Finding(path, 0, 0, "warning", "lesson-name", message, hint))
    if not front.body.strip():
        message, hint = "This lesson has no text.", "Write the lesson below the front matter."
        warnings.append(Finding(path, front.body_line, 1, "warning", "empty-lesson", message, hint))
    return warnings


def _title(front: frontmatter.FrontMatter, path: str, findings: list[Finding]) -> str | None:
    node = front.nodes.get("title")
    is_text = isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:str"
    value = node.value.strip() if is_text else ""
    if value and "\n" not in value:
        return value
    line, column = front.lines.get("title", (1, 1))
    findings.append(
        Finding(
            path,
            line,
            column,
            "error",
            "missing-title",
            "This lesson has no title.",
            "Start the file with three lines: '---', 'title: Your lesson title', '---'.",
        )
    )
    return None


def lesson_number(key: str) -> int | None:
    """The number a lesson's file name starts with, if any."""
    match = re.match(r"^(\d{1,9})(?!\d)", key)
    return int(match.group(1)) if match else None
