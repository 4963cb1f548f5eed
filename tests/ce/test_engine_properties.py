"""Invariants of the requirement engine and of cycles, for every bundled rule set (and one with a
cap), on random certification dates, days and CE records."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lms.ce.cycles import ONE_DAY
from lms.ce.engine import cycle_for
from tests.ce.builders import BUNDLED, CAPPED, records_near, run

RULE_SETS = [BUNDLED[key] for key in sorted(BUNDLED)] + [CAPPED]
UNCAPPED = [rule_set for rule_set in RULE_SETS if not rule_set.caps]
FAST = settings(max_examples=150, deadline=None)

leap_days = st.sampled_from([date(2000, 2, 29), date(2024, 2, 29), date(2028, 2, 29)])
month_ends = st.sampled_from([date(2023, 1, 31), date(2023, 8, 31), date(2024, 12, 31)])
certification_days = st.one_of(
    st.dates(date(1995, 1, 1), date(2035, 12, 31)), leap_days, month_ends
)


@st.composite
def credentials(draw, rule_sets=RULE_SETS):
    """(rule set, certified on, expires on, today, records)"""
    rule_set = draw(st.sampled_from(rule_sets))
    certified = draw(certification_days)
    expires = certified + timedelta(days=draw(st.integers(0, 3000)))
    today = certified + timedelta(days=draw(st.integers(-400, 4500)))
    records = draw(st.lists(records_near(today), min_size=1, max_size=12))
    return rule_set, certified, expires, today, records


@FAST
@given(credentials())
def test_verified_and_missing_cover_what_is_required_and_missing_is_never_negative(case):
    for requirement in run(*case).requirements:
        assert requirement.missing >= 0
        assert requirement.verified + requirement.missing >= requirement.required
        assert requirement.satisfied == (requirement.missing == 0)
        assert requirement.pending >= 0


@FAST
@given(credentials(), st.data())
def test_a_verified_record_inside_a_window_never_increases_what_is_missing(case, data):
    before = run(*case)
    rule_set, certified, expires, today, records = case
    window = data.draw(st.sampled_from(before.requirements))
    extra = data.draw(records_near(today, ("verified",)))
    earned = data.draw(st.dates(window.window_start, window.window_end))
    after = run(rule_set, certified, expires, today, [*records, replace(extra, earned_on=earned)])
    for old, new in zip(before.requirements, after.requirements, strict=True):
        assert new.missing <= old.missing
        assert new.verified >= old.verified


@FAST
@given(credentials(), st.data())
def test_pending_records_never_change_what_is_missing(case, data):
    before = run(*case)
    rule_set, certified, expires, today, records = case
    extra = data.draw(st.lists(records_near(today, ("pending",)), min_size=1, max_size=4))
    after = run(rule_set, certified, expires, today, [*records, *extra])
    for old, new in zip(before.requirements, after.requirements, strict=True):
        assert (new.missing, new.verified, new.satisfied) == (
            old.missing,
            old.verified,
            old.satisfied,
        )
        assert new.pending >= old.pending


@FAST
@given(credentials(), st.data())
def test_rejected_withdrawn_and_pre_certification_records_change_nothing(case, data):
    rule_set, certified, expires, today, records = case
    ignored = data.draw(st.lists(records_near(today, ("rejected", "withdrawn")), max_size=4))
    early = data.draw(st.lists(records_near(certified, days=(-2000, -1)), max_size=4))
    after = run(rule_set, certified, expires, today, [*records, *ignored, *early])
    assert after == run(*case)


@FAST
@given(credentials(), st.data())
def test_records_outside_a_window_change_nothing_for_that_requirement_when_topics_overlap(
    case, data
):
    """When records are shared (the default), an outside record may free another for this
    requirement: tests/ce/test_engine.py shows it on Washington's rules."""
    rule_set, certified, expires, today, records = case
    rule_set = replace(rule_set, topics_may_overlap=True)
    before = run(rule_set, certified, expires, today, records)
    index = data.draw(st.integers(0, len(before.requirements) - 1))
    window = before.requirements[index]
    outside = st.one_of(
        st.integers(1, 3000).map(lambda n: window.window_start - timedelta(days=n)),
        st.integers(1, 3000).map(lambda n: window.window_end + timedelta(days=n)),
    )
    extra = data.draw(st.lists(records_near(today), min_size=1, max_size=4))
    extra = [replace(r, earned_on=data.draw(outside)) for r in extra]
    after = run(rule_set, certified, expires, today, [*records, *extra])
    assert after.requirements[index] == window


@FAST
@given(credentials(UNCAPPED))
def test_the_total_counts_every_verified_record_in_its_window(case):
    rule_set, certified, expires, today, records = case
    result = run(*case)
    total = result.total
    assert total.key == "total" and total.topics == ()
    if result.no_ce_due:  # an initial period asks for nothing and counts nothing
        assert (total.required, total.verified) == (0, 0)
        return
    assert total.verified == sum(
        r.minutes
        for r in records
        if r.status == "verified" and total.window_start <= r.earned_on <= total.window_end
    )


@FAST
@given(credentials([CAPPED]))
def test_a_cap_counts_at_most_its_limit_from_its_formats_in_the_cycle(case):
    rule_set, certified, expires, today, records = case
    total = run(*case).total
    cap = rule_set.caps[0]
    inside = [
        r
        for r in records
        if r.status == "verified" and total.window_start <= r.earned_on <= total.window_end
    ]
    capped = sum(r.minutes for r in inside if r.delivery in cap.deliveries)
    free = sum(r.minutes for r in inside if r.delivery not in cap.deliveries)
    assert total.verified == free + min(capped, cap.minutes)


@FAST
@given(credentials())
def test_the_current_cycle_holds_today_or_else_the_certification_day(case):
    result = run(*case)
    rule_set, certified, expires, today, records = case
    assert result.cycle_start <= max(today, certified) <= result.cycle_end
    assert result.days_left == (result.cycle_end - today).days
    assert all(r.window_end == result.cycle_end for r in result.requirements)
    assert all(certified <= r.window_start <= r.window_end for r in result.requirements)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(RULE_SETS), certification_days, st.integers(0, 3000), st.integers(0, 6000))
def test_cycles_tile_the_calendar_without_gaps_or_overlaps(rule_set, certified, to_expiry, day):
    expires = certified + timedelta(days=to_expiry)
    today = certified + timedelta(days=day)
    start, end = cycle_for(rule_set, certified, expires, today)
    assert start <= today <= end
    assert cycle_for(rule_set, certified, expires, end + ONE_DAY)[0] == end + ONE_DAY
    if start - ONE_DAY >= certified:
        assert cycle_for(rule_set, certified, expires, start - ONE_DAY)[1] == start - ONE_DAY
    shortest, longest = 28 * rule_set.cycle.months, 31 * rule_set.cycle.months + 1
    if start != certified:  # a first, initial period may be shorter than a cycle
        assert shortest <= (end - start).days + 1 <= longest
