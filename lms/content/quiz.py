"""The quiz file (`quiz.md`): front matter settings and `###` questions, as docs/authoring.md.

Parsing is two steps: `_drafts` reads lines into loose question drafts (heading, prompt,
options with feedback, `= answers`, `left => right` pairs, `Explanation:`), then
`_build_question` decides the kind and reports every mistake with its line.
"""

import re
from dataclasses import replace

from lms.content import frontmatter
from lms.content.data import REVEAL_RULES, OptionData, PairData, QuestionData, QuizData
from lms.content.frontmatter import FieldReader
from lms.content.itemmeta import (
    ItemContext,
    is_meta_comment,
    looks_like_meta,
    misplaced,
    parse_meta,
)
from lms.content.quiz_rules import (
    Draft,
    DraftOption,
    Reporter,
    finding,
    letter_id,
    numeric_answers,
    question_kind,
)
from lms.content.render import LinkResolver, render_markdown
from lms.findings import Finding, has_errors

QUIZ_KEYS = (
    "title",
    "pass_mark",
    "questions_per_attempt",
    "shuffle",
    "attempts_allowed",
    "reveal",
    "partial_credit",
)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_HEADING = re.compile(r"^###(?:[ \t]+(.*?))?[ \t]*$")
_HEADING_ID = re.compile(r"^(.*?)[ \t]*\{#([^{}]*)\}$")
_FENCE = re.compile(r"^[ \t]{0,3}(?:`{3,}|~{3,})")
_OPTION = re.compile(r"^[-*+][ \t]+\[([ xX])\](?:[ \t]+(.*)|[ \t]*)$")
_PAIR = re.compile(r"^[-*+][ \t]+(.*?)[ \t]*=>[ \t]*(.*)$")
_NUMERIC = re.compile(r"^=[ \t]*number:[ \t]*(.*)$", re.I)
_ANSWER = re.compile(r"^=(?![=>])[ \t]*(.*)$")
_FEEDBACK = re.compile(r"^[ \t]*>[ \t]?(.*)$")
_CONTINUATION = re.compile(r"^[ \t]{2,}(\S.*)$")
_COMMENT_LINE = re.compile(r"^[ \t]*(?:<!--.*?-->[ \t]*)+$")
_EXPLANATION = re.compile(r"^Explanation:[ \t]*(.*)$", re.I)


def looks_like_quiz(text: str) -> bool:
    """True when Markdown text reads as a quiz: quiz front matter keys or answered questions."""
    raw, _body, _line = frontmatter.split(text)
    if raw and re.search(
        r"^(?:pass_mark|questions_per_attempt|reveal|attempts_allowed):", raw, re.M
    ):
        return True
    return bool(re.search(r"^###[ \t]", text, re.M)) and bool(
        re.search(r"^(?:[-*+][ \t]+\[[ xX]\]|=[ \t]*\S|[-*+][ \t].*=>)", text, re.M)
    )


def parse_quiz(
    text: str,
    path: str = "quiz.md",
    link_base: LinkResolver | None = None,
    context: ItemContext | None = None,
) -> tuple[QuizData | None, list[Finding]]:
    """Parse quiz Markdown. Returns (None, findings) when any finding is an error.

    `context` (the course's objectives and lessons) is what item metadata is checked against.
    """
    findings: list[Finding] = []
    front = frontmatter.read(text, path, findings)
    frontmatter.check_keys(front, QUIZ_KEYS, (), findings)
    fields = FieldReader(front, findings)
    drafts = _drafts(front.body, front.body_line, path, findings)
    questions = _build_questions(drafts, path, link_base, context, findings)
    if not drafts:
        findings.append(finding(path, front.body_line, "no-questions"))
    per_attempt = _whole(fields, "questions_per_attempt", 1, 10_000)
    if per_attempt is not None and drafts and per_attempt > len(drafts):
        line = fields.line("questions_per_attempt")[0]
        findings.append(
            finding(path, line, "too-many-questions", wanted=per_attempt, pool=_count(len(drafts)))
        )
    quiz = QuizData(
        title=fields.text(fields.node("title"), "title") or "Quiz",
        pass_mark=_whole(fields, "pass_mark", 1, 100) or 75,
        questions_per_attempt=per_attempt,
        shuffle=fields.boolean(fields.node("shuffle"), "shuffle", True),
        attempts_allowed=_whole(fields, "attempts_allowed", 0, 1000) or 0,
        reveal=_reveal(fields),
        partial_credit=fields.boolean(fields.node("partial_credit"), "partial_credit", False),
        questions=tuple(questions),
    )
    if has_errors(findings):
        return None, findings
    return quiz, findings


def _reveal(fields: FieldReader) -> str:
    """When answers are shown; after_passing unless the quiz says otherwise (a course quiz
    that shows them after each attempt is warned about by lms/content/itemcheck.py)."""
    return fields.choice(fields.node("reveal"), "reveal", REVEAL_RULES, "choice") or "after_passing"


def _whole(fields: FieldReader, key: str, low: int, high: int) -> int | None:
    return fields.whole(fields.node(key), key, low, high)


def _drafts(body: str, first_line: int, path: str, findings: list[Finding]) -> list[Draft]:
    """Split the body at `###` headings (outside code fences) and read each question's lines."""
    drafts: list[Draft] = []
    before: list[int] = []
    in_fence = False
    state: dict = {}
    for number, line in enumerate(body.split("\n"), start=first_line):
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            drafts.append(Draft(number, _one_line(heading.group(1) or "")))
            state = {"target": None, "last": None, "in_explanation": False, "fence": False}
            continue
        if drafts:
            _read_line(drafts[-1], state, number, line)
        elif line.strip() and not _COMMENT_LINE.match(line):
            before.append(number)
        if _FENCE.match(line):
            in_fence = not in_fence
    if before:
        findings.append(finding(path, before[0], "stray-text-before"))
    return drafts


_TRAILING_ALLOW = re.compile(r"[ \t]*<!--\s*language:\s*allow\s*-->[ \t]*$")


def _read_line(draft: Draft, state: dict, number: int, line: str) -> None:
    """Add one line to a question draft; `state` remembers what the previous line was."""
    fence = _FENCE.match(line)
    if state["fence"] or (fence and not _has_answers(draft)):
        draft.prompt.append(line)
        state["fence"] = state["fence"] != bool(fence)
        return
    if _COMMENT_LINE.match(line):
        # Language markers and other comments are not part of a question; the first comment
        # under the heading is the item's metadata (lms/content/itemmeta.py).
        if draft.meta is None and not _started(draft) and is_meta_comment(line):
            draft.meta = (number, line)
        elif looks_like_meta(line):
            draft.misplaced_meta.append(number)
        return
    # A line-end language marker belongs to the checker, not to the text a learner sees.
    line = _TRAILING_ALLOW.sub("", line)
    if state["in_explanation"]:
        if line.strip():
            draft.explanation.append(line.strip())
        else:
            state["in_explanation"] = False
        return
    if _read_answer_line(draft, state, number, line):
        return
    if not _has_answers(draft):
        draft.prompt.append(line)  # blank lines too: the prompt may have paragraphs
    elif line.strip():
        draft.stray.append(number)


def _read_answer_line(draft: Draft, state: dict, number: int, line: str) -> bool:
    """Read an answer-part line (option, number, feedback, pair, answer, explanation); False if
    none. `state["target"]` is the option or number answer that feedback lines belong to."""
    target = state["target"]
    if match := _EXPLANATION.match(line):
        if draft.explanation:
            draft.stray.append(number)
        draft.explanation.append(match.group(1).strip())
        state["in_explanation"] = True
    elif match := _OPTION.match(line):
        text = _one_line(match.group(2) or "")
        draft.options.append(DraftOption(number, match.group(1) != " ", text))
        state["target"], state["last"] = draft.options[-1], "option"
    elif match := _NUMERIC.match(line):
        draft.numbers.append(DraftOption(number, True, _one_line(match.group(1))))
        state["target"], state["last"] = draft.numbers[-1], "number"
    elif match := _PAIR.match(line):
        draft.pairs.append((number, _one_line(match.group(1)), _one_line(match.group(2))))
        state["target"] = None
    elif match := _ANSWER.match(line):
        draft.answers.append((number, _one_line(match.group(1))))
        state["target"] = None
    elif target and (match := _FEEDBACK.match(line)):
        target.feedback.append(match.group(1).rstrip())
        state["last"] = "feedback"
    elif target and (match := _CONTINUATION.match(line)):
        _continue(target, state["last"], match.group(1).strip())
    else:
        return False
    return True


def _continue(option: DraftOption, last: str, text: str) -> None:
    if last == "feedback":
        option.feedback.append(text)
    else:
        option.text = _one_line(f"{option.text} {text}")


def _count(questions: int) -> str:
    return f"{questions} question" + ("" if questions == 1 else "s")


def _one_line(text: str) -> str:
    """Single-line fields (titles, options, answers, pairs) with runs of spaces collapsed."""
    return " ".join(text.split())


def _started(draft: Draft) -> bool:
    return any(line.strip() for line in draft.prompt) or _has_answers(draft)


def _has_answers(draft: Draft) -> bool:
    return bool(draft.options or draft.answers or draft.pairs or draft.numbers or draft.explanation)


def _build_questions(
    drafts: list[Draft],
    path: str,
    link_base: LinkResolver | None,
    context: ItemContext | None,
    findings: list[Finding],
) -> list[QuestionData]:
    questions = []
    seen: dict[str, int] = {}
    for position, draft in enumerate(drafts, start=1):
        question = _build_question(draft, position, path, link_base, findings)
        question = _with_meta(question, draft, path, context, findings)
        if question.id in seen:
            first = seen[question.id]
            findings.append(finding(path, draft.line, "duplicate-id", id=question.id, first=first))
        seen.setdefault(question.id, draft.line)
        questions.append(question)
    return questions


def _build_question(
    draft: Draft, position: int, path: str, link_base: LinkResolver | None, findings: list
) -> QuestionData:
    report = Reporter(path, draft.line, findings)
    title, question_id = _heading(draft, position, report)
    kind = question_kind(draft, report)
    prompt = "\n".join(draft.prompt).strip("\n")
    explanation = "\n".join(draft.explanation).strip()
    if not explanation:
        report.at(draft.line, "missing-explanation")
    for line in draft.stray:
        report.at(line, "stray-text")
    return QuestionData(
        id=question_id,
        kind=kind,
        title=title,
        prompt=prompt,
        prompt_html=render_markdown(prompt, link_base, document=path) if prompt.strip() else "",
        options=tuple(
            OptionData(letter_id(i), o.text, o.correct, "\n".join(o.feedback).strip())
            for i, o in enumerate(draft.options)
        ),
        accepted_answers=tuple(text for _line, text in draft.answers),
        pairs=tuple(
            PairData(letter_id(i), left, right) for i, (_l, left, right) in enumerate(draft.pairs)
        ),
        numbers=numeric_answers(draft, report) if kind == "numeric" else (),
        explanation=explanation,
    )


def _with_meta(
    question: QuestionData,
    draft: Draft,
    path: str,
    context: ItemContext | None,
    findings: list[Finding],
) -> QuestionData:
    """The question with its metadata comment read (and its heading line kept for checks)."""
    findings += [misplaced(path, line) for line in draft.misplaced_meta]
    if draft.meta is None:
        return replace(question, line=draft.line)
    meta = parse_meta(draft.meta[1], draft.meta[0], path, context, findings)
    return replace(
        question,
        item_kind=meta.item_kind,
        objective=meta.objective,
        review=meta.review,
        source=meta.source,
        line=draft.line,
    )


def _heading(draft: Draft, position: int, report: Reporter) -> tuple[str, str]:
    title, question_id = draft.heading, f"q{position}"
    if match := _HEADING_ID.match(draft.heading):
        title, question_id = match.group(1).strip(), match.group(2).strip()
        if not ID_PATTERN.match(question_id):
            report.at(draft.line, "bad-id", id=question_id)
    if not title:
        report.at(draft.line, "missing-title")
    return title, question_id
