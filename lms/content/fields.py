"""Typed reading of front matter values, each problem a finding at the value's line."""

from yaml.nodes import Node, ScalarNode, SequenceNode

from lms.content.data import Finding
from lms.content.frontmatter import FrontMatter, construct, suggest
from lms.hours import NOT_A_NUMBER, HoursError, parse_hours

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


class FieldReader:
    """Read values out of one file's front matter, reporting type and range problems."""

    def __init__(self, front: FrontMatter, findings: list[Finding]):
        self.front = front
        self.findings = findings

    def line(self, key: str) -> tuple[int, int]:
        return self.front.lines.get(key, (1, 1))

    def error(self, key: str, code: str, message: str, suggestion: str = "", node=None) -> None:
        line, column = self.line(key)
        if node is not None:
            line, column = node.start_mark.line + 2, node.start_mark.column + 1
        self.findings.append(
            Finding(self.front.path, line, column, "error", code, message, suggestion)
        )

    def node(self, key: str) -> Node | None:
        node = self.front.nodes.get(key)
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            return None
        return node

    def text(self, key: str, default: str | None = None, *, numbers_ok: bool = False) -> str | None:
        """A non-empty single string. With `numbers_ok`, `1.10` is read as the text "1.10"."""
        node = self.node(key)
        if node is None:
            return default
        allowed = (_STR, _INT, _FLOAT) if numbers_ok else (_STR,)
        if not isinstance(node, ScalarNode) or node.tag not in allowed or not node.value.strip():
            self.error(key, "bad-value", f"'{key}' must be a line of text.", node=node)
            return default
        return node.value.strip()

    def boolean(self, key: str, default: bool) -> bool:
        node = self.node(key)
        if node is None:
            return default
        ok, value = construct(node)
        if not ok or not isinstance(value, bool):
            self.error(key, "bad-value", f"'{key}' must be true or false.", node=node)
            return default
        return value

    def integer(self, key: str, default: int | None, low: int, high: int) -> int | None:
        node = self.node(key)
        if node is None:
            return default
        ok, value = construct(node) if node.tag == _INT else (False, None)
        if not ok or isinstance(value, bool) or not isinstance(value, int):
            self.error(key, "bad-value", f"'{key}' must be a whole number.", node=node)
            return default
        if not low <= value <= high:
            message = f"'{key}' must be from {low} to {high}; it is {value}."
            self.error(key, "bad-value", message, node=node)
            return default
        return value

    def hours(self, node: Node, key: str, maximum: int) -> int | None:
        """Minutes from the hours `node` holds (an item under `key`), read from its written text
        by `lms.hours.parse_hours`. A value that is not a number gets a finding here and gives
        None; one out of range or off the quarter hours raises the HoursError, so the caller
        words that finding for its key."""
        if isinstance(node, ScalarNode) and node.tag in (_INT, _FLOAT):
            try:
                return parse_hours(node.value, maximum=maximum)
            except HoursError as error:
                if error.problem != NOT_A_NUMBER:
                    raise
        self.error(key, "bad-value", f"'{key}' must be a number, like 1.5.", node=node)
        return None

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        node = self.node(key)
        if node is None:
            return default
        value = self.text(key)
        if value is None:
            return default
        if value not in allowed:
            self.error(
                key,
                "unknown-value",
                f"'{value}' is not a value of '{key}'.",
                suggest(value, list(allowed)),
                node=node,
            )
            return default
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of non-empty strings (a single string is taken as a list of one)."""
        node = self.node(key)
        if node is None:
            return ()
        if isinstance(node, ScalarNode) and node.tag == _STR and node.value.strip():
            return (node.value.strip(),)
        if not isinstance(node, SequenceNode):
            self.error(key, "bad-value", f"'{key}' must be a list, one item a line.", node=node)
            return ()
        values = []
        for item in node.value:
            if isinstance(item, ScalarNode) and item.tag == _STR and item.value.strip():
                values.append(item.value.strip())
            else:
                self.error(key, "bad-value", f"Each item of '{key}' must be text.", node=item)
        return tuple(values)

    def item_nodes(self, key: str) -> list[Node]:
        node = self.node(key)
        return list(node.value) if isinstance(node, SequenceNode) else []

    def vocabulary(self, key: str, allowed: dict) -> tuple:
        """A list of values from one vocabulary; unknown values get a "did you mean"."""
        node = self.node(key)
        if node is None:
            return ()
        items = node.value if isinstance(node, SequenceNode) else [node]
        values = []
        for item in items:
            value = _plain_value(item)
            if value in allowed and value not in values:
                values.append(value)
            elif value not in allowed:
                shown = "" if value is None else str(value)[:80]
                names = [str(k) for k in allowed]
                self.error(
                    key,
                    "unknown-value",
                    f"'{shown}' is not in the {key} vocabulary.",
                    suggest(shown, names) + " (see lms/content/vocabulary.yaml)",
                    node=item,
                )
        return tuple(values)


def _plain_value(node: Node):
    """A scalar's value as str or int (ints for competency numbers), else None."""
    if not isinstance(node, ScalarNode):
        return None
    if node.tag == _INT:
        ok, value = construct(node)
        return value if ok and isinstance(value, int) and not isinstance(value, bool) else None
    if node.tag == _STR:
        return node.value.strip()
    return None
