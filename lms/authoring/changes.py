"""What changed between two versions of a course, in a trainer's words: lessons added, removed
or edited (how many paragraphs), questions added, removed or edited (which parts), and the
course's own details. The unified text diff (lms.authoring.history) stays for whoever wants it.
"""

import difflib
import re

from lms.content.frontmatter import split
from lms.i18n import _, _l, ngettext
from lms.models import CourseVersion

_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.MULTILINE)
# Course details a trainer changes in course.md, by the words a sentence uses for them.
_DETAILS = {
    "title": _l("title"),
    "summary": _l("summary"),
    "ce_minutes": _l("CE hours"),
    "topics": _l("topics"),
    "objectives": _l("objectives"),
    "references": _l("references"),
    "audience": _l("audience"),
    "intro_html": _l("introduction"),
}
# Parts of a question, by the words a sentence uses for them; anything else is "settings".
_QUESTION_PARTS = {
    "title": _l("wording"),
    "prompt": _l("wording"),
    "options": _l("options"),
    "pairs": _l("pairs"),
    "accepted_answers": _l("accepted answers"),
    "explanation": _l("explanation"),
}


def describe_changes(
    old: CourseVersion, new: CourseVersion, old_files: dict[str, bytes], new_files: dict
) -> list[str]:
    """One sentence per change from `old` to `new`, course details first, then lessons in
    order, then questions."""
    changed = [
        str(words) for key, words in _DETAILS.items() if getattr(old, key) != getattr(new, key)
    ]
    sentences = []
    if changed:
        sentences.append(
            _("Course details: %(parts)s changed", parts=", ".join(dict.fromkeys(changed)))
        )
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
        title = _title(text, path)
        if path not in old:
            sentences.append(_("Lesson %(number)d ‘%(title)s’: added", number=number, title=title))
        elif old[path] != text:
            edit = _lesson_edit(old[path], text, path)
            sentences.append(
                _("Lesson %(number)d ‘%(title)s’: %(edit)s", number=number, title=title, edit=edit)
            )
    sentences += [
        _("Lesson ‘%(title)s’: removed", title=_title(t, p)) for p, t in old.items() if p not in new
    ]
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
    counted = [(what, count) for what, count in counts.items() if count]
    parts = [
        _paragraph_count(what, count) if n == 0 else _count(what, count)
        for n, (what, count) in enumerate(counted)
    ]
    if _title(before, path) != _title(after, path):
        parts.insert(0, _("title was ‘%(title)s’", title=_title(before, path)))
    return ", ".join(parts) or _("formatting changed")


def _paragraph_count(what: str, count: int) -> str:
    """ "2 paragraphs changed": the first count of a lesson's edit names its unit."""
    if what == "changed":
        return ngettext("%(num)d paragraph changed", "%(num)d paragraphs changed", count)
    if what == "added":
        return ngettext("%(num)d paragraph added", "%(num)d paragraphs added", count)
    return ngettext("%(num)d paragraph removed", "%(num)d paragraphs removed", count)


def _count(what: str, count: int) -> str:
    """ "1 added": a later count of the same edit, its unit understood."""
    if what == "changed":
        return ngettext("%(num)d changed", "%(num)d changed", count)
    if what == "added":
        return ngettext("%(num)d added", "%(num)d added", count)
    return ngettext("%(num)d removed", "%(num)d removed", count)


def _question_changes(old: list[dict], new: list[dict]) -> list[str]:
    before = {q["id"]: q for q in old}
    after = {q["id"]: q for q in new}
    sentences = []
    for qid, question in after.items():
        if qid not in before:
            sentences.append(_("Question %(id)s: added", id=qid))
        elif before[qid] != question:
            edit = _question_edit(before[qid], question)
            sentences.append(_("Question %(id)s: %(edit)s", id=qid, edit=edit))
    sentences += [_("Question %(id)s: removed", id=qid) for qid in before if qid not in after]
    return sentences


def _question_edit(before: dict, after: dict) -> str:
    parts = []
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    for key in keys:
        parts.append(str(_QUESTION_PARTS.get(key) or _("settings")))
    if "options" in keys and _key(before) != _key(after):
        parts.append(_("answer key"))
    return _("%(parts)s changed", parts=", ".join(dict.fromkeys(parts)))


def _key(question: dict) -> list[str]:
    return [o["id"] for o in question.get("options", []) if o.get("correct")]
