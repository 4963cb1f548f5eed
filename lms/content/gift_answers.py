"""Reading the answer part of one GIFT question (`{…}`) for each kind we support.

Each reader returns the fields of a `QuestionData` for its kind, or None when the question
cannot be imported; anything it has to leave out or change is reported through `note`.
"""

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from lms.content.data import OptionData, PairData
from lms.content.htmlmd import HtmlReader
from lms.content.numeric import NumberProblem, decimal, make_exact, make_range
from lms.content.quiz_rules import letter_id

# Escaped characters are swapped for private-use placeholders while the structure is read.
ESCAPES = {
    "\\": "\ue000",
    ":": "\ue001",
    "#": "\ue002",
    "=": "\ue003",
    "{": "\ue004",
    "}": "\ue005",
    "~": "\ue006",
    "n": "\ue007",
}
_RESTORE = {v: ("\n" if k == "n" else k) for k, v in ESCAPES.items()}
_WEIGHT = re.compile(r"^%(-?\d{1,3}(?:\.\d+)?)%")
_LOOKS_HTML = re.compile(r"<[A-Za-z/!]|&(?:#\d+|#x[0-9a-f]+|[A-Za-z]\w*);", re.I)
TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}

Note = Callable[..., None]  # note(severity, code, message, suggestion="")


def protect_escapes(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), text, flags=re.S)


def restore(text: str) -> str:
    return "".join(_RESTORE.get(char, char) for char in text)


class Reader:
    """Turns GIFT text in one format (html, moodle, plain, markdown) into our text; HTML goes
    through lms/content/htmlmd.py, which remembers what it could not keep."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.html = HtmlReader()

    def plain(self, raw: str) -> str:
        text = restore(raw).strip()
        return self.html.plain(text) if self.fmt in ("html", "moodle") else text

    def line(self, raw: str) -> str:
        return " ".join(self.plain(raw).split())

    def markdown(self, raw: str) -> str:
        """Prompt text: HTML becomes Markdown; Moodle's auto-format text with no tag or entity
        in it is plain text and stays as written."""
        text = restore(raw).strip()
        is_html = self.fmt == "html" or (self.fmt == "moodle" and _LOOKS_HTML.search(text))
        return self.html.markdown(text) if is_html else text


def answer_kind(answers: str) -> str:
    """GIFT's own rules: ~ means choice, = with -> means matching, T/F means true/false."""
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "choice"
    if "=" in answers and "->" in answers:
        return "matching"
    if answers.split("#", 1)[0].strip() in TRUE_FALSE:
        return "true_false"
    return "short_answer"


def _marked(answers: str, markers: str) -> list[tuple[str, Fraction | None, str, str]]:
    """(marker, weight or None, text, feedback) for each answer starting with a marker."""
    parts = re.split(f"([{re.escape(markers)}])", answers)
    found = []
    for index in range(1, len(parts) - 1, 2):
        raw = parts[index + 1].strip()
        weight = _WEIGHT.match(raw)
        text, _, feedback = raw[weight.end() if weight else 0 :].partition("#")
        found.append((parts[index], Fraction(weight.group(1)) if weight else None, text, feedback))
    return found


def choice(answers: str, read: Reader, note: Note, hint: dict) -> dict | None:
    """Multiple choice. With any `=`, it is single-answer (partial weights count as wrong);
    without, positive weights mark the correct answers of a multiple-answer question."""
    single_mode = "=" in answers
    options = []
    for marker, weight, text, feedback in _marked(answers, "=~"):
        full = marker == "=" or weight == 100
        correct = full or (not single_mode and weight is not None and weight > 0)
        if single_mode and not full and weight is not None and weight > 0:
            note(
                "warning",
                "gift-changed",
                f"'{read.line(text)}' was worth {weight}%; here it counts as wrong.",
                "Our single-choice questions have one right answer.",
            )
        option_id = letter_id(len(options))
        options.append(OptionData(option_id, read.line(text), correct, read.plain(feedback)))
    correct = sum(o.correct for o in options)
    if len(options) < 2 or correct == 0:
        note("error", "no-correct-answer", "This question needs two answers, one of them right.")
        return None
    if single_mode and correct > 1:
        note(
            "warning",
            "gift-changed",
            "Several answers were each fully right; here a learner must choose all of them.",
        )
    if not single_mode and correct > 1 and not hint:
        note(
            "info",
            "gift-partial-credit",
            "Moodle scores multiple answers per option.",
            "Set partial_credit: true in the quiz front matter to do the same.",
        )
    return {"kind": "multiple" if correct > 1 else "single", "options": tuple(options)}


def true_false(answers: str, read: Reader, note: Note, hint: dict) -> dict:
    """{TRUE#feedback if wrong#feedback if right}, in the option order the hint gives."""
    answer, wrong_feedback, right_feedback = (answers.split("#", 2) + ["", ""])[:3]
    truth = TRUE_FALSE[answer.strip()]
    feedback = {truth: read.plain(right_feedback), not truth: read.plain(wrong_feedback)}
    order = [False, True] if hint.get("order") == "false-true" else [True, False]
    options = tuple(
        OptionData(letter_id(i), "True" if value else "False", value == truth, feedback[value])
        for i, value in enumerate(order)
    )
    return {"kind": "true_false", "options": options}


def short_answer(answers: str, read: Reader, note: Note, hint: dict) -> dict | None:
    """Every fully right `=answer`; partly right answers and feedback are reported."""
    accepted = []
    for _marker, weight, text, feedback in _marked("=" + answers.lstrip("="), "="):
        if weight is not None and weight != 100:
            note(
                "warning",
                "gift-changed",
                f"The answer '{read.line(text)}' ({weight}%) was left out.",
                "Short answers here are right or wrong.",
            )
        elif read.line(text):
            accepted.append(read.line(text))
        if feedback.strip():
            note(
                "warning",
                "gift-changed",
                "Feedback on short answers is not kept.",
                "Put it in the explanation.",
            )
    if not accepted:
        note("error", "gift-syntax", "No fully right answer; skipped.")
        return None
    return {"kind": "short_answer", "accepted_answers": tuple(accepted)}


def matching(answers: str, read: Reader, note: Note, hint: dict) -> dict | None:
    """`=left -> right` pairs; Moodle's extra right-hand answers are reported and left out."""
    pairs = []
    for _marker, _weight, text, feedback in _marked("=" + answers.lstrip("="), "="):
        raw = f"{text}#{feedback}" if feedback else text
        left, arrow, right = raw.partition("->")
        if not arrow or not read.line(right):
            note("error", "gift-syntax", f"'{read.line(raw)}' is not 'left -> right'.")
        elif not read.line(left):
            note(
                "warning",
                "gift-changed",
                f"The extra answer '{read.line(right)}' was left out.",
                "Matching here has no distractor answers.",
            )
        else:
            pairs.append(PairData(letter_id(len(pairs)), read.line(left), read.line(right)))
    if len(pairs) < 2:
        note("error", "too-few-pairs", "A matching question needs two pairs; skipped.")
        return None
    return {"kind": "matching", "pairs": tuple(pairs)}


def numerical(answers: str, read: Reader, note: Note, hint: dict) -> dict | None:
    """`{#3.5:0.1}`, `{#3..4}`, or several `{#=3.5:0.1#feedback =%50%3..4}` with shares."""
    body = answers[1:].strip()
    body = body if body.startswith("=") else "=" + body
    numbers = []
    for _marker, weight, text, feedback in _marked(body, "="):
        spec = restore(text).strip()
        try:
            credit = (
                Decimal(100) if weight is None else Decimal(weight.numerator) / weight.denominator
            )
            if ".." in spec:
                low, high = spec.split("..", 1)
                answer = make_range(decimal(low), decimal(high), credit)
            else:
                value, _, tolerance = spec.partition(":")
                answer = make_exact(decimal(value), decimal(tolerance or "0"), credit)
        except NumberProblem as problem:
            note("error", "gift-number", f"{problem} The numeric question was skipped.")
            return None
        if not 0 <= credit <= 100:
            note("error", "gift-number", f"The share {weight}% is not between 0% and 100%.")
            return None
        numbers.append(replace(answer, feedback=read.plain(feedback)))
    if not any(Decimal(n.credit) == 100 for n in numbers):
        note("error", "no-full-credit", "No answer is worth 100%; skipped.")
        return None
    return {"kind": "numeric", "numbers": tuple(numbers)}


READERS = {
    "numerical": numerical,
    "choice": choice,
    "true_false": true_false,
    "short_answer": short_answer,
    "matching": matching,
}
