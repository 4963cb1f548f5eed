"""Markdown → safe HTML: the one function every piece of author text goes through.

Lessons, the course welcome and quiz prompts are rendered once, when a package is parsed; pages
only ever print the stored result. Rendering is python-markdown (tables, fenced code, sane
lists) on source whose raw HTML has been removed, then nh3 with an explicit allowlist as the
last word: no script, style, iframe or event attributes, only http, https and mailto links
(plus relative ones), and every link gets rel="noopener noreferrer".
"""

import html
import posixpath
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from lms.content.mdtext import mask_code, strip_raw_html

LinkResolver = Callable[[str], str | None]

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(fragment: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes of an HTML fragment."""
    return _CLEANER.clean(fragment)


def resolve_target(target: str, document: str) -> str | None:
    """The package path a relative link in `document` points to, or None.

    None for absolute URLs, fragments, site paths and anything leaving the package. The
    query and fragment are dropped: "03-gifts.md#money" in lessons/01.md → lessons/03-gifts.md.
    """
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(document), parts.path))
    if joined == ".." or joined.startswith("../") or joined == ".":
        return None
    return joined


class _LinkRewriter(Treeprocessor):
    def __init__(self, md, resolver: LinkResolver, document: str):
        super().__init__(md)
        self.resolver = resolver
        self.document = document

    def run(self, root):
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            value = element.get(attribute) if attribute else None
            if value:
                element.set(attribute, self._rewrite(value))

    def _rewrite(self, value: str) -> str:
        path = resolve_target(value, self.document)
        if path is None:
            return value
        url = self.resolver(path)
        if url is None:
            return value
        fragment = urlsplit(value).fragment
        return f"{url}#{fragment}" if fragment else url


class _Links(Extension):
    def __init__(self, resolver: LinkResolver, document: str):
        super().__init__()
        self.resolver = resolver
        self.document = document

    def extendMarkdown(self, md):  # noqa: N802 (python-markdown's name)
        md.treeprocessors.register(_LinkRewriter(md, self.resolver, self.document), "links", 1)


_AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>", re.I)


# Stand-ins for characters python-markdown must see as plain text. A character reference such
# as "&lt;" is itself an inline match, and python-markdown rebuilds a paragraph's text for every
# inline match in it: thousands of them made one paragraph quadratic. Private-use characters
# match nothing, and become the escaped character again once the HTML is built.
_LT, _AMP, _PAREN = "\ue000", "\ue001", "\ue002"
_STAND_INS = {_LT: "&lt;", _AMP: "&amp;", _PAREN: "("}
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def defuse(text: str) -> str:
    """Hide from python-markdown the characters it would scan slowly, outside code.

    After raw HTML is stripped, a '<' that does not start an autolink is plain text, a
    character reference is the character it names, and a '](' with no ')' later on its line
    cannot be a link; '<', '&' and that '(' become private-use stand-ins (see `restore`),
    which keeps rendering linear on pathological input.
    """
    for stand_in in _STAND_INS:
        text = text.replace(stand_in, "\ufffd")
    masked = mask_code(text)
    autolinks = {m.start() for m in _AUTOLINK.finditer(masked)}
    entities = {m.start(): m.end() for m in _ENTITY.finditer(masked)}
    edits = [(index + 1, index + 2, _PAREN) for index in _open_links(masked)]
    for i, char in enumerate(masked):
        if char == "<" and i not in autolinks:
            edits.append((i, i + 1, _LT))
        elif char == "&":
            end = entities.get(i, i + 1)
            written = html.unescape(text[i:end])
            edits.append((i, end, written.replace("&", _AMP).replace("<", _LT)))
    if not edits:
        return text
    parts, position = [], 0
    for start, end, replacement in sorted(edits):
        parts += [text[position:start], replacement]
        position = end
    return "".join(parts) + text[position:]


def restore(rendered: str) -> str:
    """Put back the characters `defuse` stood in for, escaped for HTML."""
    for stand_in, written in _STAND_INS.items():
        rendered = rendered.replace(stand_in, written)
    return rendered


def _open_links(text: str) -> list[int]:
    """Offsets of each '](' with no ')' after it on its line (linear time)."""
    found = []
    start = 0
    for line in text.split("\n"):
        last_close = line.rfind(")")
        position = line.find("](")
        while position != -1:
            if position > last_close:
                found.append(start + position)
            position = line.find("](", position + 2)
        start += len(line) + 1
    return found


def render_markdown(text: str, link_base: LinkResolver | None = None, *, document: str = "") -> str:
    """Render author Markdown to sanitised HTML.

    `link_base`, when given, is called with the package path of every relative link or image
    (e.g. "media/chart.png", "lessons/03-gifts.md", resolved against `document`, the package
    path of the file being rendered) and returns the URL to use, or None to leave it as
    written. Without it, relative links stay as written.
    """
    extensions: list = ["tables", "fenced_code", "sane_lists"]
    if link_base is not None:
        extensions.append(_Links(link_base, document))
    converter = markdown.Markdown(
        extensions=extensions,
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    try:
        rendered = restore(converter.convert(defuse(strip_raw_html(text))))
    except RecursionError:
        # Pathologically deep nesting: show the text as plain paragraphs instead.
        rendered = f"<p>{html.escape(text)}</p>"
    return sanitize_html(rendered)
