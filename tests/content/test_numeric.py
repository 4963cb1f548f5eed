"""Numeric questions: written in quiz.md, checked line by line, graded in exact decimals."""

from fractions import Fraction

from lms.content.gift import export_gift, import_gift
from lms.content.quiz import parse_quiz
from lms.content.quiz_writer import write_quiz
from lms.learning.grading import grade_question
from tests.content.builders import only

QUIZ = """---
title: Numbers
---
### Hours of supervision {#hours}
How many hours a month?

= number: 3.5 ± 0.1
  > Right.
= number: 3 to 4 (50%)
  > Close.

Explanation: Because the rule says so.
"""


def numeric(text: str = QUIZ):
    quiz, findings = parse_quiz(text)
    assert quiz is not None, findings
    return quiz.questions[0]


def grade(question, answer) -> Fraction:
    as_stored = {"kind": question.kind, "numbers": [n.__dict__ for n in question.numbers]}
    return grade_question(as_stored, answer, partial_credit=False)


def test_a_numeric_question_reads_tolerance_ranges_shares_and_feedback():
    question = numeric()
    assert question.kind == "numeric"
    assert [
        (n.value, n.tolerance, n.low, n.high, n.credit, n.feedback) for n in question.numbers
    ] == [
        ("3.5", "0.1", "", "", "100", "Right."),
        ("", "0", "3", "4", "50", "Close."),
    ]


def test_bad_numbers_tolerances_ranges_and_shares_are_errors_on_their_own_lines():
    text = QUIZ.replace(
        "= number: 3 to 4 (50%)\n",
        "= number: 3 to 4 (50%)\n= number: three\n= number: 2 ± -1\n= number: 5 to 4\n"
        "= number: 2 (150%)\n",
    )
    quiz, findings = parse_quiz(text)
    assert quiz is None
    assert [(f.line, f.code) for f in findings if f.severity == "error"] == [
        (10, "bad-number"),
        (11, "bad-number"),
        (12, "bad-number"),
        (13, "bad-number"),
    ]
    messages = [f.message for f in findings if f.code == "bad-number"]
    assert "negative" in messages[1] and "backwards" in messages[2] and "150%" in messages[3]


def test_a_numeric_question_with_no_full_marks_answer_is_an_error():
    quiz, findings = parse_quiz(QUIZ.replace("= number: 3.5 ± 0.1", "= number: 3.5 (90%)"))
    assert quiz is None and only(findings, "no-full-credit").line == 4


def test_grading_is_exact_decimal_so_edges_of_a_tolerance_count():
    # In floats 0.4 - 0.3 is 0.10000000000000003, just outside a tolerance of 0.1.
    question = numeric(QUIZ.replace("3.5 ± 0.1", "0.3 ± 0.1").replace("3 to 4", "7 to 8"))
    assert grade(question, "0.4") == 1
    assert grade(question, "0.2") == 1
    assert grade(question, "0.41") == 0
    sum_question = numeric(QUIZ.replace("3.5 ± 0.1", "0.30"))
    assert (
        grade(sum_question, str(sum(__import__("decimal").Decimal(x) for x in ("0.1", "0.2")))) == 1
    )


def test_the_best_share_among_matching_answers_is_earned():
    question = numeric()
    assert grade(question, "3.5") == 1
    assert grade(question, "3.9") == Fraction(1, 2)
    assert grade(question, "5") == 0
    assert grade(question, None) == 0


def test_a_numeric_question_writes_back_to_the_same_question():
    question = numeric()
    quiz, _ = parse_quiz(QUIZ)
    assert parse_quiz(write_quiz(quiz))[0].questions == quiz.questions
    assert question.numbers


def test_numeric_questions_round_trip_through_gift():
    quiz, _ = parse_quiz(QUIZ)
    gift = export_gift(quiz)
    assert "=%50%3..4#Close." in gift
    back, findings = parse_quiz(import_gift(gift)[0])
    assert findings == [] or all(f.severity != "error" for f in findings)
    assert back.questions == quiz.questions


def test_gift_numeric_forms_import():
    markdown, findings = import_gift(
        "::N::How many? {#=1822:2#Good =%50%1820..1830}\n\n::M::Pi? {#3.14:0.01}"
    )
    quiz, _ = parse_quiz(markdown)
    first, second = quiz.questions
    assert [(n.value, n.tolerance, n.low, n.high, n.credit) for n in first.numbers] == [
        ("1822", "2", "", "", "100"),
        ("", "0", "1820", "1830", "50"),
    ]
    assert (second.numbers[0].value, second.numbers[0].tolerance) == ("3.14", "0.01")


def test_a_bad_gift_number_is_reported_on_its_line():
    _, findings = import_gift("Fine {=a ~b}\n\nBad {#abc:1}\n")
    assert only(findings, "gift-number").line == 3
