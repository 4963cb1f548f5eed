"""Moodle GIFT → quiz Markdown (import), and quiz → GIFT (export, in gift_export.py).

Supported: categories (noted and ignored), `::titles::`, `[html]`/`[moodle]`/`[plain]`/
`[markdown]` text, escapes (`\\= \\: \\# \\~ \\{ \\} \\\\ \\n`), `//` comment lines, multiple
choice with `=`/`~` and weights (`~%50%`, `~%-25%`: positive weights are correct answers),
true/false, short answer, matching, numeric (`{#3.5:0.1}`, `{#3..4}`, several `=%50%` answers),
per-answer `#feedback` and general `####feedback` (which becomes the explanation). HTML text
becomes Markdown (lms/content/htmlmd.py); what it loses and every image GIFT cannot carry are
reported at the question's line. Essay and description questions are reported and skipped;
anything our format cannot hold is reported, never silently changed.
"""

import re
from dataclasses import dataclass, field

from lms.content.data import QuestionData, QuizData
from lms.content.gift_answers import READERS, Reader, answer_kind, protect_escapes, restore
from lms.content.gift_export import export_gift
from lms.content.itemmeta import from_hint
from lms.content.quiz_writer import title_and_prompt, unique_id, write_quiz
from lms.findings import Finding

__all__ = ["export_gift", "import_gift"]

_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_HINT = re.compile(r"^\s*//\s*peerpath:\s*(.*)$")


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
        title=title,
        pass_mark=75,
        questions_per_attempt=None,
        shuffle=True,
        attempts_allowed=0,
        reveal="after_passing",
        partial_credit=False,
        questions=tuple(state.questions),
    )
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


def _import_block(block: _Block, state: _Import) -> None:
    text = protect_escapes(block.text.strip())
    if text.startswith("$CATEGORY:"):
        state.note(block.line, "info", "gift-category", "Categories are not used; ignored.")
        return
    name = None
    if text.startswith("::") and "::" in text[2:]:
        name, text = text[2:].split("::", 1)
        name = " ".join(restore(name).split())
    opening = text.find("{")
    closing = text.find("}", opening + 1) if opening >= 0 else text.find("}")
    if opening < 0 and closing < 0:
        _unsupported(block, state, "a description (text with no answers)")
        return
    if opening < 0 or closing < 0:
        state.note(
            block.line,
            "error",
            "gift-syntax",
            "A '{' or '}' is missing.",
            "Put the answers between '{' and '}', or escape them as \\{ and \\}.",
        )
        return
    after = text[closing + 1 :].strip()
    question_text = text[:opening].rstrip() + (f" _____ {after}" if after else "")
    answers = text[opening + 1 : closing].strip()
    answers, general = answers.rsplit("####", 1) if "####" in answers else (answers, "")
    _import_question(block, state, name, question_text, answers.strip(), general)


def _import_question(block, state, name, question_text, answers, general) -> None:
    fmt_match = _FORMAT.match(question_text)
    read = Reader(fmt_match.group(1).lower() if fmt_match else "moodle")
    question_text = question_text[fmt_match.end() :] if fmt_match else question_text
    kind = answer_kind(answers)
    if kind == "essay":
        _unsupported(block, state, "an essay question")
        return
    title, prompt = title_and_prompt(name, read.markdown(question_text), len(state.questions) + 1)

    def note(severity: str, code: str, message: str, suggestion: str = "") -> None:
        state.note(block.line, severity, code, message, suggestion)

    fields = READERS[kind](answers, read, note, block.hint)
    if fields is None:
        return
    question_id = unique_id(block.hint.get("id", ""), name, state.ids, len(state.questions) + 1)
    state.ids.add(question_id)
    explanation = read.plain(general)
    state.findings += read.html.findings(state.path, block.line, title)
    state.questions.append(
        QuestionData(
            id=question_id,
            title=title,
            prompt=prompt,
            prompt_html="",
            explanation=explanation,
            **fields,
            **from_hint(block.hint),
        )
    )


def _unsupported(block: _Block, state: _Import, what: str) -> None:
    state.note(
        block.line,
        "warning",
        "gift-unsupported",
        f"Skipped {what}: not supported.",
        "Rewrite it as a choice, true/false, short-answer or matching question.",
    )
