"""Reading each Moodle XML question type into a `QuestionData` (used by moodle_xml.py).

Each reader returns the question, or None when it cannot be imported; what it has to leave
out or change is reported through `Context.note` at the question's line. Fractions are read
as exact decimals; a fraction that is not a number is an error naming the question.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from lms.content.data import NumberData, OptionData, PairData, QuestionData
from lms.content.htmlmd import HtmlReader
from lms.content.itemmeta import from_hint
from lms.content.numeric import NumberProblem, decimal, make_exact
from lms.content.quiz_rules import letter_id
from lms.content.quiz_writer import title_and_prompt, unique_id
from lms.findings import Finding

_HTML_FORMATS = ("html", "moodle_auto_format", "")


@dataclass
class Context:
    path: str
    line: int
    findings: list[Finding]
    ids: set[str] = field(default_factory=set)

    def note(self, severity: str, code: str, message: str, suggestion: str = "") -> None:
        self.findings.append(Finding(self.path, self.line, 1, severity, code, message, suggestion))


class BadFraction(ValueError):
    """A fraction attribute that is not a number from -100 to 100."""


def text_of(element: Element | None) -> str:
    """The `<text>` inside a Moodle element (or its own text), "" when absent."""
    if element is None:
        return ""
    inner = element.find("text")
    return (inner.text if inner is not None else element.text) or ""


def fraction_of(answer: Element) -> Decimal:
    """An answer's `fraction` attribute (percent of the marks) as an exact decimal."""
    raw = answer.get("fraction", "0").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise BadFraction(f"The fraction '{raw}' is not a number.") from None
    if not value.is_finite() or not -100 <= value <= 100:
        raise BadFraction(f"The fraction '{raw}' is not between -100 and 100.")
    return value


def _markdown(element: Element | None, html: HtmlReader) -> str:
    fmt = (element.get("format", "") if element is not None else "").lower()
    text = text_of(element).strip()
    return html.markdown(text) if fmt in _HTML_FORMATS else text


def _plain(element: Element | None, html: HtmlReader) -> str:
    fmt = (element.get("format", "") if element is not None else "").lower()
    text = text_of(element).strip()
    return " ".join(html.plain(text).split()) if fmt in _HTML_FORMATS else text


def _question(element, name, html, context, **fields) -> QuestionData:
    """The fields every type shares: id, title, prompt and explanation (general feedback)."""
    prompt = _markdown(element.find("questiontext"), html)
    title, prompt = title_and_prompt(name, prompt, len(context.ids) + 1)
    wanted = element.findtext("idnumber", "").strip()
    return QuestionData(
        id=unique_id(wanted, name, context.ids, len(context.ids) + 1),
        title=title,
        prompt=prompt,
        prompt_html="",
        explanation=_plain(element.find("generalfeedback"), html),
        **fields,
        **from_hint(_peerpath_tags(element)),
    )


def _peerpath_tags(element: Element) -> dict[str, str]:
    """Item metadata our export writes as `peerpath-key:value` tags (others are ignored)."""
    found = {}
    for tag in element.iterfind("tags/tag"):
        key, _, value = text_of(tag).strip().removeprefix("peerpath-").partition(":")
        if text_of(tag).startswith("peerpath-") and value:
            found[key] = value
    return found


def _answers(element: Element, html: HtmlReader, context: Context):
    """(text, fraction, feedback) per `<answer>`; None after reporting a bad fraction."""
    found = []
    for answer in element.findall("answer"):
        try:
            fraction = fraction_of(answer)
        except BadFraction as problem:
            context.note("error", "moodle-fraction", f"{problem} The question was skipped.")
            return None
        found.append((answer, fraction, _plain(answer.find("feedback"), html)))
    return found


def multichoice(element, name, html, context) -> QuestionData | None:
    answers = _answers(element, html, context)
    if answers is None:
        return None
    single = element.findtext("single", "true").strip().lower() in ("true", "1")
    options = []
    for answer, fraction, feedback in answers:
        correct = fraction == 100 if single else fraction > 0
        text = _plain(answer, html)
        if single and 0 < fraction < 100:
            context.note(
                "warning",
                "moodle-changed",
                f"'{text}' was worth {fraction}%; here it counts as wrong.",
            )
        options.append(OptionData(letter_id(len(options)), text, correct, feedback))
    if len(options) < 2 or not any(o.correct for o in options):
        context.note(
            "error", "no-correct-answer", f"'{name}' needs two answers, one of them right."
        )
        return None
    _combined_feedback(element, html, context)
    kind = "single" if single and sum(o.correct for o in options) == 1 else "multiple"
    return _question(element, name, html, context, kind=kind, options=tuple(options))


def _combined_feedback(element, html, context) -> None:
    """Moodle's feedback for right, partly right and wrong responses has no place here."""
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        if html.plain(text_of(element.find(tag))).strip():
            html.lose(f"the {tag.removesuffix('feedback')} feedback")


def truefalse(element, name, html, context) -> QuestionData | None:
    answers = _answers(element, html, context)
    if answers is None:
        return None
    by_truth = {text_of(a).strip().lower() == "true": (f, fb) for a, f, fb in answers}
    if set(by_truth) != {True, False}:
        context.note("error", "moodle-truefalse", f"'{name}' needs a true and a false answer.")
        return None
    options = tuple(
        OptionData(
            letter_id(i),
            "True" if truth else "False",
            by_truth[truth][0] == 100,
            by_truth[truth][1],
        )
        for i, truth in enumerate((True, False))
    )
    return _question(element, name, html, context, kind="true_false", options=options)


def shortanswer(element, name, html, context) -> QuestionData | None:
    answers = _answers(element, html, context)
    if answers is None:
        return None
    accepted = []
    for answer, fraction, feedback in answers:
        text = _plain(answer, html)
        if fraction == 100 and text:
            accepted.append(text)
        elif text:
            context.note(
                "warning",
                "moodle-changed",
                f"The answer '{text}' ({fraction}%) was left out.",
                "Short answers here are right or wrong.",
            )
        if feedback:
            html.lose(f"the feedback on '{text}'")
    if element.findtext("usecase", "0").strip() == "1":
        context.note(
            "info", "moodle-changed", "Moodle checked case; answers here are case-insensitive."
        )
    if not accepted:
        context.note("error", "moodle-no-answer", f"'{name}' has no fully right answer; skipped.")
        return None
    return _question(
        element, name, html, context, kind="short_answer", accepted_answers=tuple(accepted)
    )


def matching(element, name, html, context) -> QuestionData | None:
    pairs = []
    for sub in element.findall("subquestion"):
        left = _plain(sub, html)
        right = " ".join(text_of(sub.find("answer")).split())
        if not left:
            context.note(
                "warning",
                "moodle-changed",
                f"The extra answer '{right}' was left out.",
                "Matching here has no distractor answers.",
            )
        elif right:
            pairs.append(PairData(letter_id(len(pairs)), left, right))
    if len(pairs) < 2:
        context.note("error", "too-few-pairs", f"'{name}' needs two pairs; skipped.")
        return None
    return _question(element, name, html, context, kind="matching", pairs=tuple(pairs))


def numerical(element, name, html, context) -> QuestionData | None:
    answers = _answers(element, html, context)
    if answers is None:
        return None
    numbers: list[NumberData] = []
    for answer, fraction, feedback in answers:
        text = text_of(answer).strip()
        if text == "*":
            html.lose("the catch-all '*' answer")
            continue
        try:
            tolerance = decimal(answer.findtext("tolerance", "0") or "0")
            number = make_exact(decimal(text), tolerance, max(fraction, Decimal(0)))
        except NumberProblem as problem:
            context.note("error", "moodle-number", f"'{name}': {problem} The question was skipped.")
            return None
        numbers.append(replace(number, feedback=feedback))
    units = [
        text_of(u.find("unit_name")) or u.findtext("unit_name", "") for u in element.iter("unit")
    ]
    if any(u.strip() for u in units):
        html.lose("units (" + ", ".join(u.strip() for u in units if u.strip()) + ")")
    if not any(Decimal(n.credit) == 100 for n in numbers):
        context.note("error", "no-full-credit", f"'{name}' has no answer worth 100%; skipped.")
        return None
    return _question(element, name, html, context, kind="numeric", numbers=tuple(numbers))


READERS = {
    "multichoice": multichoice,
    "truefalse": truefalse,
    "shortanswer": shortanswer,
    "matching": matching,
    "numerical": numerical,
}
