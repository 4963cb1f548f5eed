"""What an attacker's text may never become: live HTML, a script in a PDF, a spreadsheet formula.

The HTML check parses pages with html.parser, so it judges tags and attribute values as a
browser reads them (entities decoded), not by substring.
"""

import csv
import io
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from urllib.parse import urlsplit

import sqlalchemy as sa
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from lms.extensions import db

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background"}
SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}
EMBEDDING_TAGS = {"iframe", "frame", "object", "embed", "applet", "base"}
# The only data: URLs a page may hold: images the server made (an <img> cannot run script).
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,", re.I)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PDF_SCRIPT_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/SubmitForm"}


def url_scheme(value: str) -> str:
    """The scheme a browser would see: it drops control characters and spaces first."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    before_path = re.split(r"[/?#]", cleaned, maxsplit=1)[0]
    return before_path.split(":", 1)[0] if ":" in before_path else ""


def _script_url(tag: str, name: str, value: str) -> bool:
    if name not in URL_ATTRIBUTES or url_scheme(value) not in SCRIPT_SCHEMES:
        return False
    return not (tag == "img" and name == "src" and SAFE_DATA_IMAGE.match(value))


class _ActiveContent(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "input" and values.get("type", "text") in ("text", "email", "hidden"):
            self.text.append(values.get("value", "") + "\n")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if _script_url(tag, name, value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
        if tag == "script":
            if not values.get("src", "").startswith("/static/"):
                self.problems.append(f"<script {values}>")
            self._inline_script = True
        if tag in EMBEDDING_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline_script = False

    def handle_data(self, data):
        if self._inline_script and data.strip():
            self.problems.append(f"inline script {data[:60]!r}")
        self.text.append(data)


def active_content(html: str) -> list[str]:
    """Every script, event handler, script URL or embedding tag in a page."""
    parser = _ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.problems


def visible_text(html: str) -> str:
    """The page's text as a browser shows it, with the values in its text boxes."""
    parser = _ActiveContent()
    parser.feed(html)
    parser.close()
    return "".join(parser.text)


def same_site_links(html: str) -> list[str]:
    """Paths of the links and images of a page that stay on this site."""
    found = re.findall(r'(?:href|src)="(/[^"/][^"]*|/)"', html)
    return [link.replace("&amp;", "&").split("#", 1)[0] for link in found]


def pdf_text(data: bytes) -> str:
    """The PDF's text as pdftotext (poppler) extracts it, in drawing order (a table cell's
    wrapped lines stay together)."""
    result = subprocess.run(
        ["pdftotext", "-q", "-raw", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
        timeout=30,
    )
    return result.stdout.decode("utf-8")


def pdf_actions(data: bytes) -> list[str]:
    """Every JavaScript, launch or auto-run key reachable from the PDF's trailer."""
    reader = PdfReader(io.BytesIO(data))
    found: list[str] = []
    seen: set[int] = set()
    stack = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            found += [str(key) for key in item if key in PDF_SCRIPT_KEYS]
            stack += [value for key, value in item.items() if key != "/Parent"]
        elif isinstance(item, ArrayObject):
            stack += list(item)
    raw = [marker for marker in (b"/JavaScript", b"/JS ", b"/JS(", b"/JS<") if marker in data]
    return found + [marker.decode() for marker in raw]


def formula_cells(csv_text: str) -> list[str]:
    """Cells a spreadsheet would run as a formula."""
    rows = csv.reader(io.StringIO(csv_text))
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]


def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def squeeze(text: str) -> str:
    """Text without whitespace, to compare what a PDF wraps across lines."""
    return re.sub(r"\s+", "", text)


def unsafe_member_names(names) -> list[str]:
    """ZIP entry names that would land outside the folder they are unpacked into, or that
    hold control characters (a NUL cuts the name short in most unzip tools)."""
    bad = []
    for name in names:
        parts = re.split(r"[\\/]", name)
        if (
            name.startswith(("/", "\\"))
            or ".." in parts
            or re.match(r"^[A-Za-z]:", name)
            or any(ord(char) < 32 for char in name)
        ):
            bad.append(name)
    return bad


def is_same_site(path: str) -> bool:
    parts = urlsplit(path)
    return not parts.scheme and not parts.netloc and path.startswith("/")


def crawl(client, starts: list[str], limit: int = 120, within: str = "/") -> dict:
    """GET every same-site page reachable from `starts` by its links (only paths containing
    `within`, when given); {path: response}."""
    pages: dict = {}
    queue = list(starts)
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in pages or path.startswith("/static/") or not is_same_site(path):
            continue
        if within not in path and path not in starts:
            continue
        response = client.get(path)
        pages[path] = response
        if response.mimetype == "text/html":
            queue += same_site_links(response.get_data(as_text=True))
    return pages


def database_snapshot() -> dict[str, list[str]]:
    """Every row of every table, as text: any insert, update or delete shows up."""
    snapshot = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(sa.select(table)).all()
        snapshot[table.name] = sorted(repr(tuple(row)) for row in rows)
    return snapshot
