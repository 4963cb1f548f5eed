"""CE hours: the one place they are read from what people write and written back for people.

Hours are kept everywhere as whole minutes of 60-minute contact hours. People (forms) and
course and rule files (YAML) write them as decimal hours in quarter-hour steps; `parse_hours`
is the only reader of that text. Pages, PDFs, CSV files, badges and emails write minutes back
with `format_hours` (the number alone) or `hours_phrase` (the number and its unit, singular
for exactly 1).

The reading rule: ASCII digits with at most one decimal sign ("2", "1.5", ".75", "0.250"),
above 0, at most a stated maximum, in quarter-hour steps. The decimal sign is the dot, and also
the reader's own when the caller passes it (`decimal=","` for Spanish: "1,5"; a Spanish reader
who types "1.5" is understood too, since hours up to the maximum have no thousands separator).
Anything else — signs, a comma where the locale has none, exponents, NaN, infinities, other
scripts' digits, spaces inside — is refused with one message that says what to type. The text
is read digit by digit, never through float or Decimal, so no input can overflow or be rounded
into a valid value.

The writing rule: hours to the nearest hundredth, trailing zeros dropped. Quarter hours, which
is everything people and files enter, are exact (15 → "0.25", 90 → "1.5", 165 → "2.75");
other minutes, such as a content estimate, round (62 → "1.03"). Whole minutes never fall
halfway between two hundredths, so there is no tie to break.
"""

import re

MINUTES_PER_HOUR = 60
STEP_MINUTES = 15
# Hours people enter for one record (outside CE, a practice-log entry).
MAX_ENTERED_HOURS = 100

# What HoursError.problem says went wrong (YAML checkers word their findings by it).
NOT_A_NUMBER = "number"
OUT_OF_RANGE = "range"
NOT_A_STEP = "step"

_DECIMAL = re.compile(r"(-?)([0-9]*)(?:\.([0-9]*))?", re.ASCII)
_QUARTER_MINUTES = {"": 0, "25": 15, "5": 30, "75": 45}  # fraction digits, zeros stripped


def N_(text: str) -> str:
    """Mark `text` for the translation catalog without translating it here (pure modules use
    it: this one, `lms.ce.rulefile`); the code that prints it translates it for the reader."""
    return text


# What to type, the one wording: HoursError's message, and the form field's error in the
# reader's language.
HOURS_HINT = N_(
    "Enter hours as a number between 0.25 and %(maximum)s, in quarter-hour steps "
    "(0.25, 0.5, 0.75 …), like 1.5."
)


class HoursError(ValueError):
    """Hours that cannot be taken; `str()` says what to type.

    `problem` is NOT_A_NUMBER, OUT_OF_RANGE (0 or less, or above `maximum`) or NOT_A_STEP;
    for NOT_A_STEP, `between` holds the quarter hours either side, in minutes.
    """

    def __init__(self, problem: str, maximum: int, between: tuple[int, int] | None = None):
        self.problem = problem
        self.maximum = maximum
        self.between = between
        super().__init__(HOURS_HINT % {"maximum": maximum})


def parse_hours(text: str, *, maximum: int, decimal: str = ".") -> int:
    """Whole minutes from hours written as text, or HoursError (see the module's rule).
    `decimal`: the reader's decimal sign, accepted besides the dot (forms pass the locale's;
    files are always written with a dot)."""
    if isinstance(text, str) and decimal != ".":
        text = text.replace(decimal, ".")
    match = _DECIMAL.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None or not (match[2] or match[3]):
        raise HoursError(NOT_A_NUMBER, maximum)
    negative, whole, fraction = match[1], match[2].lstrip("0"), (match[3] or "").rstrip("0")
    if negative or not (whole or fraction) or _above(whole, fraction, maximum):
        raise HoursError(OUT_OF_RANGE, maximum)
    minutes = int(whole or "0") * MINUTES_PER_HOUR
    if fraction not in _QUARTER_MINUTES:
        # The first two digits decide which quarter the fraction lies in (0.1 → 0 to 0.25).
        lower = minutes + int(f"{fraction:0<2}"[:2]) // 25 * STEP_MINUTES
        raise HoursError(NOT_A_STEP, maximum, (lower, lower + STEP_MINUTES))
    return minutes + _QUARTER_MINUTES[fraction]


def _above(whole: str, fraction: str, maximum: int) -> bool:
    """Whether whole.fraction (digits, zeros stripped) is more than `maximum`, without ever
    turning a long run of digits into a number."""
    if len(whole) != len(str(maximum)):
        return len(whole) > len(str(maximum))
    return int(whole) > maximum or (int(whole) == maximum and bool(fraction))


def format_hours(minutes: int) -> str:
    """Minutes as hours, the number alone: 60 → "1", 90 → "1.5", 15 → "0.25", 62 → "1.03"."""
    sign = "-" if minutes < 0 else ""
    hundredths = (abs(minutes) * 100 + MINUTES_PER_HOUR // 2) // MINUTES_PER_HOUR
    whole, cents = divmod(hundredths, 100)
    return sign + (f"{whole}.{cents:02d}".rstrip("0") if cents else str(whole))


def hours_phrase(minutes: int, unit: str = "hour", plural: str | None = None) -> str:
    """The number and its unit, singular only for exactly 1: "1 contact hour", "1.5 CE hours",
    "0.5 hours". `plural` defaults to `unit` + "s"; give it when the words after the number
    change more than that ("logged hour is waiting", "logged hours are waiting")."""
    number = format_hours(minutes)
    return f"{number} {unit if number == '1' else plural or unit + 's'}"
