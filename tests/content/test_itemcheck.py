"""Item metadata under question headings, the item-writing checks, and the longest-option
report, on fixture quizzes written here (not the bundled ones)."""

from pathlib import Path

import pytest

from lms.content.itemcheck import check_items
from lms.content.itemmeta import ItemContext
from lms.content.itemreport import longest_option_report
from lms.content.quiz import parse_quiz

CONTEXT = ItemContext(objectives=2, lessons=("01-gifts", "02-roles"))


def item(title, options, key=0, meta="<!-- kind: applied; review: 01-gifts -->", prompt=""):
    lines = [f"### {title}", meta, prompt, ""] if meta else [f"### {title}", prompt, ""]
    for n, text in enumerate(options):
        lines += [f"- [{'x' if n == key else ' '}] {text}", "  > Because."]
    return "\n".join(lines + ["", "Explanation: Why.", ""])


def quiz(items, front="questions_per_attempt: 1\nshuffle: false"):
    data, findings = parse_quiz(f"---\n{front}\n---\n\n" + "\n".join(items), context=CONTEXT)
    assert data is not None, findings
    return data


def codes(data, strict=False):
    return [f.code for f in check_items(data, "quiz.md", strict=strict)]


SETS = (
    ["Say no.", "Ask her why first.", "Say thanks."],
    ["Say thanks.", "Say no.", "Ask her why first."],
    ["Ask her why first.", "Say thanks.", "Say no."],
)


def balanced(n=6):
    """n items, the key ("Say no.", never the longest) in each position in turn."""
    return [item(f"Q{i}", SETS[i % 3], key=i % 3) for i in range(n)]


def test_metadata_is_read_and_stored_with_the_question():
    data = quiz(
        [item("Q", ["A", "B"], meta="<!-- kind: applied; objective: 2; review: 02-roles -->")]
    )
    (question,) = data.questions
    assert (question.item_kind, question.objective, question.review) == ("applied", 2, "02-roles")
    assert quiz([item("Q", ["A", "B"], meta="")]).questions[0].item_kind == "recall"


@pytest.mark.parametrize(
    ("meta", "code"),
    [
        ("<!-- kind: applied; level: 3 -->", "item-meta-key"),
        ("<!-- kind: scenario -->", "item-meta-kind"),
        ("<!-- objective: 3 -->", "item-meta-objective"),
        ("<!-- review: 03-money -->", "item-meta-review"),
    ],
)
def test_bad_metadata_is_an_error_on_its_line(meta, code):
    text = "---\nshuffle: false\n---\n\n" + item("Q", ["A", "B"], meta=meta)
    data, findings = parse_quiz(text, context=CONTEXT)
    assert data is None
    (found,) = [f for f in findings if f.code == code]
    assert (found.line, found.severity) == (6, "error") and found.suggestion


def test_metadata_away_from_the_heading_is_reported_and_ignored():
    text = "---\nshuffle: false\n---\n\n" + item(
        "Q", ["A", "B"], meta="", prompt="Hi.\n<!-- kind: applied -->"
    )
    data, findings = parse_quiz(text, context=CONTEXT)
    assert data.questions[0].item_kind == "recall"
    assert [(f.code, f.line) for f in findings] == [("item-meta-misplaced", 7)]


def test_a_balanced_quiz_passes_every_check_even_strictly():
    assert codes(quiz(balanced()), strict=True) == []


def test_key_longest_fires_over_35_percent():
    items = balanced(4) + [
        item(f"L{i}", ["No.", "Thank her and explain the agency rule.", "Maybe."], key=1)
        for i in range(1, 3)
    ]
    assert codes(quiz(items)).count("key-longest") == 0  # 2 of 6 is 33%
    items.append(item("L3", ["No.", "Thank her and explain the agency rule.", "Maybe."], key=1))
    assert "key-longest" in codes(quiz(items))  # 3 of 7 is 43%


def test_key_position_is_an_error_strictly_but_a_warning_when_shuffled():
    items = [
        item(f"Q{i}", ["Tell her no.", "Say thanks.", "Ask why first."], key=0) for i in range(6)
    ]
    unshuffled = check_items(quiz(items), "quiz.md", strict=True)
    assert [f.severity for f in unshuffled if f.code == "key-position"] == ["error"]
    shuffled = check_items(quiz(items, "questions_per_attempt: 1\nshuffle: true"), "q", strict=True)
    (finding,) = [f for f in shuffled if f.code == "key-position"]
    assert finding.severity == "warning" and "Shuffling hides this" in finding.message
    assert "key-position" not in codes(quiz(balanced()))


@pytest.mark.parametrize(
    ("options", "code"),
    [
        (["Say no.", "Say yes.", "All of the above"], "all-none-of-the-above"),
        (
            ["No.", "Yes.", "Thank her warmly, explain the rule, and offer another way to give."],
            "long-option",
        ),
        (["Say no.", "say NO!", "Say yes."], "duplicate-options"),
    ],
)
def test_option_checks_fire_per_item_and_pass_a_clean_item(options, code):
    (finding,) = [f for f in check_items(quiz([item("Q", options)]), "quiz.md") if f.code == code]
    assert finding.line == 6 and finding.severity == "warning" and finding.suggestion
    assert code not in codes(quiz([item("Q", ["Say no.", "Say yes.", "Ask why."])]))


@pytest.mark.parametrize(
    ("prompt", "flagged"),
    [
        ("Which of these is not a boundary?", True),
        ("Which of these is **NOT** a boundary?", False),
        ("Which of these is NOT a boundary?", False),
        ("She has not signed a consent. What do you do first?", False),
        ('He says, "I am not ready." What do you say?', False),
        ("What is the least supervision the code asks for?", True),
        ("How many hours, at least, does the code ask for?", False),
    ],
)
def test_negative_stems_need_emphasis(prompt, flagged):
    assert ("negative-stem" in codes(quiz([item("Q", ["A", "B"], prompt=prompt)]))) is flagged


def test_pool_and_applied_share():
    recall = [
        item(f"Q{i}", ["Say no.", "Say yes."], meta="<!-- review: 01-gifts -->") for i in range(2)
    ]
    assert {"small-pool", "few-applied-items"} <= set(
        codes(quiz(recall, "questions_per_attempt: 2"))
    )
    assert not {"small-pool", "few-applied-items"} & set(codes(quiz(balanced(2))))


def test_strict_asks_every_item_for_a_review_lesson():
    data = quiz([item("Q", ["A", "B"], meta="<!-- kind: applied -->"), item("R", ["A", "B"])])
    assert "missing-review" not in codes(data)
    assert codes(data, strict=True).count("missing-review") == 1


def test_after_each_attempt_is_warned_about_in_both_modes():
    data = quiz(balanced(2), "questions_per_attempt: 1\nreveal: after_each_attempt")
    assert data.reveal == "after_each_attempt"
    found = check_items(data, "quiz.md", strict=True)
    assert [(f.code, f.severity) for f in found] == [("reveal-each-attempt", "warning")]
    assert codes(quiz(balanced(2), "questions_per_attempt: 1\nreveal: never")) == []


def test_longest_option_report_against_chance():
    data = quiz(
        [
            item("Long key", ["Yes.", "Thank her and explain.", "No."], key=1),  # 1
            item("Short key", ["Yes.", "Thank her and explain.", "No."], key=0),  # 0
            item("Tie", ["Say no", "Say ok", "Hm."], key=0),  # 1/2 (two longest tie)
            item("Four", ["A long distractor here", "B", "C", "D"], key=3),  # 0
        ]
    )
    report = longest_option_report([data])
    assert report.items == 4
    assert report.longest == (1 + 0 + 0.5 + 0) / 4 == 0.375
    assert report.chance == (1 / 3 * 3 + 1 / 4) / 4


def test_item_report_command_prints_each_quiz_and_the_total(app, runner):
    app.config["COURSE_ROOTS"] = [str(Path(__file__).parent / "fixtures")]
    result = runner.invoke(args=["courses", "item-report", "example-course"])
    assert result.exit_code == 0, result.output
    # 7 one-answer items: the longest option is right in gift-card and both true/false items
    # ("False" is longer than "True"); chance is 1/3 on five items and 1/2 on two.
    assert result.output.splitlines() == [
        "example-course: 7 one-answer items; longest option 42.9%, chance 38.1%",
        "all quizzes: 7 one-answer items; longest option 42.9%, chance 38.1%",
    ]
    missing = runner.invoke(args=["courses", "item-report", "no-such-course"])
    assert missing.exit_code == 1
