"""Moodle XML: a bank written from Moodle's documented format comes in with its formatting,
images and numbers; ours goes out and back unchanged; hostile or broken files change nothing."""

import dataclasses
from pathlib import Path

from lms.content.gift import export_gift, import_gift
from lms.content.importing import MAX_IMPORT_BYTES, import_questions
from lms.content.moodle_xml_export import export_moodle_xml
from lms.content.numeric import bounds
from lms.content.package import parse_package, read_folder
from lms.content.quiz import parse_quiz
from tests.content.builders import only

FIXTURES = Path(__file__).parent / "fixtures"
BANK = (FIXTURES / "moodle" / "bank.xml").read_bytes()
NUMERIC_QUIZ = """---
title: Mixed
---
### Hours {#hours}
How many **hours** a month?

= number: 3.5 ± 0.1
  > Right.
= number: 3 to 4 (50%)
  > Close.

Explanation: The rule.
"""


def questions_of(markdown: str):
    quiz, findings = parse_quiz(markdown)
    assert quiz is not None, findings
    return quiz.questions


def comparable(question):
    """A question as a learner meets it: a soft line break inside a paragraph reads as a space
    (HTML joins the lines), and a numeric answer is the set of numbers it accepts."""
    numbers = tuple((bounds(n), n.credit, n.feedback) for n in question.numbers)
    prompt = "\n\n".join(" ".join(p.split()) for p in question.prompt.split("\n\n"))
    return dataclasses.replace(question, prompt=prompt, prompt_html="", numbers=()), numbers


def test_a_moodle_bank_keeps_bold_text_embeds_images_and_reads_numbers():
    imported = import_questions(BANK, "bank.xml")
    card, hours = questions_of(imported.markdown)
    assert "**never**" in card.prompt and "<strong>never</strong>" in card.prompt_html
    assert "![card](media/card.png)" in card.prompt
    assert imported.media == {"media/card.png": b"\x89PNG\r\n\x1a\n"}
    assert [(o.text, o.correct, o.feedback) for o in card.options] == [
        ("Decline", True, "Right."),
        ("Accept", False, "No."),
    ]
    assert card.explanation == "Money changes things."
    assert (hours.kind, hours.numbers[0].value, hours.numbers[0].tolerance) == (
        "numeric",
        "3.5",
        "0.1",
    )
    assert not [f for f in imported.findings if f.code == "import-image"]  # it is embedded
    essay = only(imported.findings, "moodle-unsupported")
    assert essay.line == 19 and "'Reflect' is an essay question" in essay.message
    assert only(imported.findings, "moodle-category").line == 3


def test_an_image_the_file_does_not_carry_is_named_with_its_question():
    xml = BANK.replace(b'<file name="card.png" path="/" encoding="base64">iVBORw0KGgo=</file>', b"")
    imported = import_questions(xml, "bank.xml")
    image = only(imported.findings, "import-image")
    assert image.line == 4 and "card.png" in image.message and "Gift card" in image.message


def test_the_example_course_round_trips_through_moodle_xml_and_gift():
    data, _ = parse_package(read_folder(FIXTURES / "example-course"))
    via_xml = import_questions(export_moodle_xml(data.quiz, data.media).encode(), "x.xml")
    assert [f for f in via_xml.findings if f.severity != "info"] == []
    assert [comparable(q) for q in questions_of(via_xml.markdown)] == [
        comparable(q) for q in data.quiz.questions
    ]
    via_gift, findings = import_gift(export_gift(data.quiz))
    assert findings == []
    assert [comparable(q) for q in questions_of(via_gift)] == [
        comparable(q) for q in data.quiz.questions
    ]


def test_numeric_questions_round_trip_through_moodle_xml_as_the_same_accepted_numbers():
    quiz, _ = parse_quiz(NUMERIC_QUIZ)
    back = import_questions(export_moodle_xml(quiz, {}).encode(), "x.xml")
    assert [comparable(q) for q in questions_of(back.markdown)] == [
        comparable(q) for q in quiz.questions
    ]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<quiz><question type="shortanswer"><name><text>&lol3;</text></name></question></quiz>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="shortanswer"><name><text>&secret;</text></name></question></quiz>"""


def test_entity_bombs_and_external_entities_are_refused_before_expansion():
    for hostile in (BILLION_LAUGHS, EXTERNAL):
        imported = import_questions(hostile, "evil.xml")
        refused = only(imported.findings, "xml-refused")
        assert refused.severity == "error" and "refused" in refused.message
        assert imported.markdown == "" and imported.media == {}


def test_broken_xml_and_bad_fractions_are_errors_with_their_lines():
    broken = import_questions(b"<quiz>\n<question type='truefalse'>\n</quiz>", "b.xml")
    assert only(broken.findings, "xml-syntax").line == 3 and broken.markdown == ""
    bad = BANK.replace(b'fraction="100" format="html"', b'fraction="lots" format="html"')
    imported = import_questions(bad, "bank.xml")
    fraction = only(imported.findings, "moodle-fraction")
    assert fraction.line == 4 and "'lots'" in fraction.message


def test_a_50_mb_file_is_refused_by_size_before_it_is_read():
    huge = b"<quiz>" + b" " * (50 * 1024 * 1024) + b"</quiz>"
    assert len(huge) > MAX_IMPORT_BYTES
    imported = import_questions(huge, "huge.xml")
    assert only(imported.findings, "import-too-large").line == 1 and imported.markdown == ""


def test_an_unclosed_gift_brace_is_an_error_with_its_line():
    imported = import_questions(b"Fine {=a ~b}\n\nBroken {=a ~b\n", "q.gift")
    assert only(imported.findings, "gift-syntax").line == 3
