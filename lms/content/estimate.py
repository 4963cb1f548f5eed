"""How many CE minutes a course's content supports, the way self-study CE rules count it.

180 words a minute of lesson and welcome text, plus 1.85 minutes for each quiz question an
attempt draws (the word-count method of the NASBA CPE standards; docs/sources.md). Arithmetic is exact (Fraction);
the estimate is floored to whole minutes.
"""

import math
from fractions import Fraction

from lms.findings import Finding
from lms.hours import STEP_MINUTES, format_hours, hours_phrase

WORDS_PER_MINUTE = 180
MINUTES_PER_QUESTION = Fraction(185, 100)
TOLERANCE = Fraction(11, 10)  # warn when declared hours exceed the estimate by more than 10%


def estimate_minutes(words: int, questions: int) -> int:
    """Whole minutes a learner needs for `words` of text and `questions` quiz questions."""
    return math.floor(Fraction(words, WORDS_PER_MINUTE) + MINUTES_PER_QUESTION * questions)


def estimate_findings(
    path: str, line: int, words: int, questions: int, ce_minutes: int | None
) -> list[Finding]:
    """An `estimate` note, and a warning when the declared hours claim too much."""
    estimate = estimate_minutes(words, questions)
    asked = f"{questions} question" + ("" if questions == 1 else "s")
    basis = f"{words:,} words at {WORDS_PER_MINUTE} a minute + {asked} × 1.85 minutes"
    findings = [
        Finding(
            path,
            line,
            1,
            "info",
            "estimate",
            f"Estimated {estimate} minutes ({hours_phrase(estimate)}): {basis}.",
        )
    ]
    if ce_minutes is not None and ce_minutes > estimate * TOLERANCE:
        supported = math.floor(estimate * TOLERANCE / STEP_MINUTES) * STEP_MINUTES
        findings.append(
            Finding(
                path,
                line,
                1,
                "warning",
                "hours-exceed-estimate",
                f"ce_hours {format_hours(ce_minutes)} is more than 10% above the estimate of "
                f"{estimate} minutes ({hours_phrase(estimate)}) from {basis}.",
                f"Add lesson text or questions, or lower ce_hours to {format_hours(supported)} "
                "or less."
                if supported
                else "Add lesson text or questions: the content does not yet support 0.25 hours.",
            )
        )
    return findings
