"""Numeric questions: the one place numbers are read, written and matched.

A numeric question accepts one or more answers, each an exact value with a tolerance
(`3.5 ± 0.1`) or a range (`3 to 4`), and each worth a share of the marks (`(50%)`), as in
Moodle's numerical questions and GIFT's `{#…}`. Every number is a `Decimal` read from its
text, never a float, so 0.1 + 0.2 is 0.3 and a learner on the edge of a tolerance is inside it.
"""

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from lms.content.data import NumberData

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?"
_IS_NUMBER = re.compile(rf"^{_NUMBER}$")
_SPEC = re.compile(
    r"^(?P<value>\S+?)(?:\s*(?:±|\+/-|\+-)\s*(?P<tolerance>\S+))?"
    r"(?:\s+to\s+(?P<high>\S+?))?(?:\s*\((?P<credit>[^()%]*)%\))?$",
    re.I,
)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+$")
SPEC_HELP = "Write '3.5', '3.5 ± 0.1' or '3 to 4', optionally followed by a share like (50%)."


class NumberProblem(ValueError):
    """Text that is not a usable number or numeric answer; the message says what to write."""


def decimal(text: str) -> Decimal:
    """An exact decimal from author text ("3.5", "-2", "1e3"); NumberProblem otherwise."""
    text = text.strip()
    if not _IS_NUMBER.match(text):
        raise NumberProblem(f"'{text}' is not a number.")
    return Decimal(text)


def plain(number: Decimal) -> str:
    """A decimal as plain text without exponent or trailing zeros: 3.50 → "3.5", 1E+1 → "10"."""
    text = f"{number.normalize():f}"
    return "0" if text in ("-0", "+0") else text


def read_spec(text: str) -> NumberData:
    """One accepted answer as an author writes it in quiz.md (feedback is added by the caller)."""
    match = _SPEC.match(" ".join(text.split()))
    if not text.strip() or not match:
        raise NumberProblem(f"'{text.strip()}' is not a numeric answer. {SPEC_HELP}")
    value = decimal(match["value"])
    credit = _credit(match["credit"])
    if match["high"] is not None:
        if match["tolerance"] is not None:
            raise NumberProblem(f"Write a range or a tolerance, not both. {SPEC_HELP}")
        return make_range(value, decimal(match["high"]), credit)
    tolerance = decimal(match["tolerance"]) if match["tolerance"] is not None else Decimal(0)
    return make_exact(value, tolerance, credit)


def make_exact(value: Decimal, tolerance: Decimal, credit: Decimal) -> NumberData:
    if tolerance < 0:
        raise NumberProblem(f"The tolerance {plain(tolerance)} is negative; write it as ± a size.")
    return NumberData(plain(value), plain(tolerance), credit=plain(credit))


def make_range(low: Decimal, high: Decimal, credit: Decimal) -> NumberData:
    if low > high:
        raise NumberProblem(f"The range {plain(low)} to {plain(high)} runs backwards.")
    return NumberData("", low=plain(low), high=plain(high), credit=plain(credit))


def _credit(text: str | None) -> Decimal:
    if text is None:
        return Decimal(100)
    credit = decimal(text)
    if not 0 <= credit <= 100:
        raise NumberProblem(f"The share {text.strip()}% is not between 0% and 100%.")
    return credit


def write_spec(answer: NumberData) -> str:
    """The quiz.md text of one accepted answer; `read_spec` reads it back unchanged."""
    if answer.value == "":
        text = f"{answer.low} to {answer.high}"
    else:
        text = answer.value + (f" ± {answer.tolerance}" if Decimal(answer.tolerance) else "")
    return text + ("" if Decimal(answer.credit) == 100 else f" ({answer.credit}%)")


def bounds(answer: NumberData | dict) -> tuple[Decimal, Decimal]:
    """The closed interval an accepted answer covers (from the data class or its stored dict)."""
    get = answer.get if isinstance(answer, dict) else lambda key: getattr(answer, key)
    if get("value") == "":
        return Decimal(get("low")), Decimal(get("high"))
    value, tolerance = Decimal(get("value")), Decimal(get("tolerance"))
    return value - tolerance, value + tolerance


def credit_for(answers: list, given: str) -> Fraction:
    """Points (0 to 1) for a learner's number: the best share among the answers it falls in."""
    try:
        number = Decimal(given)
    except (InvalidOperation, TypeError):
        return Fraction(0)
    shares = [
        Fraction(Decimal(answer["credit"])) / 100
        for answer in answers
        if bounds(answer)[0] <= number <= bounds(answer)[1]
    ]
    return max(shares, default=Fraction(0))


def read_learner_number(text: str) -> tuple[str | None, str | None]:
    """(the number as plain text, or None; a message saying what to fix, or None).

    Spaces around the number are ignored; a decimal comma ("3,5") reads as a decimal point;
    a comma that could be a thousands separator ("1,000") is refused with a question rather
    than guessed, and so is anything that is not one number.
    """
    text = text.strip().replace(" ", "").replace("\u2212", "-")
    if not text:
        return None, "Type a number, then continue."
    if _GROUPED.match(text):
        plain_text = text.replace(",", "")
        return None, (
            f"Is {text} the number {plain_text}? Type it without commas ({plain_text}), or "
            f"with a decimal point if you meant a fraction."
        )
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _IS_NUMBER.match(text) or len(text) > 40:
        return None, "Type one number, like 3.5 (digits, with a decimal point if needed)."
    return plain(Decimal(text)), None


def describe(answer: NumberData | dict) -> str:
    """An accepted answer as a learner or trainer reads it: "3.5 ± 0.1", "3 to 4"."""
    get = answer.get if isinstance(answer, dict) else lambda key: getattr(answer, key)
    if get("value") == "":
        return f"{get('low')} to {get('high')}"
    return get("value") + (f" ± {get('tolerance')}" if Decimal(get("tolerance")) else "")
