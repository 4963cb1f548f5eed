"""Write a `QuizData` back out as quiz Markdown (used by GIFT import).

The output parses back to the same questions: every question gets an explicit `{#id}`, and
prompt lines that would read as answers are protected with an HTML character reference.
"""

import json
import re

from lms.content.data import QuestionData, QuizData
from lms.content.itemmeta import meta_comment
from lms.content.numeric import write_spec
from lms.content.quiz import ID_PATTERN

_FORMATTED = re.compile(r"[*`\\]|\]\(|<")
_STRUCTURAL = re.compile(
    r"^(?:###(?:[ \t]|$)|[-*+][ \t]+\[[ xX]\]|[-*+][ \t].*=>|=(?![=>])|Explanation:)", re.I
)


def write_quiz(quiz: QuizData) -> str:
    """Quiz Markdown for `quiz`, front matter first."""
    settings = [
        f"title: {json.dumps(quiz.title, ensure_ascii=False)}",
        f"pass_mark: {quiz.pass_mark}",
    ]
    if quiz.questions_per_attempt is not None:
        settings.append(f"questions_per_attempt: {quiz.questions_per_attempt}")
    settings += [
        f"shuffle: {'true' if quiz.shuffle else 'false'}",
        f"attempts_allowed: {quiz.attempts_allowed}",
        f"reveal: {quiz.reveal}",
        f"partial_credit: {'true' if quiz.partial_credit else 'false'}",
    ]
    parts = ["---\n" + "\n".join(settings) + "\n---\n"]
    parts += [write_question(question) for question in quiz.questions]
    return "\n".join(parts)


def write_question(question: QuestionData) -> str:
    """One `###` question with its prompt, answers and explanation."""
    lines = [f"### {one_line(question.title)} {{#{question.id}}}"]
    lines += [meta_comment(question)] if meta_comment(question) else []
    prompt = [protect(line) for line in question.prompt.split("\n")] if question.prompt else []
    if prompt:
        lines += prompt + [""]
    for option in question.options:
        lines.append(f"- [{'x' if option.correct else ' '}] {one_line(option.text)}")
        if option.feedback:
            lines += [f"  > {line}".rstrip() for line in option.feedback.split("\n")]
    lines += [f"= {one_line(answer)}" for answer in question.accepted_answers]
    lines += [f"- {one_line(pair.left)} => {one_line(pair.right)}" for pair in question.pairs]
    for answer in question.numbers:
        lines.append(f"= number: {write_spec(answer)}")
        if answer.feedback:
            lines += [f"  > {line}".rstrip() for line in answer.feedback.split("\n")]
    explanation = [line.strip() for line in question.explanation.split("\n") if line.strip()]
    if explanation:
        lines += ["", f"Explanation: {explanation[0]}"] + explanation[1:]
    return "\n".join(lines) + "\n"


def one_line(text: str) -> str:
    return " ".join(text.split())


def protect(line: str) -> str:
    """A prompt line that would read as quiz structure gets its first character escaped."""
    stripped = line.lstrip()
    if not _STRUCTURAL.match(stripped):
        return line
    indent = line[: len(line) - len(stripped)]
    return f"{indent}&#{ord(stripped[0])};{stripped[1:]}"


def title_and_prompt(name: str | None, prompt: str, position: int) -> tuple[str, str]:
    """An imported question's title and prompt: the name, or a short one-line text as the
    title (then not repeated as the prompt), or "Question N"."""
    short = bool(prompt.strip()) and "\n" not in prompt.strip() and len(prompt.strip()) <= 120
    # A prompt with formatting, links or images stays a prompt: a title is plain text.
    short = short and not _FORMATTED.search(prompt)
    title = name or (" ".join(prompt.split()) if short else "") or f"Question {position}"
    if prompt.strip() == title or (not name and short):
        prompt = ""
    return title, prompt


def unique_id(wanted: str, name: str | None, taken: set[str], position: int) -> str:
    """A question id for an imported question: `wanted` when usable, else one made from the
    name, else qN; suffixed -2, -3 … while `taken` has it."""
    if not ID_PATTERN.match(wanted):
        wanted = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")[:40].strip("-")
    wanted = wanted or f"q{position}"
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate
