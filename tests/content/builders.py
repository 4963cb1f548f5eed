"""Small valid course packages for tests, changed one file or key at a time."""

from lms.content.sources import PackageSource, read_dict

COURSE_MD = """---
slug: demo
title: Demo course
summary: A short course used by the tests.
version: "1.0"
ce_hours: 0.25
topics: [ethics]
objectives:
  - Name two kinds of boundary.
references:
  - "SAMHSA. Core Competencies for Peer Workers. 2015."
---
Welcome to the demo course.
"""

LESSON_MD = "---\ntitle: First lesson\n---\n" + "Peers listen with care and respect. " * 400

QUIZ_MD = """---
title: Check your understanding
---

### Which phrase puts the person first? {#person-first}
- [ ] a label
  > A label reduces a person to one thing.
- [x] a person in recovery
  > Right: the person comes first.

Explanation: Person-first words put the person before the condition.
"""


def files(changes: dict[str, str | bytes | None] | None = None) -> dict[str, str | bytes]:
    """The demo package's files, with some replaced, added or (value None) removed."""
    result: dict[str, str | bytes] = {
        "course.md": COURSE_MD,
        "lessons/01-first.md": LESSON_MD,
        "quiz.md": QUIZ_MD,
    }
    for path, value in (changes or {}).items():
        if value is None:
            result.pop(path, None)
        else:
            result[path] = value
    return result


def package(changes: dict | None = None, name: str | None = "demo") -> PackageSource:
    """The demo package as a source named like its folder."""
    return read_dict(files(changes), name=name)


def course_with(**front: str) -> str:
    """COURSE_MD with front matter lines replaced or added (value None removes the key)."""
    head, body = COURSE_MD.split("\n---\n", 1)
    lines = head.split("\n")[1:]
    keys = [line.split(":", 1)[0] for line in lines]
    for key, value in front.items():
        if key in keys:
            index = keys.index(key)
            lines[index] = f"{key}: {value}" if value is not None else "\x00"
        elif value is not None:
            lines.append(f"{key}: {value}")
    lines = [line for line in lines if line != "\x00"]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def codes(findings, severity: str | None = None) -> list[str]:
    return [f.code for f in findings if severity is None or f.severity == severity]


def only(findings, code: str):
    """The one finding with `code` (fails the test if there is not exactly one)."""
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, (code, findings)
    return matching[0]
