"""quiz.md: every question kind, settings, and a finding with a line for every mistake."""

from dataclasses import replace

import pytest

from lms.content.quiz import letter_id, looks_like_quiz, parse_quiz
from lms.content.quiz_writer import write_quiz
from tests.content.builders import codes, only

GOOD = """---
title: Check your understanding
pass_mark: 80
questions_per_attempt: 4
shuffle: false
attempts_allowed: 3
reveal: after_passing
partial_credit: true
---

### A gift from a participant {#gift-card}
Dana hands you a gift card.
What do you do?

- [ ] Accept it.
  > Accepting money changes the relationship.
- [x] Thank her and explain
  you cannot accept it.
  > Right: you honour the thought
  > and keep the boundary.

Explanation: Peer codes say not to accept money.
It can run on to a second line.

### Which are dual relationships? {#dual}
- [x] Landlord
  > Yes.
- [X] Employer
  > Yes.
- [ ] Colleague at the drop-in
  > No.

Explanation: A second role.

### Sharing your story always helps.
- [ ] True
  > Not always.
- [x] False
  > Right.

Explanation: Use ask–share–ask.

### Name the first step {#first-step}
= ask
=   ask   yourself

Explanation: Ask yourself first.

### Match the roles {#roles}
- Friend => Avoiding hard talks
- Business partner => Money

Explanation: Every second role has a risk.
"""


def parse(text: str):
    return parse_quiz(text, "quiz.md")


def quiz_with(body: str, front: str = "") -> str:
    return f"---\n{front}---\n{body}"


def test_a_good_quiz_parses_every_kind_with_its_settings():
    quiz, findings = parse(GOOD)
    assert findings == []
    assert (quiz.title, quiz.pass_mark, quiz.questions_per_attempt) == (
        "Check your understanding",
        80,
        4,
    )
    assert (quiz.shuffle, quiz.attempts_allowed, quiz.reveal, quiz.partial_credit) == (
        False,
        3,
        "after_passing",
        True,
    )
    assert [(q.id, q.kind) for q in quiz.questions] == [
        ("gift-card", "single"),
        ("dual", "multiple"),
        ("q3", "true_false"),
        ("first-step", "short_answer"),
        ("roles", "matching"),
    ]


def test_single_choice_keeps_ids_text_feedback_prompt_and_explanation():
    question = parse(GOOD)[0].questions[0]
    assert question.title == "A gift from a participant"
    assert question.prompt == "Dana hands you a gift card.\nWhat do you do?"
    assert question.prompt_html == "<p>Dana hands you a gift card.\nWhat do you do?</p>"
    first, second = question.options
    assert (first.id, first.correct, first.text) == ("a", False, "Accept it.")
    assert (second.id, second.correct) == ("b", True)
    assert second.text == "Thank her and explain you cannot accept it."
    assert second.feedback == "Right: you honour the thought\nand keep the boundary."
    assert question.explanation == (
        "Peer codes say not to accept money.\nIt can run on to a second line."
    )


def test_true_false_keeps_the_written_order_and_the_right_answer():
    question = parse(GOOD)[0].questions[2]
    assert [(o.id, o.text, o.correct) for o in question.options] == [
        ("a", "True", False),
        ("b", "False", True),
    ]


def test_short_answers_collapse_extra_spaces():
    assert parse(GOOD)[0].questions[3].accepted_answers == ("ask", "ask yourself")


def test_matching_pairs_get_ids_in_written_order():
    pairs = parse(GOOD)[0].questions[4].pairs
    assert [(p.id, p.left, p.right) for p in pairs] == [
        ("a", "Friend", "Avoiding hard talks"),
        ("b", "Business partner", "Money"),
    ]


def test_defaults_apply_without_front_matter():
    quiz, _ = parse("### Q\n- [x] Yes\n  > y\n- [ ] No\n  > n\nExplanation: e\n")
    assert (quiz.title, quiz.pass_mark, quiz.questions_per_attempt, quiz.shuffle) == (
        "Quiz",
        75,
        None,
        True,
    )
    assert (quiz.attempts_allowed, quiz.reveal, quiz.partial_credit) == (
        0,
        "after_passing",
        False,
    )


def error_at(text: str, code: str) -> int:
    quiz, findings = parse(text)
    assert quiz is None
    finding = only(findings, code)
    assert finding.severity == "error"
    return finding.line


def test_a_choice_question_without_a_correct_answer_is_an_error_at_its_heading():
    assert (
        error_at(quiz_with("\n### Q\n- [ ] A\n  > a\n- [ ] B\n  > b\n"), "no-correct-answer") == 4
    )


def test_true_false_must_be_exactly_true_and_false():
    text = quiz_with("### Q\n- [x] True\n  > t\n- [ ] False\n  > f\n- [ ] Maybe\n  > m\n")
    assert error_at(text, "true-false-options") == 3


def test_true_false_with_both_marked_is_an_error():
    assert (
        error_at(quiz_with("### Q\n- [x] True\n  > t\n- [x] False\n  > f\n"), "true-false-options")
        == 3
    )


def test_true_false_written_in_lower_case_is_a_warning():
    quiz, findings = parse(
        quiz_with("### Q\n- [x] true\n  > t\n- [ ] false.\n  > f\nExplanation: e")
    )
    assert quiz.questions[0].kind == "true_false"
    assert only(findings, "true-false-options").severity == "warning"


def test_duplicate_question_ids_are_an_error_at_the_second_heading():
    one = "- [x] Yes\n  > y\n- [ ] No\n  > n\nExplanation: e\n"
    text = quiz_with(f"### A {{#same}}\n{one}\n### B {{#same}}\n{one}")
    assert error_at(text, "duplicate-id") == 10


def test_an_explicit_id_may_not_clash_with_a_position_id():
    one = "- [x] Yes\n  > y\n- [ ] No\n  > n\nExplanation: e\n"
    assert error_at(quiz_with(f"### A {{#q2}}\n{one}\n### B\n{one}"), "duplicate-id") == 10


def test_a_badly_written_id_is_an_error():
    assert error_at(quiz_with("### A {#Not OK}\n= a\nExplanation: e\n"), "bad-id") == 3


def test_matching_needs_two_pairs():
    assert error_at(quiz_with("### M\n- a => b\nExplanation: e\n"), "too-few-pairs") == 3


def test_a_pair_missing_a_side_is_an_error_at_its_line():
    text = quiz_with("### M\n- a => b\n-  => c\nExplanation: e\n")
    assert error_at(text, "bad-pair") == 5


def test_an_option_without_feedback_is_a_warning_at_the_option():
    quiz, findings = parse(quiz_with("### Q\n- [x] Yes\n- [ ] No\n  > n\nExplanation: e\n"))
    assert quiz is not None
    finding = only(findings, "missing-feedback")
    assert (finding.line, finding.severity) == (4, "warning")


def test_a_question_without_an_explanation_is_a_warning():
    quiz, findings = parse(quiz_with("### Q\n= yes\n"))
    assert quiz is not None and only(findings, "missing-explanation").line == 3


def test_questions_per_attempt_larger_than_the_pool_is_an_error_at_that_key():
    text = quiz_with("### Q\n= yes\nExplanation: e\n", "title: T\nquestions_per_attempt: 5\n")
    line = error_at(text, "too-many-questions")
    assert line == 3


@pytest.mark.parametrize("mark", ["0", "101", "-5", "seventy", "75.5"])
def test_pass_mark_must_be_a_whole_number_from_1_to_100(mark):
    assert error_at(quiz_with("### Q\n= yes\n", f"pass_mark: {mark}\n"), "bad-value") == 2


def test_an_unknown_reveal_value_suggests_the_nearest():
    quiz, findings = parse(quiz_with("### Q\n= yes\n", "reveal: after_pass\n"))
    finding = only(findings, "unknown-value")
    assert quiz is None and finding.line == 2
    assert finding.suggestion == "Did you mean 'after_passing'?"


def test_an_unknown_quiz_key_suggests_the_nearest():
    _, findings = parse(quiz_with("### Q\n= yes\n", "passmark: 80\n"))
    assert only(findings, "unknown-key").suggestion == "Did you mean 'pass_mark'?"


def test_a_question_with_no_answers_is_an_error():
    assert error_at(quiz_with("### Q\nJust a prompt.\n"), "no-answers") == 3


def test_mixing_options_and_answers_is_an_error():
    assert error_at(quiz_with("### Q\n- [x] A\n  > a\n= a\n"), "mixed-answers") == 3


def test_a_single_option_is_not_a_choice():
    assert error_at(quiz_with("### Q\n- [x] A\n  > a\n"), "too-few-options") == 3


def test_an_empty_option_or_answer_is_an_error_at_its_line():
    assert error_at(quiz_with("### Q\n- [x]\n- [ ] B\n  > b\n"), "empty-option") == 4
    assert error_at(quiz_with("### Q\n=\n"), "empty-answer") == 4


def test_a_quiz_without_questions_is_an_error():
    assert error_at(quiz_with("No questions here.\n"), "no-questions") == 3


def test_text_before_the_first_question_and_after_the_answers_is_a_warning():
    text = quiz_with("Intro.\n\n### Q\n= yes\nExplanation: e\n\nAfterthought.\n")
    quiz, findings = parse(text)
    assert quiz is not None
    assert [(f.line, f.code) for f in findings] == [(3, "stray-text"), (9, "stray-text")]


def test_a_heading_inside_a_code_fence_is_part_of_the_prompt():
    text = quiz_with("### Q\n```\n### not a question\n```\n= yes\nExplanation: e\n")
    quiz, _ = parse(text)
    assert len(quiz.questions) == 1
    assert "### not a question" in quiz.questions[0].prompt


def test_language_marker_comments_are_not_part_of_the_quiz():
    text = quiz_with(
        "<!-- language: allow start -->\n### Q\n- [x] A\n  > a\n- [ ] B\n  > b\n"
        "<!-- language: allow end -->\nExplanation: e\n"
    )
    quiz, findings = parse(text)
    assert findings == [] and quiz.questions[0].explanation == "e"


def test_prompts_are_sanitised_markdown():
    text = quiz_with("### Q\nRead **this** <script>x()</script>\n\n= yes\nExplanation: e\n")
    assert parse(text)[0].questions[0].prompt_html == "<p>Read <strong>this</strong> </p>"


def test_quizzes_are_told_apart_from_lessons():
    assert looks_like_quiz(GOOD)
    assert looks_like_quiz("### Q\n= yes\n")
    assert not looks_like_quiz("---\ntitle: A lesson\n---\n### A heading\n\n- a list item\n")


def test_option_ids_run_a_to_z_then_aa():
    assert [letter_id(i) for i in (0, 1, 25, 26, 27, 51, 52)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
    ]


def test_the_quiz_writer_writes_markdown_that_parses_back_to_the_same_quiz():
    quiz, _ = parse(GOOD)
    again, findings = parse(write_quiz(quiz))
    assert codes(findings) == []
    assert again == quiz


def test_the_quiz_writer_protects_prompt_lines_that_look_like_answers():
    quiz, _ = parse(GOOD)
    prompt = "= not an answer\n- [x] not an option"
    question = replace(quiz.questions[3], prompt=prompt)
    again, _ = parse(write_quiz(replace(quiz, questions=(question,), questions_per_attempt=None)))
    assert again.questions[0].accepted_answers == ("ask", "ask yourself")
    assert again.questions[0].prompt_html == "<p>= not an answer\n- [x] not an option</p>"


def test_a_prompt_keeps_its_paragraphs():
    quiz, _ = parse(
        quiz_with("### Q\nFirst paragraph.\n\nSecond paragraph.\n\n= yes\nExplanation: e")
    )
    question = quiz.questions[0]
    assert question.prompt == "First paragraph.\n\nSecond paragraph."
    assert question.prompt_html == "<p>First paragraph.</p>\n<p>Second paragraph.</p>"


def test_a_line_end_language_marker_never_reaches_the_learner():
    from lms.content.quiz import parse_quiz

    text = (
        "---\ntitle: T\n---\n\n### Which is person-first? {#a}\n"
        "- [ ] the addicts we serve <!-- language: allow -->\n"
        "  > This labels people. <!-- language: allow -->\n"
        "- [x] people who use drugs\n  > Right.\n\nExplanation: Person first.\n"
    )
    quiz, findings = parse_quiz(text)
    option = quiz.questions[0].options[0]
    assert (option.text, option.feedback) == ("the addicts we serve", "This labels people.")
    assert [f for f in findings if f.severity != "info"] == []
