"""Grading by identity, partial credit, typed answers, matching, and the online CE limit."""

from datetime import datetime, timedelta

from lms.learning.completion import next_allowed_time
from lms.learning.grading import grade_attempt, grade_question
from tests.helpers import make_question


def test_multiple_answers_are_all_or_nothing_unless_partial_credit():
    question = make_question("m", correct="ab", kind="multiple")
    assert grade_question(question, ["a", "b"], partial_credit=False) == 1
    assert grade_question(question, ["a"], partial_credit=False) == 0
    # Per option: a and c are marked rightly (a chosen, c not), b wrongly → 2/3.
    assert grade_question(question, ["a"], partial_credit=True) * 3 == 2


def test_short_answers_ignore_case_and_extra_spaces():
    question = make_question("s", kind="short_answer")
    question["accepted_answers"] = ["mutual aid group", "mutual support group"]
    assert grade_question(question, "  Mutual   AID group ", partial_credit=False) == 1
    assert grade_question(question, "support group", partial_credit=False) == 0


def test_matching_needs_every_pair():
    question = make_question("p", kind="matching")
    question["pairs"] = [
        {"id": "a", "left": "clean", "right": "in recovery"},
        {"id": "b", "left": "abuser", "right": "person with a substance use disorder"},
    ]
    right = {"a": "in recovery", "b": "person with a substance use disorder"}
    assert grade_question(question, right, partial_credit=False) == 1
    assert grade_question(question, {**right, "b": "in recovery"}, partial_credit=False) == 0


def test_percent_is_rounded_down_so_no_one_passes_on_rounding():
    quiz = {
        "pass_mark": 75,
        "partial_credit": False,
        "questions": [make_question(f"q{n}") for n in range(3)],
    }
    shown = [{"id": q["id"]} for q in quiz["questions"]]
    percent, passed, _ = grade_attempt(quiz, shown, {"q0": ["a"], "q1": ["a"], "q2": ["b"]})
    assert (percent, passed) == (66, False)
    quiz["pass_mark"] = 67
    assert grade_attempt(quiz, shown, {"q0": ["a"], "q1": ["a"], "q2": ["b"]})[1] is False


def test_unanswered_questions_score_zero():
    quiz = {"pass_mark": 75, "partial_credit": False, "questions": [make_question("q")]}
    assert grade_attempt(quiz, [{"id": "q"}], {})[:2] == (0, False)


def test_online_limit_says_when_the_next_course_fits():
    now = datetime(2026, 3, 1, 12, 0)
    recent = [(now - timedelta(hours=5), 240), (now - timedelta(hours=2), 180)]
    assert next_allowed_time(recent, 60, 480, now) is None  # 7 hours: fits
    # 8.5 hours would be over: it fits once the 5-hours-ago credit leaves the window.
    assert next_allowed_time(recent, 90, 480, now) == now + timedelta(hours=19)
