"""How many CE minutes a course's content supports, the way self-study CE rules count it, and the
one rule that bounds what a course may claim.

180 words a minute of lesson and welcome text, plus 1.85 minutes for each quiz question an
attempt draws (the word-count method of the NASBA CPE standards; docs/sources.md). Arithmetic
is exact (Fraction); the estimate is floored to whole minutes (or seconds, for time on task).

A course may claim at most 25% more CE time than its estimate, and never more than the online
CE that can be credited in 24 hours: past either, publishing and `courses sync` refuse it (an
error, not a warning to acknowledge). An administrator may approve a higher claim for one
version's content, with a basis (lms/authoring/claims.py): the 25% rule then yields up to the
approved minutes, the daily limit never.
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


def exceeds_estimate(ce_minutes: int, estimate: int) -> bool:
    """Whether a claim of `ce_minutes` is more than 25% above an `estimate` in minutes."""
    return ce_minutes > estimate * TOLERANCE


def estimate_findings(
    path: str,
    line: int,
    words: int,
    questions: int,
    ce_minutes: int | None,
    daily_cap_minutes: int = 0,
    approved_minutes: int | None = None,
) -> list[Finding]:
    """An `estimate` note, and an error when the declared hours claim too much.

    `daily_cap_minutes` is the site's online CE limit per 24 hours (0: no limit).
    `approved_minutes` is what an administrator approved for exactly this content (None: no
    approval): a claim above the estimate passes when it is at most that, and is then noted.
    No approval lifts the daily limit."""
    estimate = estimate_minutes(words, questions)
    asked = f"{questions} question" + ("" if questions == 1 else "s")
    basis = f"{words:,} words at {WORDS_PER_MINUTE} a minute + {asked} × 1.85 minutes"
    message = f"Estimated {estimate} minutes ({hours_phrase(estimate)}): {basis}."
    findings = [Finding(path, line, 1, "info", "estimate", message)]
    if ce_minutes is None:
        return findings
    if exceeds_estimate(ce_minutes, estimate):
        approved = approved_minutes is not None and ce_minutes <= approved_minutes
        finding = _approved if approved else _above_estimate
        findings.append(finding(path, line, ce_minutes, estimate, basis))
    if daily_cap_minutes and ce_minutes > daily_cap_minutes:
        findings.append(_above_daily_limit(path, line, ce_minutes, daily_cap_minutes))
    return findings


def _above_estimate(path: str, line: int, ce_minutes: int, estimate: int, basis: str) -> Finding:
    supported = math.floor(estimate * TOLERANCE / STEP_MINUTES) * STEP_MINUTES
    return Finding(
        path,
        line,
        1,
        "error",
        "hours-exceed-estimate",
        f"ce_hours {format_hours(ce_minutes)} is more than 25% above the estimate of "
        f"{estimate} minutes ({hours_phrase(estimate)}) from {basis}.",
        f"Add lesson text or questions, or lower ce_hours to {format_hours(supported)} or less, "
        "or ask an administrator to approve the claim with its basis."
        if supported
        else "Add lesson text or questions: the content does not yet support 0.25 hours.",
    )


def _approved(path: str, line: int, ce_minutes: int, estimate: int, basis: str) -> Finding:
    return Finding(
        path,
        line,
        1,
        "info",
        "hours-approved",
        f"ce_hours {format_hours(ce_minutes)} is more than 25% above the estimate of "
        f"{estimate} minutes from {basis}; an administrator approved it for this content.",
    )


def _above_daily_limit(path: str, line: int, ce_minutes: int, cap: int) -> Finding:
    return Finding(
        path,
        line,
        1,
        "error",
        "hours-exceed-daily-limit",
        f"ce_hours {format_hours(ce_minutes)} is more than the {hours_phrase(cap)} of online CE "
        "a learner can be credited in 24 hours, so nobody could ever complete it.",
        f"Split the course into parts of at most {format_hours(cap)} hours each.",
    )
