"""Edge dates of every bundled rule set's cycles: boundaries, the days either side, leap days,
calendar years, expiry dates, and days before certification."""

from datetime import date

import pytest

from lms.ce.cycles import add_months
from lms.ce.engine import cycle_for
from tests.ce.builders import BUNDLED

D = date

# (rule set, certified on, expires on, today, cycle start, cycle end)
CASES = [
    # IC&RC: two years from certification; the deadline is the day before the anniversary.
    ("icrc-pr", D(2023, 3, 15), None, D(2023, 3, 15), D(2023, 3, 15), D(2025, 3, 14)),
    ("icrc-pr", D(2023, 3, 15), None, D(2025, 3, 14), D(2023, 3, 15), D(2025, 3, 14)),
    ("icrc-pr", D(2023, 3, 15), None, D(2025, 3, 15), D(2025, 3, 15), D(2027, 3, 14)),
    ("icrc-pr", D(2023, 3, 15), None, D(2022, 1, 1), D(2023, 3, 15), D(2025, 3, 14)),
    # Certified on 29 February: the anniversary falls on 28 February in other years.
    ("icrc-pr", D(2024, 2, 29), None, D(2026, 2, 27), D(2024, 2, 29), D(2026, 2, 27)),
    ("icrc-pr", D(2024, 2, 29), None, D(2026, 2, 28), D(2026, 2, 28), D(2028, 2, 28)),
    ("icrc-pr", D(2024, 2, 29), None, D(2028, 2, 28), D(2026, 2, 28), D(2028, 2, 28)),
    ("icrc-pr", D(2024, 2, 29), None, D(2028, 2, 29), D(2028, 2, 29), D(2030, 2, 27)),
    # Texas: a six-month initial certification, then two-year cycles from its end; certified
    # on 31 August, the initial period ends on the last day of February.
    ("tx-peer-specialist", D(2021, 8, 31), None, D(2022, 2, 27), D(2021, 8, 31), D(2022, 2, 27)),
    ("tx-peer-specialist", D(2021, 8, 31), None, D(2022, 2, 28), D(2022, 2, 28), D(2024, 2, 27)),
    ("tx-peer-specialist", D(2023, 8, 31), None, D(2024, 2, 28), D(2023, 8, 31), D(2024, 2, 28)),
    ("tx-peer-specialist", D(2023, 8, 31), None, D(2024, 2, 29), D(2024, 2, 29), D(2026, 2, 27)),
    # Oregon and Washington: two years from certification.
    ("or-prc", D(2020, 1, 1), None, D(2021, 12, 31), D(2020, 1, 1), D(2021, 12, 31)),
    ("or-prc", D(2020, 1, 1), None, D(2022, 1, 1), D(2022, 1, 1), D(2023, 12, 31)),
    # Washington: birthday cycles; a first credential shorter than two years is an initial
    # period (no CE due) and the first full cycle starts the day after that birthday.
    ("wa-cpss", D(2025, 9, 15), D(2027, 3, 3), D(2026, 6, 1), D(2025, 9, 15), D(2027, 3, 3)),
    ("wa-cpss", D(2025, 9, 15), D(2027, 3, 3), D(2027, 3, 4), D(2027, 3, 4), D(2029, 3, 3)),
    ("wa-cpss", D(2025, 9, 15), D(2029, 3, 3), D(2026, 6, 1), D(2025, 9, 15), D(2027, 3, 3)),
    # A full first issuance (issued the day after a birthday) has no initial period.
    ("wa-cpss", D(2025, 3, 4), D(2027, 3, 3), D(2025, 3, 4), D(2025, 3, 4), D(2027, 3, 3)),
    # Born on 29 February: the birthday is 28 February in other years.
    ("wa-cpss", D(2025, 11, 3), D(2027, 2, 28), D(2027, 2, 28), D(2025, 11, 3), D(2027, 2, 28)),
    ("wa-cpss", D(2025, 11, 3), D(2027, 2, 28), D(2028, 2, 29), D(2027, 3, 1), D(2029, 2, 28)),
    # Pennsylvania: the two years ending on the expiry date; after it, the next two years.
    ("pa-crs", D(2018, 4, 10), D(2026, 6, 30), D(2024, 6, 30), D(2022, 7, 1), D(2024, 6, 30)),
    ("pa-crs", D(2018, 4, 10), D(2026, 6, 30), D(2024, 7, 1), D(2024, 7, 1), D(2026, 6, 30)),
    ("pa-crs", D(2018, 4, 10), D(2026, 6, 30), D(2026, 6, 30), D(2024, 7, 1), D(2026, 6, 30)),
    ("pa-crs", D(2018, 4, 10), D(2026, 6, 30), D(2026, 7, 1), D(2026, 7, 1), D(2028, 6, 30)),
    ("pa-crs", D(2020, 1, 1), D(2028, 2, 29), D(2027, 1, 1), D(2026, 3, 1), D(2028, 2, 29)),
    ("pa-crs", D(2020, 1, 1), D(2027, 2, 28), D(2026, 1, 1), D(2025, 3, 1), D(2027, 2, 28)),
    ("pa-crs", D(2025, 1, 10), D(2026, 6, 30), D(2024, 1, 1), D(2024, 7, 1), D(2026, 6, 30)),
    # Georgia: calendar years; the rest of the Academy year asks for no CEUs.
    ("ga-cares", D(2019, 5, 20), None, D(2019, 12, 31), D(2019, 5, 20), D(2019, 12, 31)),
    ("ga-cares", D(2019, 5, 20), None, D(2020, 1, 1), D(2020, 1, 1), D(2020, 12, 31)),
    ("ga-cares", D(2020, 1, 1), None, D(2020, 2, 29), D(2020, 1, 1), D(2020, 12, 31)),
    ("ga-cares", D(2019, 5, 20), None, D(2024, 12, 31), D(2024, 1, 1), D(2024, 12, 31)),
    ("ga-cares", D(2019, 5, 20), None, D(2025, 1, 1), D(2025, 1, 1), D(2025, 12, 31)),
    ("ga-cares", D(2019, 5, 20), None, D(2024, 2, 29), D(2024, 1, 1), D(2024, 12, 31)),
    ("ga-cares", D(2019, 5, 20), None, D(2019, 1, 1), D(2019, 5, 20), D(2019, 12, 31)),
]


@pytest.mark.parametrize(("key", "certified", "expires", "today", "start", "end"), CASES)
def test_the_cycle_holding_a_day(key, certified, expires, today, start, end):
    assert cycle_for(BUNDLED[key], certified, expires, today) == (start, end)


def test_a_fixed_expiry_rule_set_needs_the_expiry_date():
    with pytest.raises(ValueError, match="needs the expiry date"):
        cycle_for(BUNDLED["pa-crs"], D(2020, 1, 1), None, D(2024, 1, 1))


def test_an_expiry_before_certification_is_refused():
    with pytest.raises(ValueError, match="before the certification date"):
        cycle_for(BUNDLED["pa-crs"], D(2020, 1, 1), D(2019, 12, 31), D(2024, 1, 1))


def test_other_kinds_ignore_the_expiry_date():
    rule_set = BUNDLED["icrc-pr"]
    assert cycle_for(rule_set, D(2023, 3, 15), D(2020, 1, 1), D(2024, 1, 1)) == cycle_for(
        rule_set, D(2023, 3, 15), None, D(2024, 1, 1)
    )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_month_end(day, months, expected):
    assert add_months(day, months) == expected
