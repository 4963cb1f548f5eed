"""Moodle XML → quiz questions (import); lms/content/moodle_xml_export.py writes it back.

Parsed with defusedxml, which refuses entity declarations (billion laughs) and external
entities before anything is expanded; the caller has already refused oversized files
(lms/content/importing.py). Read: categories (reported: our quizzes have none), names, question
text as HTML (→ Markdown, lms/content/htmlmd.py), images embedded as base64 `<file>` elements
(returned as media files), general and per-answer feedback, fractions, shuffle, multichoice
(single and multiple), truefalse, shortanswer, matching and numerical. Essay and every other
type are refused with their name; whatever cannot be kept is reported at the question's line.
"""

import base64
import binascii
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from lms.content.data import QuestionData
from lms.content.htmlmd import HtmlReader, media_name
from lms.content.moodle_types import READERS, Context, text_of
from lms.findings import Finding

_QUESTION_TAG = re.compile(rb"<question\b")
_HIDDEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)


@dataclass
class MoodleBank:
    questions: list[QuestionData] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)  # "media/name.png" -> bytes
    shuffle: bool = True


def read_moodle_xml(data: bytes, path: str) -> MoodleBank:
    """The questions of a Moodle XML file, with a finding for everything left out or changed."""
    bank = MoodleBank()
    root = _parse(data, path, bank.findings)
    if root is None:
        return bank
    lines = _question_lines(data)
    ids: set[str] = set()
    for index, element in enumerate(root.findall("question")):
        line = lines[index] if index < len(lines) else 1
        _read_question(element, Context(path, line, bank.findings, ids), bank)
    if not bank.questions:
        bank.findings.append(_error(path, 1, "import-empty", "No questions could be imported."))
    return bank


def _parse(data: bytes, path: str, findings: list[Finding]) -> Element | None:
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        findings.append(
            _error(
                path,
                1,
                "xml-refused",
                "The file declares a DTD or entities, which Moodle never writes and which can "
                "be used to attack a server (entity expansion, external files); it was refused.",
                "Export the questions from Moodle again, as Moodle XML.",
            )
        )
        return None
    except ParseError as error:
        line = error.position[0] if error.position else 1
        findings.append(_error(path, line, "xml-syntax", f"This is not well-formed XML: {error}."))
        return None
    if root.tag != "quiz":
        findings.append(
            _error(path, 1, "xml-syntax", f"The file's root is <{root.tag}>, not Moodle's <quiz>.")
        )
        return None
    return root


def _question_lines(data: bytes) -> list[int]:
    """The line of each `<question` start tag, in document order (comments and CDATA, which
    may contain the same text, are skipped)."""
    visible = _HIDDEN.sub(lambda m: b"\n" * m.group(0).count(b"\n"), data)
    return [visible.count(b"\n", 0, m.start()) + 1 for m in _QUESTION_TAG.finditer(visible)]


def _read_question(element: Element, context: Context, bank: MoodleBank) -> None:
    kind = element.get("type", "")
    name = " ".join(text_of(element.find("name")).split())
    if kind == "category":
        category = text_of(element.find("category"))
        context.note("info", "moodle-category", f"Category '{category}': categories are not used.")
        return
    reader = READERS.get(kind)
    if reader is None:
        label = name or kind
        message = (
            f"'{label}' is an essay question, which needs a person to mark it; Peerpath has no "
            "essay type, so it was not imported."
            if kind == "essay"
            else f"'{label}' is a Moodle '{kind}' question, which Peerpath does not support; "
            "it was not imported."
        )
        context.note(
            "warning",
            "moodle-unsupported",
            message,
            "Rewrite it as a choice, true/false, short-answer, matching or numeric question.",
        )
        return
    html = HtmlReader()
    question = reader(element, name, html, context)
    if question is None:
        return
    carried = _files(element, context, bank)
    if element.findtext("shuffleanswers", "").strip() in ("0", "false"):
        bank.shuffle = False
    context.findings += html.findings(context.path, context.line, question.title, carried)
    context.ids.add(question.id)
    bank.questions.append(question)


def _files(element: Element, context: Context, bank: MoodleBank) -> set[str]:
    """Decode every embedded `<file>` of a question into media/; the names carried."""
    carried = set()
    for file in element.iter("file"):
        name = media_name(file.get("name", ""))
        try:
            blob = base64.b64decode((file.text or "").strip(), validate=True)
        except (binascii.Error, ValueError):
            context.note("error", "moodle-file", f"The embedded file '{name}' is not base64.")
            continue
        if name:
            bank.media[f"media/{name}"] = blob
            carried.add(name)
    return carried


def _error(path: str, line: int, code: str, message: str, suggestion: str = "") -> Finding:
    return Finding(path, line, 1, "error", code, message, suggestion)
