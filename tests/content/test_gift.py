"""GIFT interchange: Moodle quizzes come in as quiz.md, and ours go out and back unchanged."""

import dataclasses
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lms.content.data import OptionData, PairData, QuestionData, QuizData
from lms.content.gift import export_gift, import_gift
from lms.content.package import parse_package, read_folder
from lms.content.quiz import parse_quiz
from tests.content.builders import only

EXAMPLE = Path(__file__).parent / "fixtures" / "example-course"


def imported(gift: str):
    """(questions, findings) after importing GIFT and parsing the quiz.md it produces."""
    markdown, findings = import_gift(gift)
    quiz, quiz_findings = parse_quiz(markdown)
    assert quiz is not None, (markdown, quiz_findings)
    return quiz.questions, findings


def without_html(questions):
    return [dataclasses.replace(q, prompt_html="") for q in questions]


def test_the_example_course_quiz_round_trips_through_gift():
    data, _ = parse_package(read_folder(EXAMPLE))
    questions, findings = imported(export_gift(data.quiz))
    assert findings == []
    assert without_html(questions) == without_html(data.quiz.questions)


def test_multiple_choice_with_feedback_title_and_general_feedback():
    (question,), _ = imported(
        "::Gift card::Dana offers you a gift card. What do you do?{\n"
        "  ~Accept it#Money changes the relationship.\n"
        "  =Thank her and decline#Right.\n"
        "  ####Peer codes forbid gifts of money.\n}"
    )
    assert (question.kind, question.title) == ("single", "Gift card")
    assert question.prompt == "Dana offers you a gift card. What do you do?"
    assert [(o.id, o.text, o.correct, o.feedback) for o in question.options] == [
        ("a", "Accept it", False, "Money changes the relationship."),
        ("b", "Thank her and decline", True, "Right."),
    ]
    assert question.explanation == "Peer codes forbid gifts of money."
    assert question.id == "gift-card"


def test_weights_make_a_multiple_answer_question_and_note_partial_credit():
    (question,), findings = imported(
        "Which are dual relationships? {~%50%Landlord ~%50%Employer ~%-100%Colleague}"
    )
    assert question.kind == "multiple"
    assert [o.correct for o in question.options] == [True, True, False]
    assert only(findings, "gift-partial-credit").severity == "info"


def test_a_partial_weight_in_a_single_answer_question_is_reported():
    (question,), findings = imported("Pick one {=Best ~%50%Half right ~Wrong}")
    assert [o.correct for o in question.options] == [True, False, False]
    assert "50%" in only(findings, "gift-changed").message


def test_true_false_with_feedback_for_each_answer():
    (question,), _ = imported("Peers share their story every time.{F#Not always.#Right.}")
    assert question.kind == "true_false"
    assert [(o.text, o.correct, o.feedback) for o in question.options] == [
        ("True", False, "Not always."),
        ("False", True, "Right."),
    ]
    (question,), _ = imported("Peers have lived experience.{TRUE}")
    assert [o.correct for o in question.options] == [True, False]


def test_short_answer_accepts_every_fully_right_answer():
    (question,), findings = imported("What do you ask first? {=ask =ask yourself =%50%think}")
    assert question.accepted_answers == ("ask", "ask yourself")
    assert "'think' (50%) was left out" in only(findings, "gift-changed").message


def test_matching_pairs():
    (question,), _ = imported("Match. {=Friend -> Hard talks =Partner -> Money =Boss -> Power}")
    assert question.kind == "matching"
    assert [(p.left, p.right) for p in question.pairs] == [
        ("Friend", "Hard talks"),
        ("Partner", "Money"),
        ("Boss", "Power"),
    ]


def test_escapes_keep_reserved_characters_as_text():
    (question,), _ = imported(r"::Ratio\: 1\=1::Is 2\~3 \{odd\} \#1?{=Yes\: it is ~No}")
    assert question.title == "Ratio: 1=1"
    assert question.prompt == "Is 2~3 {odd} #1?"
    assert question.options[0].text == "Yes: it is"


def test_html_text_keeps_its_bold_word_and_reports_the_script_it_dropped():
    (question,), findings = imported(
        "::H::[html]<p>Is <b>this</b> &amp; that safe?</p><script>x()</script>{=Yes ~No}"
    )
    assert question.prompt == "Is **this** & that safe?"
    assert "<strong>this</strong>" in question.prompt_html
    lost = only(findings, "import-lost")
    assert (lost.line, "a script") == (1, "a script") and "a script" in lost.message


def test_markdown_text_is_kept_as_markdown():
    (question,), _ = imported("::M::[markdown]Is **this** safe?{=Yes ~No}")
    assert question.prompt == "Is **this** safe?"
    assert "<strong>this</strong>" in question.prompt_html


def test_comments_and_categories_are_skipped_with_a_note():
    gift = "// a comment\n$CATEGORY: $course$/Ethics\n\n// another\nQ?{=a ~b}\n"
    questions, findings = imported(gift)
    assert len(questions) == 1
    assert only(findings, "gift-category").line == 2


def test_unsupported_questions_are_reported_by_line_and_skipped():
    gift = "Pick one {=a ~b}\n\nWrite about boundaries.{}\n\nJust a description with no answers.\n"
    questions, findings = imported(gift)
    assert len(questions) == 1
    unsupported = [(f.line, f.severity) for f in findings if f.code == "gift-unsupported"]
    assert unsupported == [(3, "warning"), (5, "warning")]


def test_a_missing_brace_is_an_error_with_its_line():
    markdown, findings = import_gift("Fine {=a ~b}\n\nBroken {=a ~b\n")
    assert only(findings, "gift-syntax").line == 3
    assert "### Fine" in markdown


def test_a_choice_without_a_right_answer_is_an_error_and_skipped():
    _, findings = import_gift("No right answer {~a ~b}")
    assert only(findings, "no-correct-answer").severity == "error"
    assert only(findings, "gift-empty").severity == "error"


def test_missing_word_questions_keep_a_blank():
    (question,), _ = imported("Boundaries keep {=trust ~money} safe.")
    assert question.title == "Boundaries keep _____ safe."


def test_import_output_is_a_valid_quiz_with_the_given_title():
    markdown, _ = import_gift("Q {=a ~b}", title="From Moodle")
    quiz, findings = parse_quiz(markdown)
    assert quiz.title == "From Moodle"
    assert [f.code for f in findings] == [
        "missing-feedback",
        "missing-feedback",
        "missing-explanation",
    ]


def test_export_writes_ids_weights_and_escapes():
    quiz, _ = parse_quiz(
        "### Pick: one {#pick}\n- [x] a=b\n  > yes #1\n- [ ] c\n  > no\n"
        "Explanation: because {x}\n\n### Many {#many}\n- [x] a\n  > y\n- [x] b\n  > y\n"
        "- [ ] c\n  > n\nExplanation: e\n"
    )
    gift = export_gift(quiz)
    assert "// peerpath: id=pick\n::Pick\\: one::[markdown]Pick\\: one{" in gift
    assert "\t=a\\=b#yes \\#1" in gift and "\t####because \\{x\\}" in gift
    assert "\t~%50%a#y" in gift and "\t~%-100%c#n" in gift


def test_a_three_way_split_is_written_with_moodle_precision():
    options = tuple(OptionData(letter, letter, True, "") for letter in "abc")
    question = QuestionData(
        "q1", "multiple", "T", "", "", options + (OptionData("d", "d", False, ""),)
    )
    gift = export_gift(QuizData("Q", 75, None, True, 0, "after_each_attempt", False, (question,)))
    assert "~%33.33333%a" in gift and "~%-100%d" in gift


_text = st.text(
    alphabet=st.sampled_from("abcXYZ 019.,?!'\"~=#{}:\\é"), min_size=1, max_size=20
).filter(lambda s: s.strip() and "->" not in s and not s.strip().startswith("%"))


def _option(index: int, text: str, correct: bool, feedback: str) -> OptionData:
    return OptionData(chr(97 + index), " ".join(text.split()), correct, feedback.strip())


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(_text, min_size=2, max_size=5), feedback=_text, title=_text, n=st.integers(0, 4)
)
def test_any_choice_question_round_trips_through_gift(texts, feedback, title, n):
    correct_count = n % len(texts) + 1
    options = tuple(
        _option(i, text, i < correct_count, feedback if i % 2 else "")
        for i, text in enumerate(texts)
    )
    kind = "single" if correct_count == 1 else "multiple"
    question = QuestionData("q", kind, " ".join(title.split()), "", "", options, explanation="why")
    quiz = QuizData("Q", 75, None, True, 0, "after_each_attempt", False, (question,))
    markdown, _ = import_gift(export_gift(quiz))
    again, _ = parse_quiz(markdown)
    assert again is not None
    assert without_html(again.questions) == without_html(quiz.questions)


@settings(max_examples=25, deadline=None)
@given(
    answers=st.lists(_text, min_size=1, max_size=3), lefts=st.lists(_text, min_size=2, max_size=3)
)
def test_short_answer_and_matching_round_trip_through_gift(answers, lefts):
    clean = tuple(dict.fromkeys(" ".join(a.split()) for a in answers))
    pairs = tuple(
        PairData(chr(97 + i), " ".join(t.split()), "R" + str(i)) for i, t in enumerate(lefts)
    )
    questions = (
        QuestionData("short", "short_answer", "S", "", "", accepted_answers=clean, explanation="e"),
        QuestionData("match", "matching", "M", "Match them.", "", pairs=pairs, explanation="e"),
    )
    quiz = QuizData("Q", 75, None, True, 0, "after_each_attempt", False, questions)
    again, _ = parse_quiz(import_gift(export_gift(quiz))[0])
    assert again is not None
    assert without_html(again.questions) == without_html(questions)
