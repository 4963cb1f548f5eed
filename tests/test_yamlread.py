"""The one line-numbered YAML reader: course front matter and credential rule files read values
the same way, and every problem is a finding at the line and column where it is written."""

import pytest

from lms.ce.rules import check_rule_file, load_rule_set
from lms.content.course import read_course
from lms.content.quiz import parse_quiz
from lms.findings import Finding, format_text
from lms.yamlread import NodeReader
from tests.ce.builders import VALID_RULE, write_rule
from tests.content.builders import QUIZ_MD, course_with

SITUATIONS = (
    "bad-yaml", "key-not-word", "duplicate-key", "whole", "whole-range", "boolean",
    "hours-number", "hours-range", "hours-step",
)  # fmt: skip


class Reader(NodeReader):
    """A reader of YAML that starts on line 3 of its file; each finding's code is its situation."""

    WORDS = {situation: (situation, situation, "") for situation in SITUATIONS}
    FIRST_LINE = 3


def read(text: str):
    """(the root node, the reader, its findings) for YAML that starts on file line 3."""
    findings: list[Finding] = []
    reader = Reader("file.md", findings)
    ok, root = reader.compose(text)
    return root, reader, findings


def value_of(text: str):
    root, reader, findings = read(f"value: {text}\n")
    return root.value[0][1], reader, findings


def test_findings_point_at_the_file_line_not_the_yaml_line():
    root, reader, findings = read("a: 1\nb: 2\na: 3\n")
    assert [key for key, _k, _v in reader.entries(root)] == ["a", "b"]
    assert [(f.line, f.column, f.code) for f in findings] == [(5, 1, "duplicate-key")]


def test_a_yaml_error_is_a_finding_at_its_file_line():
    root, _reader, findings = read("a: 1\nb: [unclosed\n")
    assert root is None
    assert [(f.line, f.code) for f in findings] == [(5, "bad-yaml")]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("24", 24), ("075", 75), ("010", 10), ("+5", 5), ("1_000", 1000), ("-3", -3)],
)
def test_whole_numbers_are_read_as_written_in_decimal(written, expected):
    node, reader, findings = value_of(written)
    assert reader.whole(node, "value", -10, 10_000) == expected and findings == []


@pytest.mark.parametrize("written", ["0x10", "1:30", "2.5", "ten", "[1]", "0o17"])
def test_other_spellings_of_numbers_are_not_whole_numbers(written):
    node, reader, findings = value_of(written)
    assert reader.whole(node, "value", 0, 10_000) is None
    assert [f.code for f in findings] == ["whole"]


@pytest.mark.parametrize(
    ("written", "expected"), [("true", True), ("no", False), ("On", True), ("OFF", False)]
)
def test_booleans_take_yamls_spellings(written, expected):
    node, reader, findings = value_of(written)
    assert reader.boolean(node, "value") is expected and findings == []


@pytest.mark.parametrize("written", ["maybe", "!!bool maybe", "'true'", "1"])
def test_anything_else_is_not_a_boolean(written):
    node, reader, findings = value_of(written)
    assert reader.boolean(node, "value", default=True) is True
    assert [f.code for f in findings] == ["boolean"]


@pytest.mark.parametrize(
    ("written", "minutes"), [("6.25", 375), ("1", 60), ("0.25", 15), (".75", 45), ("2.50", 150)]
)
def test_hours_become_whole_minutes_without_a_float(written, minutes):
    node, reader, findings = value_of(written)
    assert reader.hours(node, "value", 500) == minutes and findings == []


@pytest.mark.parametrize(
    ("written", "situation"),
    [
        (".nan", "hours-number"),
        (".inf", "hours-number"),
        ("'6'", "hours-number"),
        ("1_0", "hours-number"),  # people cannot type these, so files do not either
        ("0.1e+2", "hours-number"),
        ("0", "hours-range"),
        ("-1", "hours-range"),
        ("501", "hours-range"),
        ("6.1", "hours-step"),
    ],
)
def test_hours_outside_quarter_steps_up_to_the_maximum_are_refused(written, situation):
    node, reader, findings = value_of(written)
    assert reader.hours(node, "value", 500) is None
    assert [f.code for f in findings] == [situation]


def test_a_front_matter_boolean_with_an_odd_tag_is_a_finding_not_a_crash():
    """`!!bool maybe` used to raise KeyError out of the course checker."""
    _meta, _front, findings = read_course(course_with(evaluation="!!bool maybe"), "course.md")
    assert [(f.line, f.message) for f in findings] == [(12, "'evaluation' must be true or false.")]
    quiz, findings = parse_quiz(QUIZ_MD.replace("---\n", "---\nshuffle: !!bool x\n", 1))
    assert quiz is None and [f.line for f in findings] == [2]


def test_front_matter_and_rule_files_read_a_leading_zero_the_same_way():
    """Front matter once read `075` as octal (61) while rule files read 75."""
    quiz, findings = parse_quiz(QUIZ_MD.replace("---\n", "---\npass_mark: 075\n", 1))
    assert findings == [] and quiz.pass_mark == 75


def test_rule_file_months_with_a_leading_zero(tmp_path):
    path = write_rule(tmp_path, VALID_RULE.replace("months: 24", "months: 024"))
    assert check_rule_file(path) == [] and load_rule_set(path).cycle.months == 24


def test_both_kinds_of_file_print_the_same_way(tmp_path):
    _meta, _front, course = read_course(course_with(ce_hours="1.1"), "course.md")
    rule = check_rule_file(write_rule(tmp_path, VALID_RULE.replace("hours: 6\n", "hours: 6.1\n")))
    assert format_text(course[0]) == (
        "course.md:6:1: error bad-ce-hours: ce_hours must be more than 0, at most 100, in steps "
        "of 0.25; it is 1.1. (Write hours like 1, 1.25, 1.5 or 1.75.)"
    )
    assert format_text(rule[0]).endswith(
        ":14:12: error bad-hours: 6.1 hours is not in quarter-hour steps. (Use 6 or 6.25.)"
    )
