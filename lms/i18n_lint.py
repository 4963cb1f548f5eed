"""Find interface text in templates that is not marked for translation.

`python -m lms.i18n_lint [template files or folders]` prints each unmarked text with its file
and line; tests/test_i18n.py fails while any is left. Marked text is `{{ _("…") }}`,
`{{ ngettext("…", "…", n) }}` or a `{% trans %}…{% endtrans %}` block. What counts as text:

- words between tags (outside `<script>`/`<style>`), after Jinja tags and expressions are taken
  out;
- the attributes people read: `title`, `alt`, `placeholder`, `aria-label`, and the `value` of
  a button-like input;
- string literals inside Jinja code that read as a sentence or a label: they start with a
  capital letter followed by a lower-case one ("Save", "Skip for now"), outside `_()` calls.

Not text: the brand name, numbers, symbols and single letters.

`unmarked_cli_in` does the same for the output of `flask …` commands: a string literal or
f-string with words in it, passed straight to `click.echo`/`secho`, to a `click.ClickException`,
`UsageError` or `BadParameter` (or a subclass the module defines), is unmarked. Output for
machines passes a variable (`json.dumps(...)`, `format_text(finding)`) and is not a literal;
an f-string of placeholders and punctuation only (`f"{file}: {error}"`) has no words.
`python -m lms.i18n_lint` checks both: templates and the Python modules under `lms/`.
"""

import ast
import io
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

_NOT_TEXT = {"Peerpath"}
_LETTER = re.compile(r"[^\W\d_]{2,}")
_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_TRANS = re.compile(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", re.S)
_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_STRING = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_MARKED_CALL = re.compile(
    r"\b(?:_|gettext|ngettext|pgettext|npgettext|lazy_gettext|_l)\(\s*"
    + _STRING
    + r"(?:\s*,\s*"
    + _STRING
    + r")*",
    re.S,
)
_LITERAL = re.compile(_STRING, re.S)
_LABEL_LIKE = re.compile(r"^[A-Z][a-z]")
_IDENTIFIER = re.compile(r"^[A-Za-z]+[A-Z][A-Za-z]*$")  # FileField, CSRFTokenField
_READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
_BUTTON_INPUTS = {"submit", "button", "reset"}


@dataclass(frozen=True)
class Unmarked:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


class _Text(HTMLParser):
    """Collects (line, text) of the words a reader sees in what is left of a template."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        values = dict(attrs)
        for name, value in attrs:
            readable = name in _READ_ATTRIBUTES or (
                name == "value" and tag == "input" and values.get("type") in _BUTTON_INPUTS
            )
            if readable and value and _is_text(value):
                self.found.append((self.getpos()[0], value.strip()))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _is_text(data):
            line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
            self.found.append((line, " ".join(data.split())))


def _is_text(value: str) -> bool:
    words = _LETTER.findall(value)
    return bool(words) and not all(word in _NOT_TEXT for word in words)


def _blank(match: re.Match) -> str:
    """Remove a span but keep its line breaks, so line numbers stay true."""
    return " " + "\n" * match.group(0).count("\n") + " "


def unmarked_in(source: str, path: str = "<template>") -> list[Unmarked]:
    """Every unmarked piece of text in one template's source."""
    found: list[Unmarked] = []
    source = _COMMENT.sub(_blank, source)
    source = _TRANS.sub(_blank, source)
    for code in _CODE.finditer(source):
        line = source.count("\n", 0, code.start()) + 1
        rest = _MARKED_CALL.sub("", code.group(0))
        for literal in _LITERAL.finditer(rest):
            text = literal.group(0)[1:-1]
            if _LABEL_LIKE.match(text) and not _IDENTIFIER.match(text) and _is_text(text):
                found.append(Unmarked(path, line, text))
    parser = _Text()
    parser.feed(_CODE.sub(_blank, source))
    parser.close()
    found += [Unmarked(path, line, text) for line, text in parser.found]
    return sorted(found, key=lambda u: u.line)


def _each_file(paths: list[Path], suffix: str, check) -> list[Unmarked]:
    """`check(source, path)` over every file named `*suffix` under `paths` (files or folders)."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.rglob(f"*{suffix}")) if path.is_dir() else [path]
    found: list[Unmarked] = []
    for file in files:
        found += check(file.read_text(encoding="utf-8"), str(file))
    return found


def unmarked_files(paths: list[Path]) -> list[Unmarked]:
    """Unmarked text in every `.html` template under `paths` (files or folders)."""
    return _each_file(paths, ".html", unmarked_in)


_CLI_CALLS = {"echo", "secho", "ClickException", "UsageError", "BadParameter"}


def _called_name(call: ast.Call) -> str:
    """`echo` for `click.echo(...)` and `echo(...)`; "" for anything else called."""
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _words_in(node: ast.expr) -> str:
    """The literal text of a string or f-string argument ("" when it is anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values)
    return ""


def unmarked_cli_in(source: str, path: str = "<module>") -> list[Unmarked]:
    """Words a command prints, or raises for click to print, without `_()`/`ngettext()`."""
    tree = ast.parse(source, path)
    calls = set(_CLI_CALLS)
    for node in ast.walk(tree):  # a module's own ClickException subclasses (BackupError)
        if isinstance(node, ast.ClassDef):
            bases = {getattr(b, "attr", getattr(b, "id", "")) for b in node.bases}
            if bases & _CLI_CALLS:
                calls.add(node.name)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _called_name(node) not in calls:
            continue
        for argument in node.args[:1] + [k.value for k in node.keywords if k.arg == "message"]:
            text = _words_in(argument)
            if _is_text(text):
                found.append(Unmarked(path, argument.lineno, " ".join(text.split())))
    return sorted(found, key=lambda u: u.line)


def unmarked_cli_files(paths: list[Path]) -> list[Unmarked]:
    """Unmarked command output in every `.py` module under `paths` (files or folders)."""
    return _each_file(paths, ".py", unmarked_cli_in)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [Path("templates"), Path("lms")]
    found = unmarked_files([p for p in paths if p.suffix != ".py"])
    found += unmarked_cli_files([p for p in paths if p.is_dir() or p.suffix == ".py"])
    for item in found:
        print(item)
    print(f"{len(found)} unmarked text(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def extract_vocabulary(fileobj, keywords, comment_tags, options):
    """A Babel extractor (babel.cfg) for `vocabulary.yaml`: every label people read, so the
    catalog translates them like marked strings (`lms.content.labels`). IC&RC domain names
    stay as the board writes them."""
    section = None
    for number, raw in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        if raw and not raw.startswith((" ", "#")):
            section = raw.rstrip(":").strip()
            continue
        key, _colon, label = raw.strip().partition(": ")
        if section in _VOCABULARY_SECTIONS and label and not key.startswith("#"):
            yield number, None, label.strip(), []


_VOCABULARY_SECTIONS = {"topics", "competencies", "settings", "delivery"}


def extract_rule_labels(fileobj, keywords, comment_tags, options):
    """A Babel extractor (babel.cfg) for the bundled credential rule files
    (`lms/ce/rules/*.yaml`): the label of every requirement and cap, at the top and inside
    each version, so pages print them in the reader's language (`lms.renewal.rulesets.rule_label`).
    Board, credential and exam names, notes and sources are not labels: they stay as written."""
    import yaml

    text = fileobj.read().decode("utf-8")
    data = yaml.safe_load(text) or {}
    lines = text.splitlines()
    for part in [data, *(data.get("versions") or [])]:
        for item in [*(part.get("requirements") or []), *(part.get("caps") or [])]:
            label = str(item.get("label") or "").strip()
            if label:
                number = next((n for n, line in enumerate(lines, 1) if label in line), 0)
                yield number, None, label, []


_HELP_CALLS = {"AppGroup", "Command", "Group", "command", "group", "option", "argument"}


def extract_python_and_help(fileobj, keywords, comment_tags, options):
    """A Babel extractor (babel.cfg) for `lms/**.py`: Babel's Python extractor (marked text),
    plus the help of `flask …` commands, which click shows and `lms.cli_help` translates: the
    docstring of a function made a command or group (`@courses_cli.command("check")`) and
    every `help=`/`short_help=` string literal (`AppGroup(..., help=…)`, `click.option`, or a
    helper such as `output_format_option(help=…)`), each as `lms.cli_help.help_msgid` reads it."""
    from babel.messages.extract import extract_python

    from lms.cli_help import help_msgid

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        texts: list[tuple[int, str]] = []
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and _called_name(d) in _HELP_CALLS for d in node.decorator_list
        ):
            docstring = ast.get_docstring(node, clean=False)
            texts.append((node.lineno, docstring or ""))
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg in ("help", "short_help") and isinstance(value, ast.Constant):
                    texts.append(
                        (value.lineno, value.value if isinstance(value.value, str) else "")
                    )
        for line, text in texts:
            if help_msgid(text):
                yield line, None, help_msgid(text), []
