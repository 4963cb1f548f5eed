"""How many CE minutes a course's content supports, the way self-study CE rules count it, and the
one rule that bounds what a course may claim.

180 words a minute of lesson and welcome text, plus 1.85 minutes for each quiz question an
attempt draws (the word-count method of the NASBA CPE standards; docs/sources.md). Arithmetic
is exact (Fraction); the estimate is floored to whole minutes (or seconds, for time on task).

A course may claim at most 25% more CE time than its estimate, and never more than the online
CE that can be credited in 24 hours: past either, publishing and `courses sync` refuse it (an
error, not a warning to acknowledge).
"""

import math
from fractions import Fraction

from lms.findings import Finding
from lms.hours import STEP_MINUTES, format_hours, hours_phrase

WORDS_PER_MINUTE = 180
MINUTES_PER_QUESTION = Fraction(185, 100)
TOLERANCE = Fraction(125, 100)  # a claim more than 25% above the estimate is refused


def estimate_seconds(words: int, questions: int) -> int:
    """Whole seconds a learner needs for `words` of text and `questions` quiz questions."""
    return math.floor((Fraction(words, WORDS_PER_MINUTE) + MINUTES_PER_QUESTION * questions) * 60)


def estimate_minutes(words: int, questions: int) -> int:
    """Whole minutes a learner needs for `words` of text and `questions` quiz questions."""
    return estimate_seconds(words, questions) // 60


def estimate_findings(
    path: str,
    line: int,
    words: int,
    questions: int,
    ce_minutes: int | None,
    daily_cap_minutes: int = 0,
) -> list[Finding]:
    """An `estimate` note, and an error when the declared hours claim too much.

    `daily_cap_minutes` is the site's online CE limit per 24 hours (0: no limit)."""
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
                "error",
                "hours-exceed-estimate",
                f"ce_hours {format_hours(ce_minutes)} is more than 25% above the estimate of "
                f"{estimate} minutes ({hours_phrase(estimate)}) from {basis}.",
                f"Add lesson text or questions, or lower ce_hours to {format_hours(supported)} "
                "or less."
                if supported
                else "Add lesson text or questions: the content does not yet support 0.25 hours.",
            )
        )
    if ce_minutes is not None and daily_cap_minutes and ce_minutes > daily_cap_minutes:
        findings.append(
            Finding(
                path,
                line,
                1,
                "error",
                "hours-exceed-daily-limit",
                f"ce_hours {format_hours(ce_minutes)} is more than the "
                f"{hours_phrase(daily_cap_minutes)} of online CE a learner can be credited in "
                "24 hours, so nobody could ever complete it.",
                "Split the course into parts of at most "
                f"{format_hours(daily_cap_minutes)} hours each.",
            )
        )
    return findings
