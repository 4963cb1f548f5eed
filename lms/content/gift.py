"""Moodle GIFT → quiz Markdown (import), and quiz → GIFT (export, in gift_export.py).

Supported: categories (noted and ignored), `::titles::`, `[html]`/`[moodle]`/`[plain]`/
`[markdown]` text, escapes (`\\= \\: \\# \\~ \\{ \\} \\\\ \\n`), `//` comment lines, multiple
choice with `=`/`~` and weights (`~%50%`, `~%-25%`: positive weights are correct answers),
true/false, short answer, matching, per-answer `#feedback` and general `####feedback` (which
becomes the explanation). Numeric, essay and description questions are reported with their
line and skipped; anything our format cannot hold is reported, never silently changed.
"""

import re
from dataclasses import dataclass, field
from fractions import Fraction

from lms.content.data import Finding, OptionData, PairData, QuestionData, QuizData
from lms.content.gift_export import export_gift
from lms.content.htmltext import html_to_text
from lms.content.quiz import ID_PATTERN, letter_id
from lms.content.quiz_writer import write_quiz

__all__ = ["export_gift", "import_gift"]

_ESCAPES = {"\\": "\ue000", ":": "\ue001", "#": "\ue002", "=": "\ue003", "{": "\ue004",
            "}": "\ue005", "~": "\ue006", "n": "\ue007"}  # fmt: skip
_RESTORE = {v: ("\n" if k == "n" else k) for k, v in _ESCAPES.items()}
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_WEIGHT = re.compile(r"^%(-?\d{1,3}(?:\.\d+)?)%")
_HINT = re.compile(r"^\s*//\s*peerpath:\s*(.*)$")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


@dataclass
class _Block:
    line: int
    text: str
    hint: dict[str, str] = field(default_factory=dict)


@dataclass
class _Import:
    path: str
    findings: list[Finding] = field(default_factory=list)
    questions: list[QuestionData] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def note(self, line: int, severity: str, code: str, message: str, suggestion: str = ""):
        self.findings.append(Finding(self.path, line, 1, severity, code, message, suggestion))


def import_gift(
    text: str, *, title: str = "Imported quiz", path: str = "quiz.gift"
) -> tuple[str, list[Finding]]:
    """Convert GIFT text into quiz Markdown. Returns (quiz.md text, findings)."""
    state = _Import(path)
    for block in _blocks(text):
        _import_block(block, state)
    if not state.questions:
        state.note(1, "error", "gift-empty", "No questions could be imported.")
    quiz = QuizData(
        title=title, pass_mark=75, questions_per_attempt=None, shuffle=True, attempts_allowed=0,
        reveal="after_each_attempt", partial_credit=False, questions=tuple(state.questions),
    )  # fmt: skip
    return write_quiz(quiz), state.findings


def _blocks(text: str) -> list[_Block]:
    """Questions are separated by blank lines; `//` lines are comments (a `// peerpath:` line
    carries our question id for a round trip)."""
    blocks: list[_Block] = []
    lines: list[str] = []
    start, hint = 0, {}
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    for number, line in enumerate(normalised.split("\n") + [""], start=1):
        if match := _HINT.match(line):
            hint = dict(re.findall(r"(\w+)=(\S+)", match.group(1)))
        if line.lstrip().startswith("//"):
            continue
        if line.strip():
            start = start or number
            lines.append(line)
        elif lines:
            blocks.append(_Block(start, "\n".join(lines), hint))
            lines, start, hint = [], 0, {}
    return blocks


def _protect_escapes(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text, flags=re.S)


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(char, char) for char in text)


def _import_block(block: _Block, state: _Import) -> None:
    text = _protect_escapes(block.text.strip())
    if text.startswith("$CATEGORY:"):
        state.note(block.line, "info", "gift-category", "Categories are not used; ignored.")
        return
    name = None
    if text.startswith("::") and "::" in text[2:]:
        name, text = text[2:].split("::", 1)
        name = " ".join(_restore(name).split())
    opening = text.find("{")
    closing = text.find("}", opening + 1) if opening >= 0 else text.find("}")
    if opening < 0 and closing < 0:
        _unsupported(block, state, "a description (text with no answers)")
        return
    if opening < 0 or closing < 0:
        state.note(block.line, "error", "gift-syntax", "A '{' or '}' is missing.",
                   "Put the answers between '{' and '}', or escape them as \\{ and \\}.")  # fmt: skip
        return
    after = text[closing + 1 :].strip()
    question_text = text[:opening].rstrip() + (f" _____ {after}" if after else "")
    answers = text[opening + 1 : closing].strip()
    answers, general = answers.rsplit("####", 1) if "####" in answers else (answers, "")
    _import_question(block, state, name, question_text, answers.strip(), general)


def _import_question(block, state, name, question_text, answers, general) -> None:
    fmt_match = _FORMAT.match(question_text)
    fmt = fmt_match.group(1).lower() if fmt_match else "moodle"
    question_text = question_text[fmt_match.end() :] if fmt_match else question_text
    read = _Reader(fmt)
    kind = _kind(answers)
    if kind in ("essay", "numerical"):
        _unsupported(block, state, f"an {kind} question" if kind == "essay" else "a numeric question")
        return
    prompt = read.markdown(question_text)
    title = name or (" ".join(prompt.split()) if _short(prompt) else "")
    title = title or f"Question {len(state.questions) + 1}"
    if prompt.strip() == title or (not name and _short(prompt)):
        prompt = ""
    built = {
        "choice": _choice, "true_false": _true_false, "matching": _matching,
        "short_answer": _short_answer,
    }[kind](answers, read, block, state)  # fmt: skip
    if built is None:
        return
    question_id = _question_id(block, state, name)
    state.ids.add(question_id)
    state.questions.append(
        QuestionData(id=question_id, title=title, prompt=prompt, prompt_html="",
                     explanation=read.plain(general), **built)
    )  # fmt: skip


def _short(text: str) -> bool:
    return bool(text.strip()) and "\n" not in text.strip() and len(text.strip()) <= 120


def _kind(answers: str) -> str:
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "choice"
    if "=" in answers and "->" in answers:
        return "matching"
    if answers.split("#", 1)[0].strip() in _TRUE_FALSE:
        return "true_false"
    return "short_answer"


class _Reader:
    """Turns GIFT text in one format into our plain text or Markdown."""

    def __init__(self, fmt: str):
        self.fmt = fmt

    def plain(self, raw: str) -> str:
        text = _restore(raw).strip()
        return html_to_text(text) if self.fmt in ("html", "moodle") else text

    def line(self, raw: str) -> str:
        return " ".join(self.plain(raw).split())

    def markdown(self, raw: str) -> str:
        return _restore(raw).strip() if self.fmt == "markdown" else self.plain(raw)


def _split_marked(answers: str, markers: str) -> list[tuple[str, str]]:
    """[(marker, text)] for each answer starting with one of `markers`."""
    parts = re.split(f"([{re.escape(markers)}])", answers)
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


def _choice(answers, read: _Reader, block, state) -> dict | None:
    single_mode = "=" in answers
    options = []
    for marker, raw in _split_marked(answers, "=~"):
        weight_match = _WEIGHT.match(raw)
        weight = Fraction(weight_match.group(1)) if weight_match else None
        raw = raw[weight_match.end() :] if weight_match else raw
        text, _, feedback = raw.partition("#")
        correct = marker == "=" or (weight is not None and (weight == 100 or not single_mode and weight > 0))
        if single_mode and weight is not None and 0 < weight < 100:
            state.note(block.line, "warning", "gift-changed",
                       f"'{read.line(text)}' was worth {weight}%; here it counts as wrong.",
                       "Our single-choice questions have one right answer.")  # fmt: skip
        options.append(OptionData(letter_id(len(options)), read.line(text), correct, read.plain(feedback)))
    correct = sum(o.correct for o in options)
    if len(options) < 2 or correct == 0:
        state.note(block.line, "error", "no-correct-answer",
                   "This question needs two answers and at least one right one; skipped.")  # fmt: skip
        return None
    if single_mode and correct > 1:
        state.note(block.line, "warning", "gift-changed",
                   "Several answers were each fully right; here a learner must choose all of them.")  # fmt: skip
    if not single_mode and correct > 1 and not block.hint:
        state.note(block.line, "info", "gift-partial-credit",
                   "Moodle scores multiple answers per option.",
                   "Set partial_credit: true in the quiz front matter to do the same.")  # fmt: skip
    return {"kind": "multiple" if correct > 1 else "single", "options": tuple(options)}


def _true_false(answers, read: _Reader, block, state) -> dict:
    answer, wrong_feedback, right_feedback = (answers.split("#", 2) + ["", ""])[:3]
    truth = _TRUE_FALSE[answer.strip()]
    feedback = {truth: read.plain(right_feedback), not truth: read.plain(wrong_feedback)}
    order = [False, True] if block.hint.get("order") == "false-true" else [True, False]
    options = tuple(
        OptionData(letter_id(i), "True" if value else "False", value == truth, feedback[value])
        for i, value in enumerate(order)
    )
    return {"kind": "true_false", "options": options}


def _short_answer(answers, read: _Reader, block, state) -> dict | None:
    accepted = []
    for _marker, raw in _split_marked("=" + answers.lstrip("="), "="):
        weight_match = _WEIGHT.match(raw)
        weight = Fraction(weight_match.group(1)) if weight_match else Fraction(100)
        raw = raw[weight_match.end() :] if weight_match else raw
        text, _, feedback = raw.partition("#")
        if weight != 100:
            state.note(block.line, "warning", "gift-changed",
                       f"The answer '{read.line(text)}' ({weight}%) was left out.",
                       "Short answers here are right or wrong.")  # fmt: skip
        elif read.line(text):
            accepted.append(read.line(text))
        if feedback.strip():
            state.note(block.line, "warning", "gift-changed",
                       "Feedback on short answers is not kept.", "Put it in the explanation.")  # fmt: skip
    if not accepted:
        state.note(block.line, "error", "gift-syntax", "No fully right answer; skipped.")
        return None
    return {"kind": "short_answer", "accepted_answers": tuple(accepted)}


def _matching(answers, read: _Reader, block, state) -> dict | None:
    pairs = []
    for _marker, raw in _split_marked("=" + answers.lstrip("="), "="):
        left, arrow, right = raw.partition("->")
        if not arrow or not read.line(right):
            state.note(block.line, "error", "gift-syntax", f"'{read.line(raw)}' is not 'left -> right'.")
        elif not read.line(left):
            state.note(block.line, "warning", "gift-changed",
                       f"The extra answer '{read.line(right)}' was left out.",
                       "Matching here has no distractor answers.")  # fmt: skip
        else:
            pairs.append(PairData(letter_id(len(pairs)), read.line(left), read.line(right)))
    if len(pairs) < 2:
        state.note(block.line, "error", "too-few-pairs", "A matching question needs two pairs; skipped.")
        return None
    return {"kind": "matching", "pairs": tuple(pairs)}


def _question_id(block: _Block, state: _Import, name: str | None) -> str:
    wanted = block.hint.get("id", "")
    if not ID_PATTERN.match(wanted):
        wanted = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")[:40].strip("-")
    wanted = wanted or f"q{len(state.questions) + 1}"
    candidate, number = wanted, 2
    while candidate in state.ids:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate


def _unsupported(block: _Block, state: _Import, what: str) -> None:
    state.note(block.line, "warning", "gift-unsupported", f"Skipped {what}: not supported.",
               "Rewrite it as a choice, true/false, short-answer or matching question.")  # fmt: skip
