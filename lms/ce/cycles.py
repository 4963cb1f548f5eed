"""Renewal cycles as date arithmetic: where each cycle starts and ends, and which holds a day.

Every cycle kind is a run of boundaries a whole number of months apart, counted from one anchor
date, so cycles tile the calendar with no gap and no overlap:

- `anniversary`: the anchor is the certification date; cycle 0 starts on it.
- `calendar_year`: the anchor is 1 January of the certification year. CE is due in each year
  after certification (Georgia asks for CEUs "in any year after you complete the CARES
  Academy"), so the rest of the certification year is an initial period (below), unless the
  certification date is 1 January.
- `fixed_expiry`: the anchor is the day after the expiry date; the cycle ending on the expiry
  date is cycle -1, and the next one starts the day after it.
- `birthday` (Washington): the credential renews every two years on the peer's birthday, so
  the anchor is the day after the expiry date the peer enters, as for `fixed_expiry`. The
  first credential is often issued for less than two years, to line it up with the birthday,
  and the board's CE cycle starts with the first full two-year issuance: the period from the
  certification date to the end of the cycle holding it, when that cycle began before the
  certification date, is an *initial period* with no CE due. A credential issued on the day a
  cycle begins has no initial period.
- `initial_months` (Texas, on an anniversary cycle): the first months after certification are
  an initial certification with no renewal CE due; the two-year cycles count from its end.

The initial period is deliberate: a peer in it sees "no CE is due" and the day their first
cycle begins, never a deadline they cannot meet.

Each boundary is computed from the anchor (never step by step), so a short month cannot shift
later cycles. A boundary that would fall on a day the month lacks falls on the month's last day:
an anniversary on 29 February falls on 28 February in a year that is not a leap year (and one on
31 March on 30 September), and returns to the 29th in leap years. A cycle ends the day before
the next boundary, so a credential certified on 29 Feb 2024 on a two-year cycle has its first
deadline on 27 Feb 2026 and its next cycle starts on 28 Feb 2026.
"""

import calendar
from datetime import date, timedelta

from lms.ce.data import RuleSet

ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier), or that month's last day."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last))


class Cycles:
    """The cycles of one credential: a rule set's cycle kind with the peer's dates."""

    def __init__(self, rule_set: RuleSet, certified_on: date, expires_on: date | None):
        self.months = rule_set.cycle.months
        self.certified_on = certified_on
        kind = rule_set.cycle.kind
        self.initial_end: date | None = None  # the last day of an initial period, if any
        if kind == "anniversary":
            self.anchor = add_months(certified_on, rule_set.cycle.initial_months)
            if rule_set.cycle.initial_months:
                self.initial_end = self.anchor - ONE_DAY
        elif kind == "calendar_year":
            self.anchor = date(certified_on.year, 1, 1)
            if certified_on != self.anchor:
                self.initial_end = date(certified_on.year, 12, 31)
        elif kind in ("fixed_expiry", "birthday"):
            if expires_on is None:
                raise ValueError(f"The rule set '{rule_set.key}' needs the expiry date.")
            if expires_on < certified_on:
                raise ValueError("The expiry date is before the certification date.")
            self.anchor = expires_on + ONE_DAY
            if kind == "birthday":
                start, end = self.bounds(self.index(certified_on))
                self.initial_end = end if start < certified_on else None
        else:
            raise ValueError(f"Unknown cycle kind '{kind}'.")

    def boundary(self, months: int) -> date:
        """The first day of the period starting `months` after the anchor."""
        return add_months(self.anchor, months)

    def index(self, day: date) -> int:
        """The number of the cycle holding `day` (cycle n starts n × months after the anchor)."""
        months = (day.year - self.anchor.year) * 12 + day.month - self.anchor.month
        number = months // self.months
        while self.boundary(number * self.months) > day:
            number -= 1
        while self.boundary((number + 1) * self.months) <= day:
            number += 1
        return number

    def bounds(self, number: int) -> tuple[date, date]:
        """(first day, last day) of cycle `number`; both inclusive."""
        start = self.boundary(number * self.months)
        return start, self.boundary((number + 1) * self.months) - ONE_DAY

    def current(self, day: date) -> int:
        """The cycle holding `day`, or the first cycle (holding certification) before that.
        After an initial period, never earlier than the first full cycle."""
        first = self.certified_on if self.initial_end is None else self.initial_end + ONE_DAY
        return self.index(max(day, first))

    def in_initial_period(self, day: date) -> bool:
        """True while no CE is due: on or before the last day of an initial period."""
        return self.initial_end is not None and day <= self.initial_end

    def window_start(self, number: int, years: int | None) -> date:
        """The first day that counts for a requirement over `years` ending with cycle `number`
        (None: the cycle itself). CE earned before certification never counts."""
        if years is None:
            start = self.bounds(number)[0]
        else:
            start = self.boundary((number + 1) * self.months - 12 * years)
        return max(start, self.certified_on)


def cycle_for(
    rule_set: RuleSet, certified_on: date, expires_on: date | None, day: date
) -> tuple[date, date]:
    """(start, end) of the cycle holding `day`, both inclusive; the end is the deadline.

    Before the certification date, the first cycle (the one holding the certification date);
    in an initial period, that period (from the certification date). `expires_on` is used only
    by `fixed_expiry` and `birthday` rule sets, which raise ValueError without it.
    """
    cycles = Cycles(rule_set, certified_on, expires_on)
    if cycles.in_initial_period(max(day, certified_on)):
        return certified_on, cycles.initial_end
    return cycles.bounds(cycles.current(day))
