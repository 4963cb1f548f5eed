"""Item metadata: the comment line directly under a quiz question's heading.

    ### Gift card from a participant {#gift-card}
    <!-- kind: applied; objective: 2; review: 03-gifts-and-money -->

Keys, each optional, separated by `;`:

- `kind`: `applied` (the learner applies a rule to a case) or `recall` (the default);
- `objective`: the 1-based number of the objective in course.md's `objectives:` list;
- `review`: the file stem of the lesson in lessons/ to reread when the item is missed.

The comment is invisible to learners, so a quiz written this way also loads where metadata is
not read. Objective numbers and lesson stems are checked only when the course around the quiz
is known (`ItemContext`); a quiz checked on its own is checked for syntax and kind.
"""

import difflib
import re
from dataclasses import dataclass

from lms.content.data import ITEM_KINDS
from lms.findings import Finding

META_KEYS = ("kind", "objective", "review")
_COMMENT = re.compile(r"^[ \t]*<!--(.*?)-->[ \t]*$")
_LANGUAGE_MARKER = re.compile(r"^\s*language\s*:")
_LOOKS_LIKE_META = re.compile(r"^\s*(?:kind|objective|review)\s*:", re.I)


@dataclass(frozen=True)
class ItemContext:
    """What metadata is checked against: the course's objective count and lesson stems."""

    objectives: int
    lessons: tuple[str, ...]


@dataclass(frozen=True)
class ItemMeta:
    item_kind: str = "recall"
    objective: int | None = None
    review: str = ""


def meta_pairs(question) -> list[tuple[str, str]]:
    """A question's metadata that differs from the defaults, as (key, value) in key order."""
    pairs = [("kind", question.item_kind)] if question.item_kind != "recall" else []
    if question.objective is not None:
        pairs.append(("objective", str(question.objective)))
    if question.review:
        pairs.append(("review", question.review))
    return pairs


def meta_comment(question) -> str:
    """The metadata comment line for a question ("" when everything is the default)."""
    pairs = meta_pairs(question)
    return f"<!-- {'; '.join(f'{k}: {v}' for k, v in pairs)} -->" if pairs else ""


def from_hint(hint: dict[str, str]) -> dict:
    """QuestionData metadata fields from a GIFT `// peerpath:` hint (kind=, objective=, review=);
    values are checked again when the written quiz.md is parsed."""
    fields: dict = {}
    if hint.get("kind") in ITEM_KINDS:
        fields["item_kind"] = hint["kind"]
    if hint.get("objective", "").isdigit():
        fields["objective"] = int(hint["objective"])
    if re.fullmatch(r"[\w.-]+", hint.get("review", "")):
        fields["review"] = hint["review"]
    return fields


def is_meta_comment(line: str) -> bool:
    """A comment line that is not a language marker: metadata when directly under a heading."""
    match = _COMMENT.match(line)
    return bool(match) and not _LANGUAGE_MARKER.match(match.group(1))


def looks_like_meta(line: str) -> bool:
    """A comment line that reads as metadata (kind/objective/review) wherever it stands."""
    match = _COMMENT.match(line)
    return bool(match) and bool(_LOOKS_LIKE_META.match(match.group(1)))


def misplaced(path: str, line: int) -> Finding:
    return Finding(
        path,
        line,
        1,
        "warning",
        "item-meta-misplaced",
        "This metadata comment is not directly under a question heading, so it is ignored.",
        "Move it to the line right after the '###' heading.",
    )


def parse_meta(
    line_text: str, line: int, path: str, context: ItemContext | None, findings: list[Finding]
) -> ItemMeta:
    """Read one metadata comment, adding a finding at `line` for each mistake."""
    values: dict[str, str] = {}
    body = _COMMENT.match(line_text).group(1)
    for part in (p.strip() for p in body.split(";")):
        if not part:
            continue
        key, colon, value = (s.strip() for s in part.partition(":"))
        key = key.lower()
        if not colon or key not in META_KEYS:
            findings.append(_error(path, line, "item-meta-key", _key_message(part, key, colon)))
        else:
            values[key] = value
    return ItemMeta(
        item_kind=_kind(values.get("kind"), path, line, findings),
        objective=_objective(values.get("objective"), path, line, context, findings),
        review=_review(values.get("review"), path, line, context, findings),
    )


def _key_message(part: str, key: str, colon: str) -> tuple[str, str]:
    known = ", ".join(META_KEYS)
    if not colon:
        return f"'{part}' is not 'key: value'.", f"Write keys as 'key: value', from {known}."
    close = difflib.get_close_matches(key, META_KEYS, n=1)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    return f"'{key}' is not an item metadata key.", f"{hint}Use {known}."


def _kind(value: str | None, path: str, line: int, findings: list[Finding]) -> str:
    if value is None:
        return "recall"
    if value.lower() in ITEM_KINDS:
        return value.lower()
    findings.append(
        _error(
            path,
            line,
            "item-meta-kind",
            (f"'{value}' is not an item kind.", "Write 'kind: applied' or 'kind: recall'."),
        )
    )
    return "recall"


def _objective(value, path, line, context: ItemContext | None, findings) -> int | None:
    if value is None:
        return None
    count = context.objectives if context else None
    number = int(value) if value.isdigit() else 0
    if number >= 1 and (count is None or number <= count):
        return number
    have = f"course.md lists {count} objectives" if count is not None else "objectives count from 1"
    findings.append(
        _error(
            path,
            line,
            "item-meta-objective",
            (
                f"Objective '{value}' is not one of the course's objectives ({have}).",
                "Write the number of an objective in course.md's objectives: list, from 1.",
            ),
        )
    )
    return None


def _review(value, path, line, context: ItemContext | None, findings) -> str:
    if not value:
        return ""
    if context is None or value in context.lessons:
        return value
    close = difflib.get_close_matches(value, context.lessons, n=1, cutoff=0.5)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    findings.append(
        _error(
            path,
            line,
            "item-meta-review",
            (
                f"There is no lesson '{value}' to review.",
                f"{hint}Write a lesson's file name without '.md', e.g. 'review: 01-welcome'.",
            ),
        )
    )
    return ""


def _error(path: str, line: int, code: str, text: tuple[str, str]) -> Finding:
    return Finding(path, line, 1, "error", code, text[0], text[1])
