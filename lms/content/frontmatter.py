"""YAML front matter that remembers where each key was written.

Front matter is read with the shared line-numbered reader (`lms.yamlread`), so every finding
about a key points at that key's line, numbers keep the exact text the author wrote, and
duplicate keys and aliases are caught instead of silently merged. `FieldReader` words its
findings for course authors and reads values by key.
"""

from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode

from lms.findings import Finding
from lms.yamlread import TAG_STR, NodeReader, Words, has_alias, is_null

_HINT = "Write front matter as 'key: value' lines between two '---' lines."
_VOCABULARY_HINT = "{suggestion} (see lms/content/vocabulary.yaml)"
_NUMBER = ("bad-value", "'{name}' must be a number, like 1.5.", "")
_CE_HOURS = (
    "bad-ce-hours",
    "ce_hours must be more than 0, at most {maximum}, in steps of 0.25; it is {hours}.",
    "Write hours like 1, 1.25, 1.5 or 1.75.",
)
_DOMAIN_HOURS = (
    "bad-value",
    "The hours for '{domain}' must be more than 0, in steps of 0.25.",
    "Write one domain a line with its hours, like 'ethical-responsibility: 1.5'.",
)
WORDS: Words = {
    "bad-yaml": ("bad-front-matter", "The front matter is not valid YAML: {error}", _HINT),
    "not-mapping": ("bad-front-matter", "{name} must be 'key: value' lines.", _HINT),
    "alias": ("bad-front-matter", "Anchors and aliases (& and *) are not supported.", _HINT),
    "unclosed": ("bad-front-matter", "The front matter has no closing '---' line.", _HINT),
    "key-not-word": ("bad-front-matter", "Every key must be a plain word.", _HINT),
    "duplicate-key": ("duplicate-key", "'{key}' is set twice.", ""),
    "unknown-key": ("unknown-key", "Unknown key '{key}'.", "{suggestion}"),
    "missing-key": (
        "missing-key",
        "{name} needs '{key}'.",
        "Add '{key}:' and its value between the '---' lines.",
    ),
    "text": ("bad-value", "'{name}' must be a line of text.", ""),
    "item-text": ("bad-value", "Each item of '{name}' must be text.", ""),
    "list": ("bad-value", "'{name}' must be a list, one item a line.", ""),
    "boolean": ("bad-value", "'{name}' must be true or false.", ""),
    "whole": ("bad-value", "'{name}' must be a whole number.", ""),
    "whole-range": ("bad-value", "'{name}' must be from {low} to {high}; it is {value}.", ""),
    "choice": ("unknown-value", "'{value}' is not a value of '{name}'.", "{suggestion}"),
    "vocabulary": ("unknown-value", "'{value}' is not in the {name} vocabulary.", _VOCABULARY_HINT),
    "ce-hours-number": _NUMBER,
    "ce-hours-range": _CE_HOURS,
    "ce-hours-step": _CE_HOURS,
    "domain-hours-number": _NUMBER,
    "domain-hours-range": _DOMAIN_HOURS,
    "domain-hours-step": _DOMAIN_HOURS,
}
NAME = "The front matter"


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


class FieldReader(NodeReader):
    """Reads values out of one file's front matter by key, reporting type and range problems."""

    WORDS = WORDS
    FIRST_LINE = 2  # after the opening '---'
    FOLD_SPACES = False  # block text keeps the author's line breaks

    def __init__(self, front: FrontMatter, findings: list[Finding]):
        super().__init__(front.path, findings)
        self.front = front

    def line(self, key: str) -> tuple[int, int]:
        """Where `key` is written; the file's first line when it is not."""
        return self.front.lines.get(key, (1, 1))

    def node(self, key: str) -> Node | None:
        """The value of `key`, or None when it is left out or has no value."""
        node = self.front.nodes.get(key)
        return None if is_null(node) else node

    def _choice_value(self, node: Node, name: str, numbers_ok: bool) -> str | int:
        """Any item outside a vocabulary is an unknown value, shown as "" unless text or a
        whole number."""
        if isinstance(node, ScalarNode) and node.tag == TAG_STR:
            return node.value.strip()
        number = self._whole_number(node)
        return "" if number is None else number

    def error(self, key: str, code: str, message: str, suggestion: str = "", node=None) -> None:
        """An error at `node`, or at `key`'s line when no node is given."""
        self.add(self.line(key) if node is None else node, code, message, suggestion)


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
    reader = FieldReader(result, findings)
    if body_line == 1:
        reader.report((1, 1), "unclosed")
        return result
    ok, root = reader.compose(raw)
    if not ok or root is None:
        return result
    if not isinstance(root, MappingNode):
        reader.report(root, "not-mapping", name=NAME)
    elif has_alias(root):
        reader.report((2, 1), "alias")
    else:
        for key, key_node, value_node in reader.entries(root):
            result.nodes[key] = value_node
            result.lines[key] = reader.position(key_node)
    return result


def check_keys(
    front: FrontMatter,
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    findings: list[Finding],
) -> None:
    """Unknown keys are errors with a "did you mean"; missing required keys are errors."""
    FieldReader(front, findings).check_keys(front.lines, allowed, required, NAME, (1, 1))
