"""What counts toward renewal, credential by credential, on the edge dates that matter."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from lms.ce.cycles import add_months
from lms.ce.engine import Assignment, renewal_status
from lms.localtime import local_date
from tests.ce.builders import BUNDLED, CAPPED, record

D = date
H = 60  # minutes in an hour
CERTIFIED = D(2023, 3, 15)


def status(key, records, today, certified=CERTIFIED, expires=None, rule_set=None):
    if key == "wa-cpss" and expires is None:  # a full first issuance: two years to the birthday
        expires = add_months(certified, 24) - timedelta(days=1)
    return renewal_status(
        rule_set or BUNDLED[key],
        certified_on=certified,
        expires_on=expires,
        records=records,
        today=today,
    )


def by_key(result):
    return {r.key: r for r in result.requirements}


def test_a_pennsylvania_peer_sees_ethics_confidentiality_and_total_still_needed_and_by_when():
    records = [
        record(D(2025, 1, 10), 4 * H, "ethics"),
        record(D(2025, 2, 1), 1 * H, "confidentiality", status="pending"),
        record(D(2025, 3, 1), 15 * H, "peer-support"),
    ]
    result = status("pa-crs", records, D(2025, 6, 1), D(2018, 4, 10), D(2026, 6, 30))
    assert (result.cycle_start, result.deadline, result.days_left) == (
        D(2024, 7, 1),
        D(2026, 6, 30),
        394,
    )
    needs = {r.key: (r.required, r.verified, r.pending, r.missing) for r in result.requirements}
    assert needs == {
        "total": (30 * H, 19 * H, 1 * H, 11 * H),
        "ethics": (6 * H, 4 * H, 0, 2 * H),
        "confidentiality": (3 * H, 0, 1 * H, 3 * H),
    }
    assert [r.key for r in result.requirements][0] == "total"
    assert not result.satisfied


def test_verifying_the_pending_record_updates_what_is_missing():
    pending = record(D(2025, 2, 1), 3 * H, "confidentiality", status="pending")
    verified = record(D(2025, 2, 1), 3 * H, "confidentiality")
    before = by_key(status("pa-crs", [pending], D(2025, 6, 1), D(2018, 4, 10), D(2026, 6, 30)))
    after = by_key(status("pa-crs", [verified], D(2025, 6, 1), D(2018, 4, 10), D(2026, 6, 30)))
    assert (before["confidentiality"].missing, before["confidentiality"].pending) == (180, 180)
    assert (after["confidentiality"].missing, after["confidentiality"].satisfied) == (0, True)


def test_every_requirement_met_means_the_credential_is_satisfied():
    records = [record(D(2025, 1, 1), 14 * H, "ethics"), record(D(2025, 1, 2), 6 * H, "advocacy")]
    result = status("icrc-pr", records, D(2025, 3, 14))
    assert result.satisfied and all(r.satisfied for r in result.requirements)
    assert (result.total.verified, result.total.missing) == (20 * H, 0)


@pytest.mark.parametrize(
    ("earned", "today", "counted"),
    [
        (D(2025, 3, 14), D(2025, 3, 14), 60),  # the deadline day is inside the cycle
        (D(2025, 3, 14), D(2025, 3, 15), 0),  # and does not carry into the next
        (D(2025, 3, 15), D(2025, 3, 15), 60),
        (D(2023, 3, 14), D(2023, 6, 1), 0),  # the day before certification
        (D(2023, 3, 15), D(2023, 6, 1), 60),  # the certification day
        (D(2023, 3, 14), D(2022, 1, 1), 0),  # asked before certification: the first cycle
    ],
)
def test_icrc_records_count_only_inside_the_cycle_and_after_certification(earned, today, counted):
    result = status("icrc-pr", [record(earned, 60, "ethics")], today)
    assert by_key(result)["ethics"].verified == result.total.verified == counted


def test_pennsylvania_counts_the_two_years_before_expiry_and_not_the_day_before():
    records = [record(D(2024, 6, 30), 60, "ethics"), record(D(2024, 7, 1), 120, "ethics")]
    result = status("pa-crs", records, D(2025, 1, 1), D(2018, 4, 10), D(2026, 6, 30))
    assert by_key(result)["ethics"].verified == 120


def test_pennsylvania_counts_nothing_before_a_recent_certification():
    records = [record(D(2024, 8, 1), 60), record(D(2025, 1, 10), 120)]
    result = status("pa-crs", records, D(2025, 2, 1), D(2025, 1, 10), D(2026, 6, 30))
    assert (result.cycle_start, result.total.window_start) == (D(2024, 7, 1), D(2025, 1, 10))
    assert result.total.verified == 120


def test_georgia_counts_calendar_years_with_no_rollover():
    records = [record(D(2025, 12, 31), 12 * H), record(D(2026, 1, 1), 60)]
    this_year = status("ga-cares", records, D(2025, 12, 31), D(2019, 5, 20))
    next_year = status("ga-cares", records, D(2026, 1, 1), D(2019, 5, 20))
    assert this_year.total.verified == 12 * H
    assert next_year.total.verified == 60


def test_georgia_asks_no_ceus_in_the_year_of_the_academy_only_in_the_years_after():
    records = [record(D(2024, 5, 19), 60), record(D(2024, 5, 20), 60), record(D(2024, 2, 29), 60)]
    result = status("ga-cares", records, D(2024, 6, 1), D(2024, 5, 20))
    assert (result.cycle_start, result.cycle_end) == (D(2024, 5, 20), D(2024, 12, 31))
    assert result.no_ce_due and result.satisfied and result.total.required == 0
    assert result.next_cycle_start == D(2025, 1, 1)
    leap = status("ga-cares", records, D(2024, 6, 1), D(2020, 1, 1))
    assert leap.total.verified == 180


def test_georgia_connect_hours_count_only_from_records_tagged_with_that_provider():
    records = [
        record(D(2025, 3, 1), 4 * H, "peer-support", provider="cares-academy-connect"),
        record(D(2025, 4, 1), 8 * H, "ethics", provider="another-provider"),
    ]
    result = by_key(status("ga-cares", records, D(2025, 6, 1), D(2019, 5, 20)))
    assert result["total"].verified == 12 * H
    assert (result["cares-academy-connect"].verified, result["cares-academy-connect"].missing) == (
        4 * H,
        2 * H,
    )


def test_washington_counts_suicide_prevention_over_six_years_and_health_equity_over_four():
    records = [
        record(D(2027, 6, 30), 60, "suicide-prevention"),
        record(D(2027, 7, 1), 120, "suicide-prevention"),
        record(D(2029, 6, 30), 60, "health-equity"),
        record(D(2029, 7, 1), 90, "health-equity"),
    ]
    result = by_key(status("wa-cpss", records, D(2031, 8, 1), D(2025, 7, 1)))
    suicide, equity = result["suicide-prevention"], result["health-equity"]
    assert (suicide.window_start, suicide.window_end, suicide.verified) == (
        D(2027, 7, 1),
        D(2033, 6, 30),
        120,
    )
    assert (equity.window_start, equity.verified) == (D(2029, 7, 1), 90)
    assert result["total"].verified == 0  # none of these is in the current cycle


def test_an_older_suicide_prevention_record_frees_a_shared_record_for_law_and_ethics():
    shared = record(D(2025, 1, 10), 3 * H, "ethics", "suicide-prevention")
    older = record(D(2021, 6, 1), 3 * H, "suicide-prevention")  # before this cycle
    alone = by_key(status("wa-cpss", [shared], D(2025, 6, 1), D(2018, 1, 1)))
    both = by_key(status("wa-cpss", [shared, older], D(2025, 6, 1), D(2018, 1, 1)))
    assert (alone["law-and-ethics"].verified, alone["suicide-prevention"].missing) == (2 * H, 2 * H)
    assert (both["law-and-ethics"].verified, both["suicide-prevention"].missing) == (3 * H, 0)
    assert both["suicide-prevention"].assigned == (Assignment(older, 3 * H),)


def test_washington_windows_start_no_earlier_than_certification():
    result = by_key(status("wa-cpss", [], D(2026, 1, 1), D(2025, 7, 1)))
    assert result["suicide-prevention"].window_start == D(2025, 7, 1)
    assert result["suicide-prevention"].window_end == D(2027, 6, 30)


def test_washington_cycles_of_a_peer_born_on_29_february_end_on_the_last_day_of_february():
    result = by_key(status("wa-cpss", [], D(2032, 3, 1), D(2026, 3, 1), D(2028, 2, 29)))
    assert (result["total"].window_start, result["total"].window_end) == (
        D(2032, 3, 1),
        D(2034, 2, 28),
    )
    assert result["suicide-prevention"].window_start == D(2028, 3, 1)


def test_washington_asks_no_ce_in_a_short_first_credential():
    records = [record(D(2026, 1, 10), 10 * H, "peer-support")]
    first = status("wa-cpss", records, D(2026, 6, 1), D(2025, 9, 15), D(2027, 3, 3))
    assert first.no_ce_due and first.satisfied and first.total.required == 0
    assert (first.cycle_start, first.cycle_end) == (D(2025, 9, 15), D(2027, 3, 3))
    assert first.next_cycle_start == D(2027, 3, 4)
    full = status("wa-cpss", records, D(2027, 3, 4), D(2025, 9, 15), D(2027, 3, 3))
    assert not full.no_ce_due and full.total.required == 30 * H and full.total.verified == 0


def test_texas_asks_no_renewal_training_in_the_six_month_initial_certification():
    first = status("tx-peer-specialist", [], D(2024, 8, 28), D(2024, 2, 29))
    assert first.no_ce_due and (first.cycle_start, first.cycle_end) == (
        D(2024, 2, 29),
        D(2024, 8, 28),
    )
    after = status("tx-peer-specialist", [], D(2024, 8, 29), D(2024, 2, 29))
    assert (after.cycle_start, after.cycle_end) == (D(2024, 8, 29), D(2026, 8, 28))
    assert after.total.required == 20 * H


def test_an_hour_of_ethics_counts_toward_ethics_and_the_total():
    result = by_key(
        status("tx-peer-specialist", [record(D(2024, 1, 1), 60, "ethics")], D(2024, 6, 1))
    )
    assert (result["ethics"].verified, result["total"].verified) == (60, 60)
    assert (result["ethics"].missing, result["total"].missing) == (120, 1140)


def test_oregon_ethics_boundaries_self_care_accepts_either_topic_and_counts_a_record_once():
    records = [
        record(D(2024, 1, 1), 60, "self-care"),
        record(D(2024, 2, 1), 120, "ethics", "self-care"),
        record(D(2024, 3, 1), 60, "advocacy"),
    ]
    result = by_key(status("or-prc", records, D(2024, 6, 1)))
    assert result["ethics-boundaries-self-care"].verified == 180
    assert result["total"].verified == 240


def pennsylvania(records):
    return by_key(status("pa-crs", records, D(2025, 2, 1), D(2018, 4, 10), D(2026, 6, 30)))


def test_a_record_with_two_topics_counts_once_across_the_minimums_and_fully_toward_the_total():
    both = record(D(2025, 1, 1), 3 * H, "ethics", "confidentiality")
    result = pennsylvania([both])
    assert result["total"].verified == 3 * H
    assert result["ethics"].verified + result["confidentiality"].verified == 3 * H
    assert result["ethics"].missing + result["confidentiality"].missing == 6 * H


def test_a_second_ethics_record_lets_the_shared_record_fill_confidentiality():
    both = record(D(2025, 1, 1), 3 * H, "ethics", "confidentiality")
    ethics = record(D(2025, 1, 5), 6 * H, "ethics")
    result = pennsylvania([both, ethics])
    assert (result["ethics"].missing, result["confidentiality"].missing) == (0, 0)
    assert result["ethics"].assigned == (Assignment(ethics, 6 * H),)
    assert result["confidentiality"].assigned == (Assignment(both, 3 * H),)
    assert (result["total"].verified, result["total"].missing) == (9 * H, 21 * H)


def test_a_split_record_gives_each_minimum_part_of_its_minutes():
    both = record(D(2025, 1, 1), 4 * H, "ethics", "confidentiality")
    ethics = record(D(2025, 1, 5), 5 * H, "ethics")
    result = pennsylvania([both, ethics])
    assert result["ethics"].assigned == (Assignment(both, 1 * H), Assignment(ethics, 5 * H))
    assert result["confidentiality"].assigned == (Assignment(both, 3 * H),)
    assert result["ethics"].satisfied and result["confidentiality"].satisfied


def test_a_rule_set_whose_topics_may_overlap_counts_a_record_toward_each_minimum():
    overlapping = replace(BUNDLED["pa-crs"], topics_may_overlap=True)
    both = record(D(2025, 1, 1), 3 * H, "ethics", "confidentiality")
    result = by_key(status("", [both], D(2025, 2, 1), D(2018, 4, 10), D(2026, 6, 30), overlapping))
    assert [result[k].verified for k in ("total", "ethics", "confidentiality")] == [3 * H] * 3


def test_rejected_and_withdrawn_records_never_count_nor_show_as_pending():
    records = [
        record(D(2024, 1, 1), 60, "ethics", status="rejected"),
        record(D(2024, 1, 1), 60, "ethics", status="withdrawn"),
    ]
    result = status("icrc-pr", records, D(2024, 6, 1))
    assert (result.total.verified, result.total.pending) == (0, 0)


def test_the_deadline_day_has_no_days_left():
    assert status("icrc-pr", [], D(2025, 3, 14)).days_left == 0
    assert status("icrc-pr", [], D(2025, 3, 13)).days_left == 1


def test_negative_minutes_are_refused():
    with pytest.raises(ValueError, match="negative minutes"):
        status("icrc-pr", [record(D(2024, 1, 1), -60)], D(2024, 6, 1))


def test_a_cap_limits_what_counts_from_one_delivery_format_in_each_cycle():
    records = [
        record(D(2024, 1, 1), 300, "ethics", delivery="self-paced"),
        record(D(2024, 2, 1), 60, delivery="webinar"),
        record(D(2024, 3, 1), 120, delivery="live"),
        record(D(2024, 4, 1), 60, status="pending", delivery="self-paced"),
        record(D(2023, 6, 14), 240, delivery="self-paced"),  # the previous cycle
    ]
    result = by_key(status("", records, D(2024, 6, 1), D(2022, 6, 15), rule_set=CAPPED))
    # Self-paced and webinar: 6 h earned in this cycle, 4.25 h count; live: 2 h.
    assert (result["total"].verified, result["total"].pending) == (255 + 120, 0)
    assert (result["ethics"].verified, result["ethics"].pending) == (255, 0)


def test_pending_shows_only_what_would_count_once_verified():
    records = [
        record(D(2024, 1, 1), 240, delivery="self-paced"),
        record(D(2024, 2, 1), 60, status="pending", delivery="webinar"),
        record(D(2024, 2, 1), 60, status="pending", delivery="live"),
    ]
    result = status("", records, D(2024, 6, 1), D(2022, 6, 15), rule_set=CAPPED)
    assert (result.total.verified, result.total.pending) == (240, 15 + 60)


def test_a_course_finished_late_on_new_years_eve_counts_in_the_peers_own_year():
    moment = datetime(2026, 1, 1, 7, 30, tzinfo=UTC)  # 23:30 on 31 December in Los Angeles
    earned = local_date(moment, "America/Los_Angeles")
    assert earned == D(2025, 12, 31)
    assert local_date(moment, "Europe/Berlin") == D(2026, 1, 1)
    result = status("ga-cares", [record(earned, 60)], D(2025, 12, 31), D(2019, 5, 20))
    assert result.total.verified == 60
