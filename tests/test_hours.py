"""CE hours: what people and files may write, and how minutes are written back as hours.

`lms.hours` is the one reader and the one writer; these tests pin its rule so every form,
YAML checker, page, PDF, CSV file, badge and email agrees."""

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lms.ce.rulefile import read_rule_file
from lms.content.course import read_course
from lms.hours import (
    NOT_A_NUMBER,
    NOT_A_STEP,
    OUT_OF_RANGE,
    HoursError,
    format_hours,
    hours_phrase,
    parse_hours,
)

MESSAGE = "Enter hours as a number between 0.25 and 40, in quarter-hour steps (0.25, 0.5, 0.75 …)"


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("1", 60),
        ("1.5", 90),
        ("0.25", 15),
        ("2.75", 165),
        (".5", 30),
        ("3.", 180),
        ("0.250", 15),
        ("007.50", 450),
        (" 2 ", 120),
        ("40", 2400),
        ("40.00", 2400),
    ],
)
def test_decimal_hours_in_quarter_steps_become_whole_minutes(written, minutes):
    assert parse_hours(written, maximum=40) == minutes


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("NaN", NOT_A_NUMBER),
        ("sNaN", NOT_A_NUMBER),
        ("-NaN", NOT_A_NUMBER),
        ("Infinity", NOT_A_NUMBER),
        ("inf", NOT_A_NUMBER),
        ("1e999999", NOT_A_NUMBER),
        ("1e3", NOT_A_NUMBER),
        ("1E1", NOT_A_NUMBER),
        ("٣", NOT_A_NUMBER),  # Arabic-Indic three
        ("１", NOT_A_NUMBER),  # full-width one
        ("1,5", NOT_A_NUMBER),
        ("1_0", NOT_A_NUMBER),
        ("+1", NOT_A_NUMBER),
        ("0x10", NOT_A_NUMBER),
        ("1 .5", NOT_A_NUMBER),
        ("1.5.", NOT_A_NUMBER),
        ("two", NOT_A_NUMBER),
        ("", NOT_A_NUMBER),
        ("   ", NOT_A_NUMBER),
        (".", NOT_A_NUMBER),
        ("-", NOT_A_NUMBER),
        ("-1", OUT_OF_RANGE),
        ("-0.25", OUT_OF_RANGE),
        ("0", OUT_OF_RANGE),
        ("0.00", OUT_OF_RANGE),
        ("40.25", OUT_OF_RANGE),
        ("41", OUT_OF_RANGE),
        ("9" * 10_000, OUT_OF_RANGE),
        ("1.3", NOT_A_STEP),
        ("0.1", NOT_A_STEP),
        ("2.2500001", NOT_A_STEP),
    ],
)
def test_anything_else_is_refused_with_a_message_that_says_what_to_type(written, problem):
    with pytest.raises(HoursError) as refused:
        parse_hours(written, maximum=40)
    assert refused.value.problem == problem
    assert str(refused.value).startswith(MESSAGE)
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("written", "between"),
    [("6.1", (360, 375)), ("0.1", (0, 15)), ("1.3", (75, 90)), ("2.99", (165, 180))],
)
def test_a_value_off_the_quarter_hours_names_the_quarters_either_side(written, between):
    with pytest.raises(HoursError) as refused:
        parse_hours(written, maximum=40)
    assert refused.value.between == between


def test_the_maximum_is_part_of_the_message():
    with pytest.raises(HoursError, match=r"between 0\.25 and 100,"):
        parse_hours("101", maximum=100)
    assert parse_hours("100", maximum=100) == 6000


NUMBERISH = st.one_of(
    st.text(),
    st.from_regex(r"\A\s?-?[0-9]{0,4}(\.[0-9]{0,4})?\s?\Z"),
    st.text(alphabet="0123456789.-+eE_, \u0663\uff11NaIfty", max_size=12),
)


@given(NUMBERISH)
@example("NaN")
@example("1e999999")
@example("٣.٥")
def test_any_text_is_quarter_hours_within_bounds_or_the_friendly_error(text):
    try:
        minutes = parse_hours(text, maximum=40)
    except HoursError as error:
        assert str(error).startswith(MESSAGE)
    else:
        assert 15 <= minutes <= 40 * 60 and minutes % 15 == 0
        assert re.fullmatch(r"[0-9]*\.?[0-9]*", text.strip())


@given(st.integers(min_value=1, max_value=40 * 4))
def test_every_quarter_hour_written_back_reads_as_the_same_minutes(quarters):
    minutes = quarters * 15
    assert parse_hours(format_hours(minutes), maximum=40) == minutes


@pytest.mark.parametrize(
    ("minutes", "written"),
    [
        (0, "0"),
        (15, "0.25"),
        (30, "0.5"),
        (45, "0.75"),
        (60, "1"),
        (90, "1.5"),
        (165, "2.75"),
        (600, "10"),
        (735, "12.25"),
        (62, "1.03"),  # content estimates are not quarter hours: nearest hundredth
        (1, "0.02"),
        (59, "0.98"),
        (-90, "-1.5"),
    ],
)
def test_minutes_are_written_as_hours_to_the_nearest_hundredth(minutes, written):
    assert format_hours(minutes) == written


@given(st.integers(min_value=0, max_value=10**9))
def test_the_written_hours_are_never_more_than_a_third_of_a_minute_off(minutes):
    written = format_hours(minutes)
    assert re.fullmatch(r"[0-9]+(\.[0-9]?[1-9])?", written)
    whole, _, cents = written.partition(".")
    hundredths = int(whole) * 100 + int(f"{cents:0<2}")
    assert abs(hundredths * 60 - minutes * 100) <= 30  # 0.005 hour = 0.3 minute


@pytest.mark.parametrize(
    ("minutes", "unit", "phrase"),
    [
        (60, "hour", "1 hour"),
        (120, "hour", "2 hours"),
        (30, "hour", "0.5 hours"),
        (0, "hour", "0 hours"),
        (75, "hour", "1.25 hours"),
        (60, "contact hour", "1 contact hour"),
        (90, "contact hour", "1.5 contact hours"),
        (60, "CE hour", "1 CE hour"),
        (61, "CE hour", "1.02 CE hours"),
    ],
)
def test_a_phrase_is_singular_only_for_exactly_one(minutes, unit, phrase):
    assert hours_phrase(minutes, unit) == phrase


def test_a_phrase_can_carry_its_verb():
    words = ("logged hour is waiting", "logged hours are waiting")
    assert hours_phrase(60, *words) == "1 logged hour is waiting"
    assert hours_phrase(360, *words) == "6 logged hours are waiting"


COURSE_MD = """---
slug: demo
title: Demo course
summary: A short course.
version: "1.0"
ce_hours: {hours}
topics: [ethics]
objectives:
  - Name two kinds of boundary.
references:
  - "SAMHSA. Core Competencies for Peer Workers. 2015."
---
Welcome.
"""


BUNDLED_RULES = Path(__file__).resolve().parent.parent / "lms" / "ce" / "rules" / "icrc-pr.yaml"


def rule_file_minutes(written: str, tmp_path: Path) -> tuple[int | None, list]:
    """Read a rule file whose `total_hours` is `written`, as the app reads rule files."""
    text = BUNDLED_RULES.read_text(encoding="utf-8")
    assert "\ntotal_hours: 20\n" in text
    path = tmp_path / "icrc-pr.yaml"
    path.write_text(text.replace("\ntotal_hours: 20\n", f"\ntotal_hours: {written}\n"))
    rules, findings = read_rule_file(path)
    about_hours = [f for f in findings if f.code == "bad-hours"]
    return (rules.total.minutes if rules else None), about_hours


@pytest.mark.parametrize("written", ["1.0e+1", "1_0", "+2", "0x10", ".nan", ".inf", "-1"])
def test_course_and_rule_files_refuse_what_people_cannot_type(written, tmp_path):
    meta, _front, findings = read_course(COURSE_MD.format(hours=written), "course.md", "demo")
    assert meta.ce_minutes is None
    assert [f.line for f in findings if f.code in ("bad-value", "bad-ce-hours")] == [6]
    minutes, findings = rule_file_minutes(written, tmp_path)
    assert minutes is None and [f.code for f in findings] == ["bad-hours"]


@pytest.mark.parametrize(("written", "minutes"), [("2.50", 150), ("10", 600), (".75", 45)])
def test_course_and_rule_files_read_hours_as_people_do(written, minutes, tmp_path):
    meta, _front, findings = read_course(COURSE_MD.format(hours=written), "course.md", "demo")
    assert findings == [] and meta.ce_minutes == minutes
    assert rule_file_minutes(written, tmp_path) == (minutes, [])
