"""Item-writing checks on a parsed quiz: cues that let a learner pass without knowing the answer.

From published item-writing guidance:

- Haladyna, T. M., Downing, S. M. & Rodriguez, M. C. (2002). "A review of multiple-choice
  item-writing guidelines for classroom assessment." Applied Measurement in Education 15(3),
  309–333 (keep options about the same length, balance the key's position, avoid "all/none of
  the above", word the stem positively and emphasise a negative when one is needed, make
  every option distinct and plausible).
- National Board of Medical Examiners (NBME), "Constructing Written Test Questions for the
  Basic and Clinical Sciences" / NBME Item-Writing Guide (technical item flaws that help the
  test-wise: the longest or most detailed option is the answer; "none of the above"; absolute
  and negative stems; application items rather than recall).

Each finding says what to change. They are warnings; `strict=True` (`courses check --strict`)
makes them errors and also asks every item for a `review:` lesson. Key position on a shuffled
quiz stays a warning even then: learners see the options shuffled, but the written order still
shows the writer's habit and comes back whenever shuffling is off or the quiz is exported.
"""

import re
from collections import Counter
from statistics import mean

from lms.content.data import QuestionData, QuizData
from lms.findings import Finding

LONGEST_SHARE = 0.35  # the key may be the longest option in at most this share of items
LONGEST_MIN_ITEMS = 5
POSITION_FACTOR = 1.6  # a position may hold the key at most 1.6 × its expected share
POSITION_MIN_ITEMS = 6
LONG_OPTION_FACTOR = 1.6  # an option over 1.6 × the others' mean length …
LONG_OPTION_CHARS = 40  # … and over 40 characters longer than it stands out
APPLIED_SHARE = 0.5

ITEM_CODES = (
    "key-longest",
    "key-position",
    "all-none-of-the-above",
    "long-option",
    "negative-stem",
    "duplicate-options",
    "small-pool",
    "few-applied-items",
    "missing-review",
    "reveal-each-attempt",
)

_ABOVE = re.compile(r"\b(?:all|none|both|neither) of the (?:above|options|answers|these)\b", re.I)
_NEGATIVE = re.compile(r"(?<![\w*_])([*_]{0,2})(not|except|never|least|false)\1(?![\w*_])", re.I)
_QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
_SENTENCE = re.compile(r"(?<=[.?!:])\s+|\n\s*\n")
_NOT_NEGATIVE = re.compile(r"\bat least\b|^\s*true or false\b", re.I | re.M)


def check_items(quiz: QuizData, path: str, *, strict: bool = False) -> list[Finding]:
    """Findings about the writing of `quiz`'s items (see the module docstring)."""
    severity = "error" if strict else "warning"
    findings = _quiz_findings(quiz, path)
    for question in quiz.questions:
        findings += _item_findings(question, path, strict)
    result = []
    for item in findings:
        keep = item.code == "key-position" and quiz.shuffle
        result.append(item if keep else _with_severity(item, severity))
    return _reveal(quiz, path) + result


def _reveal(quiz: QuizData, path: str) -> list[Finding]:
    """A warning (in both modes: old versions rely on it) for answers shown after every try."""
    if quiz.reveal != "after_each_attempt":
        return []
    return [
        _finding(
            path,
            0,
            "reveal-each-attempt",
            "reveal: after_each_attempt shows the answers after every attempt, so a learner can "
            "pass by repetition instead of by learning.",
            "Write 'reveal: after_passing' (the default) or 'reveal: never'; learners who fail "
            "are shown the lessons to review instead.",
        )
    ]


def single_answer(quiz: QuizData) -> list[QuestionData]:
    """The items with one keyed option among several written ones."""
    return [q for q in quiz.questions if q.kind == "single"]


def longest_ids(question: QuestionData) -> set[str]:
    """The options of greatest length (ties: all of them)."""
    longest = max(len(o.text) for o in question.options)
    return {o.id for o in question.options if len(o.text) == longest}


def _quiz_findings(quiz: QuizData, path: str) -> list[Finding]:
    return _key_longest(quiz, path) + _key_position(quiz, path) + _pool(quiz, path)


def _key_longest(quiz: QuizData, path: str) -> list[Finding]:
    items = single_answer(quiz)
    if len(items) < LONGEST_MIN_ITEMS:
        return []
    hits = sum(1 for q in items if _key(q) in longest_ids(q))
    if hits <= LONGEST_SHARE * len(items):
        return []
    return [
        _finding(
            path,
            0,
            "key-longest",
            f"The right answer is the longest option in {hits} of {len(items)} single-answer "
            f"items ({hits * 100 // len(items)}%), so guessing the longest passes.",
            "Shorten the keyed options or give distractors the same detail, until the key is "
            f"the longest in no more than {LONGEST_SHARE:.0%} of items.",
        )
    ]


def _key_position(quiz: QuizData, path: str) -> list[Finding]:
    items = single_answer(quiz)
    if len(items) < POSITION_MIN_ITEMS:
        return []
    held = Counter(_position(q) for q in items)
    findings = []
    for position, count in sorted(held.items()):
        expected = sum(1 / len(q.options) for q in items if len(q.options) > position)
        if count > POSITION_FACTOR * expected:
            shuffled = (
                " Shuffling hides this from learners, but the written order returns whenever "
                "shuffle is off or the quiz is exported."
                if quiz.shuffle
                else ""
            )
            findings.append(
                _finding(
                    path,
                    0,
                    "key-position",
                    f"Option {position + 1} is the right answer in {count} of {len(items)} "
                    f"single-answer items (about {expected:.1f} expected).{shuffled}",
                    "Move some keys to other positions so each position holds about its share.",
                )
            )
    return findings


def _pool(quiz: QuizData, path: str) -> list[Finding]:
    findings = []
    pool = len(quiz.questions)
    drawn = quiz.questions_per_attempt or pool
    if pool < 2 * drawn:
        findings.append(
            _finding(
                path,
                0,
                "small-pool",
                f"The pool holds {pool} items and each attempt draws {drawn}, so a retake "
                "repeats questions the learner has just seen.",
                f"Write at least {2 * drawn - pool} more items, or lower questions_per_attempt "
                f"to {pool // 2} or less.",
            )
        )
    applied = sum(1 for q in quiz.questions if q.item_kind == "applied")
    if pool and applied < APPLIED_SHARE * pool:
        findings.append(
            _finding(
                path,
                0,
                "few-applied-items",
                f"Only {applied} of {pool} items are marked 'kind: applied'.",
                "Rewrite recall items as short cases ('A participant tells you …; what do you "
                "do first?') until at least half are applied, and mark them "
                "'<!-- kind: applied -->'.",
            )
        )
    return findings


def _item_findings(question: QuestionData, path: str, strict: bool) -> list[Finding]:
    findings = []
    line = question.line
    if question.options:
        findings += _above(question, path) + _long_option(question, path)
        findings += _duplicates(question, path)
    findings += _negative(question, path)
    if strict and not question.review:
        findings.append(
            _finding(
                path,
                line,
                "missing-review",
                "This item names no lesson to review when it is missed.",
                "Add 'review: <lesson file name without .md>' to the comment under the heading.",
            )
        )
    return findings


def _above(question: QuestionData, path: str) -> list[Finding]:
    return [
        _finding(
            path,
            question.line,
            "all-none-of-the-above",
            f"Option {n} is '{o.text}'.",
            "Replace it with a plausible answer of its own; 'all/none of the above' can be "
            "answered by spotting one right or wrong option.",
        )
        for n, o in enumerate(question.options, start=1)
        if _ABOVE.search(o.text)
    ]


def _long_option(question: QuestionData, path: str) -> list[Finding]:
    findings = []
    for n, option in enumerate(question.options, start=1):
        others = [len(o.text) for o in question.options if o is not option]
        if not others:
            continue
        rest = mean(others)
        length = len(option.text)
        if length > LONG_OPTION_FACTOR * rest and length - rest > LONG_OPTION_CHARS:
            findings.append(
                _finding(
                    path,
                    question.line,
                    "long-option",
                    f"Option {n} has {length} characters; the others average {rest:.0f}.",
                    "Make the options about the same length: shorten this one or give the "
                    "others the same detail.",
                )
            )
    return findings


def _negative(question: QuestionData, path: str) -> list[Finding]:
    plain = [
        m.group(0)
        for m in _NEGATIVE.finditer(_asking(question))
        if not m.group(1) and not m.group(2).isupper()
    ]
    if not plain:
        return []
    return [
        _finding(
            path,
            question.line,
            "negative-stem",
            f"The question asks in the negative ('{plain[0]}') without emphasis.",
            f"Ask positively if you can; if not, emphasise it: **{plain[0].upper()}**.",
        )
    ]


def _asking(question: QuestionData) -> str:
    """The sentences of the stem that ask (end in '?'), else its last sentence.

    A negative in a case's story ("she has not signed a consent") or in someone's quoted words
    is no cue; one in the question itself ("Which is not …?") is the flaw the guidance names.
    The heading is the stem only when there is no prompt (otherwise it is a label).
    """
    stem = question.prompt if question.prompt.strip() else question.title
    stem = _NOT_NEGATIVE.sub(" ", _QUOTED.sub(" ", stem))
    sentences = [s for s in _SENTENCE.split(stem) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    return "\n".join(asking or sentences[-1:])


def _duplicates(question: QuestionData, path: str) -> list[Finding]:
    counts = Counter(_normal(o.text) for o in question.options)
    twins = [o.text for o in question.options if counts[_normal(o.text)] > 1]
    if not twins:
        return []
    return [
        _finding(
            path,
            question.line,
            "duplicate-options",
            f"Two options say the same thing: '{twins[0]}'.",
            "Replace one with a different plausible answer.",
        )
    ]


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _key(question: QuestionData) -> str:
    return next(o.id for o in question.options if o.correct)


def _position(question: QuestionData) -> int:
    return next(i for i, o in enumerate(question.options) if o.correct)


def _finding(path: str, line: int, code: str, message: str, suggestion: str) -> Finding:
    return Finding(path, line, 1 if line else 0, "warning", code, message, suggestion)


def _with_severity(item: Finding, severity: str) -> Finding:
    return Finding(
        item.path, item.line, item.column, severity, item.code, item.message, item.suggestion
    )
