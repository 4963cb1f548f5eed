"""What changed between two versions of a course, in a trainer's words: lessons added, removed
or edited (how many paragraphs), questions added, removed or edited (which parts), and the
course's own details. The unified text diff (lms.authoring.history) stays for whoever wants it.
"""

import difflib
import re

from lms.content.frontmatter import split
from lms.models import CourseVersion

_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.MULTILINE)
# Course details a trainer changes in course.md, by the words a sentence uses for them.
_DETAILS = {
    "title": "title",
    "summary": "summary",
    "ce_minutes": "CE hours",
    "topics": "topics",
    "objectives": "objectives",
    "references": "references",
    "audience": "audience",
    "intro_html": "introduction",
}
# Parts of a question, by the words a sentence uses for them; anything else is "settings".
_QUESTION_PARTS = {
    "title": "wording",
    "prompt": "wording",
    "options": "options",
    "pairs": "pairs",
    "accepted_answers": "accepted answers",
    "explanation": "explanation",
}


def describe_changes(
    old: CourseVersion, new: CourseVersion, old_files: dict[str, bytes], new_files: dict
) -> list[str]:
    """One sentence per change from `old` to `new`, course details first, then lessons in
    order, then questions."""
    changed = [words for key, words in _DETAILS.items() if getattr(old, key) != getattr(new, key)]
    sentences = [f"Course details: {', '.join(dict.fromkeys(changed))} changed"] if changed else []
    sentences += _lesson_changes(old_files, new_files)
    sentences += _question_changes(old.quiz.get("questions", []), new.quiz.get("questions", []))
    return sentences


def _lessons(files: dict[str, bytes]) -> dict[str, str]:
    return {
        path: blob.decode("utf-8", "replace")
        for path, blob in sorted(files.items())
        if path.startswith("lessons/") and path.endswith(".md")
    }


def _title(text: str, path: str) -> str:
    front, _body, _line = split(text)
    match = _TITLE.search(front or "")
    return match.group(1) if match else path.rsplit("/", 1)[-1]


def _paragraphs(text: str) -> list[str]:
    _front, body, _line = split(text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]


def _lesson_changes(old_files: dict[str, bytes], new_files: dict[str, bytes]) -> list[str]:
    old, new = _lessons(old_files), _lessons(new_files)
    sentences = []
    for number, (path, text) in enumerate(new.items(), start=1):
        name = f"Lesson {number} ‘{_title(text, path)}’"
        if path not in old:
            sentences.append(f"{name}: added")
        elif old[path] != text:
            sentences.append(f"{name}: {_lesson_edit(old[path], text, path)}")
    sentences += [f"Lesson ‘{_title(t, p)}’: removed" for p, t in old.items() if p not in new]
    return sentences


def _lesson_edit(before: str, after: str, path: str) -> str:
    """ "2 paragraphs changed, 1 added" (and a new title, when it has one)."""
    counts = {"changed": 0, "added": 0, "removed": 0}
    matcher = difflib.SequenceMatcher(None, _paragraphs(before), _paragraphs(after))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            counts["changed"] += max(i2 - i1, j2 - j1)
        elif tag == "insert":
            counts["added"] += j2 - j1
        elif tag == "delete":
            counts["removed"] += i2 - i1
    parts = [
        f"{count} paragraph{'s' if count > 1 else ''} {what}" if n == 0 else f"{count} {what}"
        for n, (what, count) in enumerate((w, c) for w, c in counts.items() if c)
    ]
    if _title(before, path) != _title(after, path):
        parts.insert(0, f"title was ‘{_title(before, path)}’")
    return ", ".join(parts) or "formatting changed"


def _question_changes(old: list[dict], new: list[dict]) -> list[str]:
    before = {q["id"]: q for q in old}
    after = {q["id"]: q for q in new}
    sentences = []
    for qid, question in after.items():
        if qid not in before:
            sentences.append(f"Question {qid}: added")
        elif before[qid] != question:
            sentences.append(f"Question {qid}: {_question_edit(before[qid], question)}")
    sentences += [f"Question {qid}: removed" for qid in before if qid not in after]
    return sentences


def _question_edit(before: dict, after: dict) -> str:
    parts = []
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    for key in keys:
        parts.append(_QUESTION_PARTS.get(key, "settings"))
    if "options" in keys and _key(before) != _key(after):
        parts.append("answer key")
    return ", ".join(dict.fromkeys(parts)) + " changed"


def _key(question: dict) -> list[str]:
    return [o["id"] for o in question.get("options", []) if o.get("correct")]
