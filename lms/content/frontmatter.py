"""YAML front matter that remembers where each key was written.

Front matter is composed into YAML nodes (not loaded straight to Python) so every finding about
a key can point at that key's line, numbers keep the exact text the author wrote (so `1.10`
stays `1.10` and hours are read from their text by `lms.hours`, never a float), and duplicate
keys and aliases are caught instead of silently merged.
"""

import difflib
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lms.content.data import Finding

_YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


@dataclass
class FrontMatter:
    """The front matter of one file and the body after it.

    `nodes` maps each key to its YAML value node; `lines` maps each key to (line, column) of
    the key in the file (1-based). `body_line` is the file line where the body starts.
    """

    path: str
    present: bool = False
    nodes: dict[str, Node] = field(default_factory=dict)
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    body: str = ""
    body_line: int = 1


def split(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, body's first line number).

    Front matter starts on the first line with `---` and ends at the next `---` (or `...`)
    line. Unclosed front matter is reported by `read` as bad front matter.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return "", text, 1


def read(text: str, path: str, findings: list[Finding]) -> FrontMatter:
    """Parse the front matter of `text`, adding findings for YAML problems."""
    raw, body, body_line = split(text)
    result = FrontMatter(path=path, body=body, body_line=body_line)
    if raw is None:
        return result
    result.present = True
    result.text = raw
    if body_line == 1:
        findings.append(_bad(path, 1, 1, "The front matter has no closing '---' line."))
        return result
    try:
        root = yaml.compose(raw, Loader=yaml.SafeLoader)
    except _YAML_ERRORS as error:
        line, column = _error_position(error)
        findings.append(_bad(path, line, column, f"The front matter is not valid YAML: {error}"))
        return result
    _fill(result, root, findings)
    return result


def _fill(result: FrontMatter, root: Node | None, findings: list[Finding]) -> None:
    path = result.path
    if root is None:
        return
    if not isinstance(root, MappingNode):
        line, column = _position(root)
        findings.append(_bad(path, line, column, "The front matter must be 'key: value' lines."))
        return
    if _has_alias(root):
        findings.append(_bad(path, 2, 1, "Anchors and aliases (& and *) are not supported."))
        return
    for key_node, value_node in root.value:
        line, column = _position(key_node)
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            findings.append(_bad(path, line, column, "Every key must be a plain word."))
            continue
        key = key_node.value
        if key in result.nodes:
            findings.append(
                Finding(path, line, column, "error", "duplicate-key", f"'{key}' is set twice.")
            )
            continue
        result.nodes[key] = value_node
        result.lines[key] = (line, column)


def _has_alias(root: Node) -> bool:
    """True when any node appears twice in the tree (YAML aliases reuse nodes)."""
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return False


def _position(node: Node) -> tuple[int, int]:
    # Front matter starts on file line 2 (after the opening ---).
    return node.start_mark.line + 2, node.start_mark.column + 1


def _error_position(error: Exception) -> tuple[int, int]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is None:
        return 2, 1
    return mark.line + 2, mark.column + 1


def _bad(path: str, line: int, column: int, message: str) -> Finding:
    return Finding(
        path,
        line,
        column,
        "error",
        "bad-front-matter",
        message,
        "Write front matter as 'key: value' lines between two '---' lines.",
    )


def construct(node: Node) -> tuple[bool, Any]:
    """(ok, Python value) for one YAML node, using YAML's safe types."""
    try:
        return True, SafeConstructor().construct_document(node)
    except _YAML_ERRORS:
        return False, None


def check_keys(
    front: FrontMatter,
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    findings: list[Finding],
) -> None:
    """Unknown keys are errors with a "did you mean"; missing required keys are errors."""
    for key, (line, column) in front.lines.items():
        if key in allowed:
            continue
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"Did you mean '{close[0]}'?" if close else "Allowed: " + ", ".join(allowed) + "."
        findings.append(
            Finding(front.path, line, column, "error", "unknown-key", f"Unknown key '{key}'.", hint)
        )
    for key in required:
        if key not in front.nodes:
            findings.append(
                Finding(
                    front.path,
                    1,
                    1,
                    "error",
                    "missing-key",
                    f"The front matter needs '{key}'.",
                    f"Add '{key}:' and its value between the '---' lines.",
                )
            )


def suggest(value: str, allowed: list[str]) -> str:
    """A "did you mean" for a value outside a vocabulary."""
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    if close:
        return f"Did you mean '{close[0]}'?"
    return "Allowed: " + ", ".join(allowed) + "."
