"""docs/authoring.md is the contract: its examples must pass the checks they describe."""

import re
from pathlib import Path

from lms.content.course import read_course
from lms.content.language import check_language
from lms.content.lesson import parse_lesson
from lms.content.quiz import parse_quiz
from lms.findings import format_text

DOC = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", DOC, re.S)


def block(language: str, containing: str) -> str:
    return next(text for lang, text in BLOCKS if lang == language and containing in text)


def test_the_course_md_example_is_valid():
    text = block("yaml", "slug: ethics-and-boundaries")
    meta, _front, findings = read_course(text, "course.md", "ethics-and-boundaries")
    assert findings == []
    assert meta.ce_minutes == 90 and meta.competencies == (1, 9, 12)


def test_the_lesson_example_is_valid():
    lesson, findings = parse_lesson(block("markdown", "title: Gifts"), "lessons/03-gifts.md")
    assert findings == [] and lesson.title == "Gifts, money and favours"


def test_the_quiz_example_is_valid_and_complete():
    text = block("markdown", "### A gift from a participant")
    _quiz, findings = parse_quiz(text)
    # The example shows one question of a pool of at least eight.
    assert [f.code for f in findings] == ["too-many-questions"]
    quiz, findings = parse_quiz(
        text.replace("questions_per_attempt: 8", "questions_per_attempt: 1")
    )
    assert findings == []
    (question,) = quiz.questions
    assert question.id == "gift-card" and question.kind == "single"
    assert (question.item_kind, question.objective, question.review) == (
        "applied",
        2,
        "03-gifts-and-money",
    )
    assert (quiz.pass_mark, quiz.attempts_allowed, quiz.reveal) == (75, 3, "after_passing")


def test_the_documented_output_line_is_what_the_check_prints():
    text = "\n" * 13 + "I'm clean now."
    (finding,) = check_language(text, "courses/ethics/lessons/02-gifts.md")
    assert format_text(finding) in DOC
