"""Write a quiz as Moodle XML: the elements lms/content/moodle_xml.py reads back.

Every question carries its id in `<idnumber>` and its item metadata as `peerpath-key:value`
tags, so an export imported back gives the same questions.
The prompt is written as HTML (rendered by lms/content/render.py), with each media/ image it
shows embedded as a base64 `<file>` and referenced as `@@PLUGINFILE@@/name`, as Moodle does.
Options, pairs and feedback are plain text, escaped. A numeric range low..high is written as
its midpoint with a tolerance of half its width: Moodle has no ranges, and it accepts the same
numbers.
"""

import base64
import html
import re
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from lms.content.data import QuestionData, QuizData
from lms.content.itemmeta import meta_pairs
from lms.content.numeric import plain
from lms.content.render import render_markdown

_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "matching": "matching",
    "numeric": "numerical",
}
_PLUGINFILE = re.compile(r'src="@@PLUGINFILE@@/([^"]+)"')


def export_moodle_xml(quiz: QuizData, media: dict[str, bytes]) -> str:
    """The quiz's questions as a Moodle XML document; `media` holds the package's media/ files."""
    root = Element("quiz")
    category = SubElement(root, "question", type="category")
    _text(SubElement(category, "category"), f"$course$/top/{quiz.title}")
    for question in quiz.questions:
        root.append(_question(question, quiz.shuffle, media))
    indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, "unicode") + "\n"


def _text(parent: Element, value: str) -> Element:
    SubElement(parent, "text").text = value
    return parent


def _html(parent: Element, tag: str, plain_text: str) -> Element:
    """A plain-text field as Moodle's HTML: escaped, line breaks as <br>."""
    element = SubElement(parent, tag, format="html")
    return _text(element, html.escape(plain_text).replace("\n", "<br>"))


def _question(question: QuestionData, shuffle: bool, media: dict[str, bytes]) -> Element:
    element = Element("question", type=_TYPES[question.kind])
    _text(SubElement(element, "name"), question.title)
    prompt = question.prompt if question.prompt.strip() else question.title
    body = render_markdown(prompt, _pluginfile, document="quiz.md")
    text = _text(SubElement(element, "questiontext", format="html"), body)
    for name in dict.fromkeys(_PLUGINFILE.findall(body)):
        if f"media/{name}" in media:
            file = SubElement(text, "file", name=name, path="/", encoding="base64")
            file.text = base64.b64encode(media[f"media/{name}"]).decode("ascii")
    _html(element, "generalfeedback", question.explanation)
    SubElement(element, "idnumber").text = question.id
    if meta_pairs(question):
        tags = SubElement(element, "tags")
        for key, value in meta_pairs(question):
            _text(SubElement(tags, "tag"), f"peerpath-{key}:{value}")
    WRITERS[question.kind](element, question)
    if question.kind in ("single", "multiple", "matching"):
        SubElement(element, "shuffleanswers").text = "1" if shuffle else "0"
    return element


def _pluginfile(path: str) -> str | None:
    return f"@@PLUGINFILE@@/{path.removeprefix('media/')}" if path.startswith("media/") else None


def _answer(parent: Element, fraction: str, text: str, feedback: str, fmt="html") -> Element:
    answer = SubElement(parent, "answer", fraction=fraction, format=fmt)
    _text(answer, html.escape(text) if fmt == "html" else text)
    _html(answer, "feedback", feedback)
    return answer


def _choice(element: Element, question: QuestionData) -> None:
    correct = sum(o.correct for o in question.options)
    SubElement(element, "single").text = "true" if question.kind == "single" else "false"
    for option in question.options:
        share = Decimal(100) / correct if option.correct else Decimal(0)
        _answer(element, _fraction(share), option.text, option.feedback)


def _true_false(element: Element, question: QuestionData) -> None:
    for option in question.options:
        fraction = "100" if option.correct else "0"
        _answer(element, fraction, option.text.lower(), option.feedback, "moodle_auto_format")


def _short_answer(element: Element, question: QuestionData) -> None:
    SubElement(element, "usecase").text = "0"
    for accepted in question.accepted_answers:
        _answer(element, "100", accepted, "", "moodle_auto_format")


def _matching(element: Element, question: QuestionData) -> None:
    for pair in question.pairs:
        sub = _text(SubElement(element, "subquestion", format="html"), html.escape(pair.left))
        _text(SubElement(sub, "answer"), pair.right)


def _numeric(element: Element, question: QuestionData) -> None:
    for number in question.numbers:
        if number.value == "":
            low, high = Decimal(number.low), Decimal(number.high)
            value, tolerance = plain((low + high) / 2), plain((high - low) / 2)
        else:
            value, tolerance = number.value, number.tolerance
        answer = _answer(element, number.credit, value, number.feedback, "moodle_auto_format")
        SubElement(answer, "tolerance").text = tolerance


def _fraction(share: Decimal) -> str:
    """A Moodle fraction with at most seven decimals, as Moodle writes them."""
    return plain(share.quantize(Decimal("0.0000001")))


WRITERS = {
    "single": _choice,
    "multiple": _choice,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "matching": _matching,
    "numeric": _numeric,
}
