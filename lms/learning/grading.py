"""Grading by identity: answers are option ids (or typed text, or pair choices), compared with
the quiz as stored in the course version — never with display labels.

Scores are exact fractions; the percent shown and stored is rounded down, so a learner never
passes on rounding.
"""

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from lms.content.numeric import credit_for


def normalise_text(text: str) -> str:
    """Case- and space-insensitive form of a typed answer."""
    return " ".join(text.casefold().split())


def grade_question(question: dict[str, Any], answer: Any, *, partial_credit: bool) -> Fraction:
    """Points (0 to 1) for one answer to one question."""
    kind = question["kind"]
    if kind in ("single", "true_false"):
        correct = {o["id"] for o in question["options"] if o["correct"]}
        return Fraction(
            int(isinstance(answer, list) and set(answer) == correct and len(answer) == 1)
        )
    if kind == "multiple":
        return _grade_multiple(question, answer, partial_credit)
    if kind == "short_answer":
        accepted = {normalise_text(a) for a in question["accepted_answers"]}
        return Fraction(int(isinstance(answer, str) and normalise_text(answer) in accepted))
    if kind == "matching":
        pairs = question["pairs"]
        if not isinstance(answer, dict) or not pairs:
            return Fraction(0)
        right = sum(1 for pair in pairs if answer.get(pair["id"]) == pair["right"])
        return Fraction(int(right == len(pairs)))
    if kind == "numeric":
        # Each accepted answer carries its own share (Moodle's weights), whatever partial_credit.
        return credit_for(question["numbers"], answer) if isinstance(answer, str) else Fraction(0)
    raise ValueError(f"unknown question kind {kind!r}")


def _grade_multiple(question: dict[str, Any], answer: Any, partial_credit: bool) -> Fraction:
    if not isinstance(answer, list):
        return Fraction(0)
    chosen = set(answer)
    options = question["options"]
    if not partial_credit:
        correct = {o["id"] for o in options if o["correct"]}
        return Fraction(int(chosen == correct))
    # Per option: each option marked the right way earns its share.
    right = sum(1 for o in options if (o["id"] in chosen) == o["correct"])
    return Fraction(right, len(options))


def grade_shown(
    questions: Mapping[str, dict[str, Any]],
    shown: list[dict[str, Any]],
    answers: dict[str, Any],
    partial_credit: bool,
) -> tuple[Fraction, dict[str, Fraction]]:
    """Grade the questions that were shown: (exact percent, points per question id).

    A question no longer in `questions` (one that has since left the practice bank) earns
    nothing but still counts, so the percent never rises by a question going away.
    """
    points: dict[str, Fraction] = {}
    for item in shown:
        question = questions.get(item["id"])
        points[item["id"]] = (
            Fraction(0)
            if question is None
            else grade_question(question, answers.get(item["id"]), partial_credit=partial_credit)
        )
    total = sum(points.values(), Fraction(0))
    exact = total / len(shown) * 100 if shown else Fraction(0)
    return exact, points


def grade_attempt(
    quiz: dict[str, Any], shown: list[dict[str, Any]], answers: dict[str, Any]
) -> tuple[int, bool, dict[str, str]]:
    """Grade a quiz attempt. Returns (percent rounded down, passed, points as "n/d")."""
    by_id = {q["id"]: q for q in quiz["questions"]}
    exact, points = grade_shown(by_id, shown, answers, quiz["partial_credit"])
    percent = int(exact)  # floor for non-negative values
    return percent, exact >= quiz["pass_mark"], {k: str(v) for k, v in points.items()}
