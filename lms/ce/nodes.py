"""Typed reading of a YAML file's nodes, with a line-numbered finding for every problem.

The YAML is composed into nodes (not loaded straight to Python) so each finding points at the
line of the value it is about, numbers keep the exact text written (`6.25` hours become 375
minutes through `lms.hours.parse_hours`, never a float), and duplicate keys are caught instead
of silently merged. `lms.ce.rulefile` uses this to read credential rule files.
"""

import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lms.content.data import Finding
from lms.content.frontmatter import suggest
from lms.hours import NOT_A_STEP, HoursError, format_hours, parse_hours

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_HOURS = 500
_STR = "tag:yaml.org,2002:str"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


def compose_file(path: Path, findings: list[Finding]) -> MappingNode | None:
    """The file's top-level mapping node, or None (with a finding) when it has none."""
    where = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        findings.append(Finding(where, 0, 0, "error", "missing-file", f"Cannot read: {error}."))
        return None
    except UnicodeDecodeError:
        hint = "Save the file as UTF-8."
        findings.append(Finding(where, 1, 1, "error", "bad-encoding", "Not UTF-8 text.", hint))
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except _YAML_ERRORS as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"Not valid YAML: {getattr(error, 'problem', None) or error}."
        hint = "Write 'key: value' lines; indent lists and nested keys with spaces."
        findings.append(Finding(where, line, column, "error", "bad-yaml", message, hint))
        return None
    if root is None or not isinstance(root, MappingNode):
        message = "A rule file must be 'key: value' lines."
        hint = "Start from one of the bundled files in lms/ce/rules/."
        findings.append(Finding(where, 1, 1, "error", "bad-structure", message, hint))
        return None
    return root


class NodeReader:
    """Reads values out of one file's nodes; each problem becomes a finding at its node."""

    def __init__(self, path: str, findings: list[Finding]):
        self.path = path
        self.findings = findings

    def add(self, node: Node, code: str, message: str, hint: str = "", severity="error") -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.findings.append(Finding(self.path, line, column, severity, code, message, hint))

    def mapping(self, node: Node, name: str, allowed, required) -> dict[str, Node]:
        """A mapping's value nodes by key; unknown, duplicate and missing keys are findings."""
        if not isinstance(node, MappingNode):
            self.add(node, "bad-value", f"{name} must be 'key: value' lines.")
            return {}
        values: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != _STR:
                self.add(key_node, "bad-value", "Every key must be a plain word.")
            elif key in values:
                self.add(
                    key_node, "duplicate-key", f"'{key}' is set twice here.", "Keep one of them."
                )
            elif key not in allowed:
                self.add(
                    key_node, "unknown-key", f"Unknown key '{key}'.", suggest(key, list(allowed))
                )
            else:
                values[key] = value_node
        for key in required:
            if key not in values:
                self.add(
                    node, "missing-key", f"{name} needs '{key}'.", f"Add '{key}:' and its value."
                )
        return values

    def items(self, node: Node | None, name: str) -> list[Node]:
        if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
            return []
        if not isinstance(node, SequenceNode):
            self.add(node, "bad-value", f"'{name}' must be a list, each item starting with '- '.")
            return []
        return list(node.value)

    def text(self, node: Node | None, name: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag != _STR or not node.value.strip():
            self.add(node, "bad-value", f"'{name}' must be text.")
            return None
        return " ".join(node.value.split())

    def slug(self, node: Node | None, name: str) -> str | None:
        value = self.text(node, name)
        if value is not None and not KEY_PATTERN.match(value):
            hint = "Use lower-case letters, digits and hyphens, like 'pa-crs'."
            self.add(node, "bad-value", f"'{value}' is not a valid {name}.", hint)
            return None
        return value

    def slugs(self, node: Node | None, name: str) -> tuple[str, ...]:
        values = (self.slug(item, name) for item in self.items(node, name))
        return tuple(dict.fromkeys(v for v in values if v))

    def url(self, node: Node | None, name: str) -> str | None:
        value = self.text(node, name)
        if value is not None and not re.match(r"^https?://\S+$", value):
            hint = "Give the web address of the board's page, starting with https://."
            self.add(node, "bad-url", f"'{value}' is not a web address.", hint)
            return None
        return value

    def urls(self, node: Node | None, name: str) -> tuple[str, ...]:
        values = (self.url(item, name) for item in self.items(node, name))
        return tuple(v for v in values if v)

    def choices(self, node: Node | None, name: str, allowed: list[str], code: str, what: str):
        """Distinct values of a list that must come from `allowed` (a "did you mean" if not)."""
        values = []
        for item in self.items(node, name):
            value = self.text(item, name)
            if value is not None and value not in allowed:
                self.add(item, code, f"'{value}' is not {what}.", suggest(value, allowed))
            elif value is not None and value not in values:
                values.append(value)
        return tuple(values)

    def boolean(self, node: Node | None, name: str) -> bool | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            self.add(node, "bad-value", f"'{name}' must be true or false.")
            return None
        return node.value.lower() in ("true", "yes", "on")

    def whole(self, node: Node | None, name: str, low: int, high: int) -> int | None:
        if node is None:
            return None
        text = node.value.replace("_", "") if isinstance(node, ScalarNode) else ""
        if node.tag != _NUMBER_TAGS[0] or not text.isdigit() or not low <= int(text) <= high:
            self.add(node, "bad-value", f"'{name}' must be a whole number from {low} to {high}.")
            return None
        return int(text)

    def hours(self, node: Node | None, name: str, maximum: int = MAX_HOURS) -> int | None:
        """Minutes from hours written in quarter-hour steps (read from the text, not a float)."""
        if node is None:
            return None
        if isinstance(node, ScalarNode) and node.tag in _NUMBER_TAGS:
            try:
                return parse_hours(node.value, maximum=maximum)
            except HoursError as error:
                if error.problem == NOT_A_STEP:
                    lower, upper = (format_hours(minutes) for minutes in error.between)
                    message = f"{node.value} hours is not in quarter-hour steps."
                    self.add(node, "bad-hours", message, f"Use {lower} or {upper}.")
                    return None
        message = f"'{name}' must be a number of hours above 0, like 6.5."
        self.add(node, "bad-hours", message, f"Write a number from 0.25 to {maximum}.")
        return None
