"""Small helpers for reading Markdown source: code masking, links, raw HTML, line positions.

Checks work on the author's source (so findings carry their line and column), and must skip
code, where anything goes. Masking replaces code with spaces but keeps every newline, so
offsets in the masked text are offsets in the source.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
RAW_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>")
_CONTENT_TAGS = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_TARGET = r"\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
IMAGE = re.compile(r"!\[([^\]\n]*)\]" + _TARGET)
LINK = re.compile(r"(?<![!\\])\[([^\]\n]*)\]" + _TARGET)
REFERENCE = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t].*)?$", re.M)


def mask(text: str, pattern: re.Pattern) -> str:
    """`text` with every match of `pattern` blanked (newlines kept)."""
    return pattern.sub(lambda m: blank(m.group(0)), text)


def blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def mask_code(text: str) -> str:
    """Blank fenced code blocks and inline code spans."""
    lines = text.split("\n")
    fence = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[index] = blank(line)
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines[index] = blank(line)
    return mask("\n".join(lines), _INLINE_CODE)


def mask_comments(text: str) -> str:
    """Blank HTML comments."""
    return mask(text, _COMMENT)


def strip_raw_html(text: str) -> str:
    """Remove raw HTML tags (outside code) from Markdown source; comments go too.

    Script and style elements lose their content as well. Autolinks such as
    <https://example.org> are kept: they are Markdown, not HTML.
    """
    masked = mask_code(text)
    spans = [m.span() for m in _CONTENT_TAGS.finditer(masked)]
    spans += [m.span() for m in _COMMENT.finditer(masked)]
    spans += [m.span() for m in RAW_TAG.finditer(masked)]
    if not spans:
        return text
    keep = []
    position = 0
    for start, end in sorted(spans):
        if start >= position:
            keep.append(text[position:start])
            position = end
        elif end > position:
            position = end
    keep.append(text[position:])
    return "".join(keep)


@dataclass(frozen=True)
class Reference:
    """A link or image target written in Markdown source."""

    kind: str  # "image" or "link"
    text: str  # alt text or link text
    target: str
    offset: int


def references(text: str) -> list[Reference]:
    """Every inline image, inline link and reference definition outside code and comments."""
    masked = mask_comments(mask_code(text))
    found = [Reference("image", m.group(1), m.group(2), m.start()) for m in IMAGE.finditer(masked)]
    found += [Reference("link", m.group(1), m.group(2), m.start()) for m in LINK.finditer(masked)]
    found += [
        Reference("link", m.group(1), m.group(2), m.start(2)) for m in REFERENCE.finditer(masked)
    ]
    return sorted(found, key=lambda r: r.offset)


class Positions:
    """Turn offsets in a text into (line, column), 1-based, with a line offset added."""

    def __init__(self, text: str, first_line: int = 1):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1
