"""The rules a quiz question must follow, and what the parser says about each mistake.

`question_kind` decides a question's kind from its draft (what `quiz.py` read from the lines)
and reports every mistake through a `Reporter`; the MESSAGES table keeps the wording in one
place.
"""

from dataclasses import dataclass, field, replace

from lms.content.data import NumberData
from lms.content.numeric import SPEC_HELP, NumberProblem, read_spec
from lms.findings import Finding

# code: (severity, message, suggestion) — message and suggestion may use {placeholders}.
MESSAGES = {
    "no-questions": ("error", "The quiz has no questions.", "Start each question with '### '."),
    "stray-text-before": (
        "warning",
        "Text before the first question is not shown to learners.",
        "Move it into a question, or into course.md or a lesson.",
    ),
    "too-many-questions": (
        "error",
        "questions_per_attempt is {wanted} but the quiz has {pool}.",
        "Write more questions or lower questions_per_attempt.",
    ),
    "duplicate-id": (
        "error",
        "The question id '{id}' is already used on line {first}.",
        "Give every question its own {{#id}}.",
    ),
    "missing-explanation": (
        "warning",
        "This question has no explanation.",
        "Add an 'Explanation:' line saying why the right answer is right.",
    ),
    "stray-text": (
        "warning",
        "This text after the answers is not shown.",
        "Move it above the answers, into an option's feedback, or into Explanation:.",
    ),
    "bad-id": (
        "error",
        "'{id}' is not a usable question id.",
        "Use lower-case letters, digits and hyphens, like {{#gift-card}}.",
    ),
    "missing-title": (
        "error",
        "The question heading has no text.",
        "Write a short title or the whole question after '### '.",
    ),
    "no-answers": (
        "error",
        "This question has no answers.",
        "Add '- [ ]' options, '= answer' or '= number: 3.5' lines, or '- left => right' pairs.",
    ),
    "mixed-answers": (
        "error",
        "This question mixes options, '=' answers, '= number:' answers and '=>' pairs.",
        "Use one way of answering per question.",
    ),
    "empty-answer": ("error", "This '=' line has no answer.", "Write the answer after '= '."),
    "empty-option": ("error", "This option has no text.", "Write the option after '- [ ] '."),
    "missing-feedback": (
        "warning",
        "This option has no feedback.",
        "Add a line under it: two spaces, '> ', then why it is right or wrong.",
    ),
    "true-false-options": (
        "error",
        "A true/false question needs exactly two options, True and False.",
        "Write '- [x] True' and '- [ ] False' (or the other way round) and nothing else.",
    ),
    "true-false-spelling": (
        "warning",
        "Write the options of a true/false question exactly as True and False.",
        "Use 'True' and 'False', capitalised, without a full stop.",
    ),
    "true-false-both": (
        "error",
        "Both True and False are marked correct.",
        "Mark only the right one with '- [x]'.",
    ),
    "too-few-options": (
        "error",
        "A choice question needs at least two options.",
        "Add another '- [ ]' option.",
    ),
    "no-correct-answer": (
        "error",
        "No option is marked correct.",
        "Mark the right option with '- [x]'.",
    ),
    "too-few-pairs": (
        "error",
        "A matching question needs at least two pairs.",
        "Add another '- left part => right part' line.",
    ),
    "bad-number": ("error", "{problem}", SPEC_HELP),
    "no-full-credit": (
        "error",
        "No answer to this numeric question is worth 100%, so no one could get it fully right.",
        "Leave the share off the right answer (or write (100%)).",
    ),
    "bad-pair": ("error", "This pair is missing a side.", "Write '- left part => right part'."),
}


def finding(path: str, line: int, code: str, **values) -> Finding:
    """A finding from the MESSAGES table; the code's first word is the finding code."""
    severity, message, suggestion = MESSAGES[code]
    name = "stray-text" if code == "stray-text-before" else code
    name = "true-false-options" if code.startswith("true-false") else name
    return Finding(
        path, line, 1, severity, name, message.format(**values), suggestion.format(**values)
    )


@dataclass
class DraftOption:
    line: int
    correct: bool
    text: str
    feedback: list[str] = field(default_factory=list)


@dataclass
class Draft:
    line: int
    heading: str
    prompt: list[str] = field(default_factory=list)
    options: list[DraftOption] = field(default_factory=list)
    answers: list[tuple[int, str]] = field(default_factory=list)
    numbers: list[DraftOption] = field(default_factory=list)  # '= number:' lines
    pairs: list[tuple[int, str, str]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    stray: list[int] = field(default_factory=list)
    meta: tuple[int, str] | None = None  # the metadata comment under the heading (line, text)
    misplaced_meta: list[int] = field(default_factory=list)


def letter_id(index: int) -> str:
    """a, b, …, z, aa, ab, … for index 0, 1, …"""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


@dataclass
class Reporter:
    path: str
    line: int
    findings: list

    def at(self, line: int, code: str, **values) -> None:
        self.findings.append(finding(self.path, line, code, **values))


def question_kind(draft: Draft, report: Reporter) -> str:
    """The question kind, reporting a question whose answers do not make one kind."""
    present = [bool(draft.options), bool(draft.answers), bool(draft.pairs), bool(draft.numbers)]
    if sum(present) == 0:
        report.at(draft.line, "no-answers")
        return "single"
    if sum(present) > 1:
        report.at(draft.line, "mixed-answers")
    if draft.options:
        return _choice_kind(draft, report)
    if draft.answers:
        for line, text in draft.answers:
            if not text:
                report.at(line, "empty-answer")
        return "short_answer"
    if draft.numbers:
        return "numeric"
    _check_pairs(draft, report)
    return "matching"


def _choice_kind(draft: Draft, report: Reporter) -> str:
    options = draft.options
    correct = sum(o.correct for o in options)
    for option in options:
        if not option.text:
            report.at(option.line, "empty-option")
        elif not option.feedback:
            report.at(option.line, "missing-feedback")
    words = [o.text.strip().rstrip(".").lower() for o in options]
    if sorted(words) == ["false", "true"]:
        return _true_false(draft, correct, report)
    if "true" in words or "false" in words:
        report.at(draft.line, "true-false-options")
    if len(options) < 2:
        report.at(draft.line, "too-few-options")
    if correct == 0:
        report.at(draft.line, "no-correct-answer")
    return "multiple" if correct > 1 else "single"


def _true_false(draft: Draft, correct: int, report: Reporter) -> str:
    if [o.text for o in draft.options] not in (["True", "False"], ["False", "True"]):
        report.at(draft.line, "true-false-spelling")
    if correct == 0:
        report.at(draft.line, "no-correct-answer")
    elif correct == 2:
        report.at(draft.line, "true-false-both")
    return "true_false"


def _check_pairs(draft: Draft, report: Reporter) -> None:
    if len(draft.pairs) < 2:
        report.at(draft.line, "too-few-pairs")
    for line, left, right in draft.pairs:
        if not left or not right:
            report.at(line, "bad-pair")


def numeric_answers(draft: Draft, report: Reporter) -> tuple[NumberData, ...]:
    """The '= number:' answers, each mistake reported on its own line (lms/content/numeric.py
    says what a number, a tolerance, a range and a share may be)."""
    answers = []
    for line in draft.numbers:
        try:
            answer = read_spec(line.text)
        except NumberProblem as problem:
            report.at(line.line, "bad-number", problem=str(problem))
            continue
        answers.append(replace(answer, feedback="\n".join(line.feedback).strip()))
    complete = answers and len(answers) == len(draft.numbers)
    if complete and not any(answer.credit == "100" for answer in answers):
        report.at(draft.line, "no-full-credit")
    return tuple(answers)
