"""The one YAML reader that keeps line numbers: course front matter and credential rule files.

YAML is composed into nodes, not loaded straight to Python, so that every finding points at
the line and column of what it is about; numbers keep the text the author wrote (`1.10` stays
"1.10"; hours become whole minutes through `lms.hours.parse_hours`, never a float); and a
key written twice is caught instead of silently merged.

`NodeReader` reads values out of nodes. Each method returns the value, or None after adding a
finding when the value cannot be used; a node of None means the key was left out. Findings are
worded from the subclass's `WORDS` table, one entry per situation, because front matter
(`lms.content.frontmatter`) and rule files (`lms.ce.rulefile`) were checked by two readers
before this one and each kept its own wording: what an author reads did not change.
"""

import difflib
import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lms.findings import Finding
from lms.hours import NOT_A_NUMBER, OUT_OF_RANGE, HoursError, format_hours, parse_hours

TAG_STR = "tag:yaml.org,2002:str"
TAG_INT = "tag:yaml.org,2002:int"
TAG_FLOAT = "tag:yaml.org,2002:float"
TAG_BOOL = "tag:yaml.org,2002:bool"
TAG_NULL = "tag:yaml.org,2002:null"
# Everything PyYAML raises on hostile input (deep nesting, huge numbers, odd tags).
YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)
_BOOLEANS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_WHOLE = re.compile(r"^[-+]?[0-9]+$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")

# {situation: (code, message, hint)}; message and hint are str.format templates.
Words = dict[str, tuple[str, str, str]]
Where = Node | tuple[int, int]


def suggest(value: str, allowed: list[str]) -> str:
    """A "did you mean" for a value outside a list, or the list itself when nothing is close."""
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    if close:
        return f"Did you mean '{close[0]}'?"
    return "Allowed: " + ", ".join(allowed) + "."


def has_alias(root: Node) -> bool:
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


def is_null(node: Node | None) -> bool:
    """True for a key left out (None) or written with no value (`key:`)."""
    return node is None or (isinstance(node, ScalarNode) and node.tag == TAG_NULL)


class NodeReader:
    """Reads values out of one file's YAML nodes; each problem becomes a finding at its node.

    Subclasses set `WORDS`, `FIRST_LINE` (the file line the YAML starts on: 2 for front matter,
    after its '---') and `FOLD_SPACES` (whether text has its runs of white space made one).
    """

    WORDS: Words = {}
    FIRST_LINE = 1
    FOLD_SPACES = True

    def __init__(self, path: str, findings: list[Finding]):
        self.path = path
        self.findings = findings

    def position(self, node: Node) -> tuple[int, int]:
        """(line, column) of a node in the file, both 1-based."""
        return node.start_mark.line + self.FIRST_LINE, node.start_mark.column + 1

    def add(self, where: Where, code: str, message: str, hint: str = "", severity="error") -> None:
        """A finding at a node, or at a (line, column)."""
        line, column = where if isinstance(where, tuple) else self.position(where)
        self.findings.append(Finding(self.path, line, column, severity, code, message, hint))

    def report(self, where: Where, situation: str, **values) -> None:
        """An error worded by `WORDS[situation]`, filled in with `values`."""
        code, message, hint = self.WORDS[situation]
        self.add(where, code, message.format(**values), hint.format(**values))

    def compose(self, text: str) -> tuple[bool, Node | None]:
        """(ok, the document's root node or None when empty); a YAML error is a finding."""
        try:
            return True, yaml.compose(text, Loader=yaml.SafeLoader)
        except YAML_ERRORS as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            where = (mark.line + self.FIRST_LINE, mark.column + 1) if mark else (self.FIRST_LINE, 1)
            problem = getattr(error, "problem", None) or error
            self.report(where, "bad-yaml", error=error, problem=problem)
            return False, None

    def entries(self, node: MappingNode) -> list[tuple[str, Node, Node]]:
        """(key, key node, value node) in file order; odd and repeated keys are findings."""
        found: dict[str, tuple[str, Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != TAG_STR:
                self.report(key_node, "key-not-word")
            elif key_node.value in found:
                self.report(key_node, "duplicate-key", key=key_node.value)
            else:
                found[key_node.value] = (key_node.value, key_node, value_node)
        return list(found.values())

    def check_keys(self, keys: dict[str, Where], allowed, required, name: str, at: Where) -> None:
        """Unknown keys (with a "did you mean") and required keys missing (reported at `at`)."""
        for key, where in keys.items():
            if key not in allowed:
                self.report(where, "unknown-key", key=key, suggestion=suggest(key, list(allowed)))
        for key in required:
            if key not in keys:
                self.report(at, "missing-key", key=key, name=name)

    def mapping(self, node: Node, name: str, allowed, required) -> dict[str, Node]:
        """A mapping's value nodes by key, keeping only allowed keys."""
        if not isinstance(node, MappingNode):
            self.report(node, "not-mapping", name=name)
            return {}
        entries = self.entries(node)
        keys = {key: key_node for key, key_node, _value in entries}
        self.check_keys(keys, allowed, required, name, node)
        return {key: value for key, _key_node, value in entries if key in allowed}

    def items(self, node: Node | None, name: str, single: bool = False) -> list[Node]:
        """A list's item nodes; with `single`, a value written without a list is a list of one."""
        if is_null(node):
            return []
        if isinstance(node, SequenceNode):
            return list(node.value)
        if single:
            return [node]
        self.report(node, "list", name=name)
        return []

    def text(self, node: Node | None, name: str, numbers_ok=False, situation="text") -> str | None:
        """A non-empty string. With `numbers_ok`, `1.10` is read as the text "1.10"."""
        if node is None:
            return None
        tags = (TAG_STR, TAG_INT, TAG_FLOAT) if numbers_ok else (TAG_STR,)
        if not isinstance(node, ScalarNode) or node.tag not in tags or not node.value.strip():
            self.report(node, situation, name=name)
            return None
        return " ".join(node.value.split()) if self.FOLD_SPACES else node.value.strip()

    def texts(self, node: Node | None, name: str) -> tuple[str, ...]:
        """Non-empty strings from a list (one string alone is a list of one)."""
        values = (self.text(item, name, situation="item-text") for item in self._list(node, name))
        return tuple(value for value in values if value is not None)

    def _list(self, node: Node | None, name: str) -> list[Node]:
        if isinstance(node, ScalarNode) and node.tag == TAG_STR and node.value.strip():
            return [node]
        return self.items(node, name)

    def slug(self, node: Node | None, name: str) -> str | None:
        """Lower-case letters, digits and single hyphens, like `pa-crs`."""
        value = self.text(node, name)
        if value is not None and not _SLUG.match(value):
            self.report(node, "slug", name=name, value=value)
            return None
        return value

    def slugs(self, node: Node | None, name: str) -> tuple[str, ...]:
        values = (self.slug(item, name) for item in self.items(node, name))
        return tuple(dict.fromkeys(v for v in values if v))

    def url(self, node: Node | None, name: str) -> str | None:
        value = self.text(node, name)
        if value is not None and not _URL.match(value):
            self.report(node, "url", name=name, value=value)
            return None
        return value

    def urls(self, node: Node | None, name: str) -> tuple[str, ...]:
        values = (self.url(item, name) for item in self.items(node, name))
        return tuple(v for v in values if v)

    def choice(self, node: Node | None, name: str, allowed, situation: str) -> str | None:
        """One text value that must come from `allowed` (a "did you mean" if not)."""
        value = self.text(node, name)
        if value is not None and value not in allowed:
            names = [str(option) for option in allowed]
            self.report(node, situation, name=name, value=value, suggestion=suggest(value, names))
            return None
        return value

    def choices(self, node: Node | None, name: str, allowed, situation: str, single=False):
        """Distinct values of a list that must come from `allowed` (text, or whole numbers when
        `allowed` holds numbers); the values outside it get a "did you mean"."""
        values: list = []
        names = [str(option) for option in allowed]
        numbers_ok = any(isinstance(option, int) for option in allowed)
        for item in self.items(node, name, single):
            value = self._choice_value(item, name, numbers_ok)
            if value is not None and value not in allowed:
                shown = str(value)[:80]
                self.report(
                    item, situation, name=name, value=shown, suggestion=suggest(shown, names)
                )
            elif value is not None and value not in values:
                values.append(value)
        return tuple(values)

    def _choice_value(self, node: Node, name: str, numbers_ok: bool) -> str | int | None:
        """An item's value to look up (None, after a finding, when it cannot be one)."""
        number = self._whole_number(node) if numbers_ok else None
        return number if number is not None else self.text(node, name, situation="item-text")

    def boolean(self, node: Node | None, name: str, default: bool | None = None) -> bool | None:
        """true or false (YAML's yes/no and on/off too); `default` when left out or wrong."""
        if node is None:
            return default
        value = _BOOLEANS.get(node.value.lower()) if isinstance(node, ScalarNode) else None
        if node.tag != TAG_BOOL or value is None:
            self.report(node, "boolean", name=name)
            return default
        return value

    def whole(self, node: Node | None, name: str, low: int, high: int) -> int | None:
        """A whole number from `low` to `high`, read as written (`010` is ten)."""
        if node is None:
            return None
        value = self._whole_number(node)
        if value is None:
            self.report(node, "whole", name=name, low=low, high=high)
            return None
        if not low <= value <= high:
            self.report(node, "whole-range", name=name, low=low, high=high, value=value)
            return None
        return value

    @staticmethod
    def _whole_number(node: Node) -> int | None:
        if not isinstance(node, ScalarNode) or node.tag != TAG_INT:
            return None
        text = node.value.replace("_", "")
        return int(text) if _WHOLE.match(text) else None

    def hours(
        self, node: Node | None, name: str, maximum: int, kind="hours", at=None, **values
    ) -> int | None:
        """Whole minutes from hours above 0, at most `maximum`, in quarter-hour steps.

        The hours are read from the text written by `lms.hours.parse_hours`, the one reader of
        hours. Problems are worded by `WORDS` entries `<kind>-number`, `<kind>-range` and
        `<kind>-step`; range and step problems are reported at `at` when given (a key's
        position), else at the value.
        """
        if node is None:
            return None
        text = node.value if isinstance(node, ScalarNode) else ""
        values = {"name": name, "maximum": maximum, "text": text, "hours": text, **values}
        if not isinstance(node, ScalarNode) or node.tag not in (TAG_INT, TAG_FLOAT):
            self.report(node, f"{kind}-number", **values)
            return None
        try:
            return parse_hours(text, maximum=maximum)
        except HoursError as error:
            if error.problem == NOT_A_NUMBER:
                self.report(node, f"{kind}-number", **values)
            elif error.problem == OUT_OF_RANGE:
                self.report(node if at is None else at, f"{kind}-range", **values)
            else:
                lower, upper = (format_hours(minutes) for minutes in error.between)
                where = node if at is None else at
                self.report(where, f"{kind}-step", lower=lower, upper=upper, **values)
            return None
