"""What a learner types into a numeric question."""

import pytest

from lms.content.numeric import read_learner_number


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (" 3.5 ", "3.5"),
        ("3,5", "3.5"),
        ("-2", "-2"),
        ("3.50", "3.5"),
        ("\u22124", "-4"),
        ("1 000", "1000"),
    ],
)
def test_a_learners_number_is_read_with_spaces_and_a_decimal_comma(typed, stored):
    assert read_learner_number(typed) == (stored, None)


@pytest.mark.parametrize("typed", ["", "three", "3.5.1", "1e400000", "3,5,1"])
def test_anything_else_is_refused_with_what_to_type(typed):
    number, problem = read_learner_number(typed)
    assert number is None and ("number" in problem)


def test_a_comma_that_may_be_a_thousands_separator_is_asked_about_not_guessed():
    number, problem = read_learner_number("1,000")
    assert number is None and "1000" in problem
