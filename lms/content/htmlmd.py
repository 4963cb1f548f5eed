"""HTML → Markdown, for question text imported from Moodle (GIFT `[html]`, Moodle XML).

The one place imported HTML is converted: sanitised with nh3 first (only tags our Markdown can
show survive; script and style go with their content), then converted by `markdownify`,
keeping emphasis, links, lists, line breaks, code and tables, with entities decoded. What
cannot be carried across is *named* in `Converted.lost` (underline, colours, embedded video …)
so the importer reports it, and every image is listed in `Converted.images`: its reference
becomes `media/<name>`, the file the trainer uploads into the package.
"""

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3
from markdownify import MarkdownConverter

from lms.content.htmltext import html_to_text
from lms.findings import Finding

# Tags Markdown holds, by the name markdownify and our renderer know them.
KEPT = {
    "a", "b", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
# Tags that only group text: dropping them loses nothing a reader sees.
WRAPPERS = {"body", "div", "span", "html", "head", "section", "article", "font", "tfoot"}
_GONE_WITH_CONTENT = {"script", "style", "template", "title"}
_LOST_NAMES = {
    "u": "underline",
    "s": "strike-through",
    "strike": "strike-through",
    "del": "strike-through",
    "sub": "subscript",
    "sup": "superscript",
    "iframe": "an embedded page (iframe)",
    "video": "a video",
    "audio": "an audio clip",
    "object": "an embedded object",
    "embed": "an embedded object",
    "script": "a script",
    "style": "a style sheet",
    "math": "a formula (MathML)",
    "input": "a form field",
    "select": "a form field",
    "textarea": "a form field",
}
PLUGINFILE = "@@PLUGINFILE@@/"


@dataclass
class Converted:
    markdown: str
    lost: list[str] = field(default_factory=list)  # what could not be kept, in words
    images: list[str] = field(default_factory=list)  # media/ file names the text refers to


class _Survey(HTMLParser):
    """Walks the HTML once to find what Markdown cannot hold and which images it shows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lost: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "img":
            name = media_name(values.get("src") or "")
            if name and name not in self.images:
                self.images.append(name)
        elif tag not in KEPT and tag not in WRAPPERS:
            self._lose(_LOST_NAMES.get(tag, f"the <{tag}> element"))
        if values.get("style") and re.search(
            r"colou?r|background|font-weight|font-style", values["style"]
        ):
            self._lose("colours and text styling")

    def _lose(self, what: str) -> None:
        if what not in self.lost:
            self.lost.append(what)


def media_name(src: str) -> str:
    """The file name an image reference becomes in the package's media/ folder
    ("@@PLUGINFILE@@/Bar%20chart.png" → "Bar-chart.png"); "" when the reference has no name."""
    path = urlsplit(src.removeprefix(PLUGINFILE)).path if not src.startswith("data:") else ""
    name = unquote(posixpath.basename(path))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return name[:100]


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        name = media_name(value)
        return f"media/{name}" if name else None
    return value


class _Converter(MarkdownConverter):
    """markdownify, with a literal "<" in text written as an entity: our renderer removes
    anything that looks like raw HTML, and "&lt;b&gt;" in a Moodle question is text."""

    def escape(self, text, parent_tags):
        return super().escape(text, parent_tags).replace("<", "&lt;")


_CONVERTER = _Converter(heading_style="ATX", bullets="-", strong_em_symbol="*")


def html_to_markdown(fragment: str) -> Converted:
    """Markdown for an HTML fragment, with what was lost and the images it refers to."""
    survey = _Survey()
    survey.feed(fragment)
    survey.close()
    clean = nh3.clean(
        fragment,
        tags=KEPT,
        clean_content_tags=_GONE_WITH_CONTENT,
        attributes={"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}},
        attribute_filter=_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    text = _CONVERTER.convert(clean)
    text = re.sub(r"[ \t]+\n", lambda m: m.group(0) if m.group(0).startswith("  ") else "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\xa0", " ")).strip()
    return Converted(text, survey.lost, survey.images)


class HtmlReader:
    """Reads the HTML fields of one imported question, remembering what was lost and which
    images it refers to, so the importer reports them at the question's line."""

    def __init__(self):
        self.lost: list[str] = []
        self.images: list[str] = []

    def markdown(self, fragment: str) -> str:
        """Prompt text: formatting kept as Markdown, images pointed at media/."""
        converted = html_to_markdown(fragment)
        self._add(self.lost, converted.lost)
        self._add(self.images, converted.images)
        return converted.markdown

    def plain(self, fragment: str) -> str:
        """Option, pair and feedback text, which is plain text here: formatting and images in it
        are named as lost."""
        survey = _Survey()
        survey.feed(fragment)
        survey.close()
        self._add(self.lost, survey.lost)
        self._add(
            self.lost, [f"the image {name} in an answer or feedback" for name in survey.images]
        )
        if _FORMATTING.search(fragment):
            self._add(self.lost, ["formatting in answers and feedback (shown as plain text)"])
        return html_to_text(fragment)

    def findings(
        self, path: str, line: int, title: str, carried: set[str] = frozenset()
    ) -> list[Finding]:
        """What was lost, and each image the file does not carry (`carried`: the embedded
        ones), as findings at the question's line."""
        found = []
        if self.lost:
            found.append(
                Finding(
                    path, line, 1, "warning", "import-lost",
                    f"'{title}': not kept from the HTML: {', '.join(self.lost)}.",
                    "Check the question in the editor and rewrite what mattered.",
                )
            )  # fmt: skip
        found += [
            Finding(
                path, line, 1, "warning", "import-image",
                f"'{title}' shows the image {name}, which the file does not carry.",
                f"Upload {name} into the package's media/ folder (the question points at "
                f"media/{name}).",
            )
            for name in self.images
            if name not in carried
        ]  # fmt: skip
        return found

    def lose(self, what: str) -> None:
        """Name something else the importer could not keep (reported with the rest)."""
        self._add(self.lost, [what])

    @staticmethod
    def _add(into: list[str], items: list[str]) -> None:
        into += [item for item in items if item not in into]


_FORMATTING = re.compile(r"<(?:b|strong|i|em|a|code|pre|ul|ol|h[1-6]|table)\b", re.I)
