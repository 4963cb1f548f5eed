"""The rule sets added for more boards with large peer workforces (issue 18): their figures as
each board's own page states them, their sources, and one renewal picture each at the edge of a
cycle, where a peer learns whether a topic minimum is met."""

from datetime import date

import pytest

from lms.ce.engine import renewal_status
from lms.ce.rules import BUNDLED_RULES_DIR, check_rule_paths
from lms.content.vocabulary import load_vocabulary
from tests.ce.builders import BUNDLED, record

D = date
H = 60  # minutes in an hour

# (cycle kind, months, {requirement key: (topics, hours)}); every hour figure is the board's.
FIGURES = {
    "pa-cps": (
        "fixed_expiry",
        24,
        {
            "total": ((), 36),
            "peer-support-recovery": (("peer-support", "recovery-support"), 24),
            "ethics": (("ethics",), 3),
        },
    ),
    "pa-cfrs": (
        "fixed_expiry",
        24,
        {
            "total": ((), 30),
            "ethics": (("ethics",), 6),
            "confidentiality": (("confidentiality",), 3),
        },
    ),
    "nc-cpss": (
        "fixed_expiry",
        24,
        {"total": ((), 20), "ethics": (("ethics",), 3)},
    ),
    "oh-peer-supporter": (
        "anniversary",
        24,
        {
            "total": ((), 30),
            "ethics": (("ethics", "confidentiality"), 3),
            "boundaries": (("ethics",), 3),
            "diversity": (("cultural-responsiveness",), 2),
            "system-navigation": (("care-coordination",), 1),
            "trauma-informed-care": (("trauma-informed-care",), 2),
            "human-trafficking": (("human-trafficking",), 1),
            "behavioral-health": (("recovery-support",), 1),
            "health-wellness": (("self-care",), 1),
            "coaching": (("peer-support", "mentoring-education"), 2),
        },
    ),
}

# The board's own page each rule set names first.
SOURCES = {
    "pa-cps": "https://www.pacertboard.org/recertification-information",
    "pa-cfrs": "https://www.pacertboard.org/recertification-information",
    "nc-cpss": "https://pss.unc.edu/certification/recertification",
    "oh-peer-supporter": "https://mha.ohio.gov/community-partners/peer-supporters/"
    "apply-for-peer-supporter-certification-renewal",
}


def test_the_new_rule_sets_are_bundled_and_the_bundled_folder_checks_clean():
    assert set(FIGURES) <= set(BUNDLED)
    assert check_rule_paths([BUNDLED_RULES_DIR]) == []


def test_flask_ce_rules_check_is_clean_on_the_bundled_folder(app):
    app.config["CREDENTIAL_RULE_DIRS"] = []
    result = app.test_cli_runner().invoke(args=["ce", "rules", "check", str(BUNDLED_RULES_DIR)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "0 errors, 0 warnings, 0 notes."


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_each_new_rule_set_has_the_figures_its_board_states(key):
    kind, months, requirements = FIGURES[key]
    rule_set = BUNDLED[key]
    assert (rule_set.cycle.kind, rule_set.cycle.months) == (kind, months)
    assert rule_set.requirements[0].key == "total"
    found = {r.key: (r.topics, r.minutes) for r in rule_set.requirements}
    assert found == {k: (topics, hours * H) for k, (topics, hours) in requirements.items()}
    assert all(r.window_years is None and not r.providers for r in rule_set.requirements)
    assert not rule_set.caps and not rule_set.approved_hours_only
    assert not rule_set.topics_may_overlap


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_each_new_rule_set_names_its_board_page_read_today_and_sends_peers_to_their_board(key):
    rule_set = BUNDLED[key]
    assert rule_set.sources[0].url == SOURCES[key]
    assert rule_set.checked_on == D(2026, 12, 4)
    assert rule_set.note.startswith(
        "Rules change. Check with your board before relying on these figures."
    )


def test_the_topics_ohio_needs_are_in_the_vocabulary_with_a_label():
    topics = load_vocabulary().topics
    for key in ("care-coordination", "trauma-informed-care", "human-trafficking"):
        assert topics[key]


def test_only_pennsylvania_cps_states_initial_figures():
    initial = BUNDLED["pa-cps"].initial
    assert (initial.training_minutes, initial.code_of_ethics, initial.exam) == (
        75 * H,
        True,
        "PCB Examination for Certified Peer Specialists",
    )
    assert initial.experience_minutes is None and initial.supervision_minutes is None
    for key in ("pa-cfrs", "nc-cpss", "oh-peer-supporter"):
        assert BUNDLED[key].initial is None


def status(key, records, today, certified, expires=None):
    return renewal_status(
        BUNDLED[key], certified_on=certified, expires_on=expires, records=records, today=today
    )


def by_key(result):
    return {r.key: r for r in result.requirements}


def test_pa_cps_on_expiry_day_ethics_records_cannot_also_fill_the_peer_support_hours():
    # 36 hours earned, but the ethics record tagged peer support too gives its 3 hours once.
    records = [
        record(D(2024, 7, 1), 21 * H, "peer-support"),
        record(D(2025, 5, 1), 3 * H, "ethics", "peer-support"),
        record(D(2026, 1, 1), 12 * H, "advocacy"),
    ]
    result = status("pa-cps", records, D(2026, 6, 30), D(2020, 7, 1), D(2026, 6, 30))
    assert (result.cycle_start, result.deadline, result.days_left) == (
        D(2024, 7, 1),
        D(2026, 6, 30),
        0,
    )
    found = by_key(result)
    assert found["total"].verified == 36 * H and found["total"].satisfied
    # Whichever minimum the 3 hours go to, the other is 3 hours short.
    assert found["ethics"].missing + found["peer-support-recovery"].missing == 3 * H
    assert not result.satisfied


def test_pa_cps_recovery_practices_count_toward_the_24_hours():
    records = [
        record(D(2024, 8, 1), 12 * H, "peer-support"),
        record(D(2024, 9, 1), 12 * H, "recovery-support"),
        record(D(2024, 10, 1), 3 * H, "ethics"),
        record(D(2024, 11, 1), 9 * H, "self-care"),
    ]
    result = status("pa-cps", records, D(2026, 6, 30), D(2020, 7, 1), D(2026, 6, 30))
    assert result.satisfied


def test_pa_cfrs_the_day_after_expiry_starts_a_cycle_where_earlier_hours_do_not_count():
    records = [
        record(D(2026, 6, 30), 6 * H, "ethics"),
        record(D(2026, 6, 30), 3 * H, "confidentiality"),
        record(D(2026, 6, 30), 21 * H, "peer-support"),
    ]
    expires = D(2026, 6, 30)
    on_expiry = status("pa-cfrs", records, expires, D(2020, 7, 1), expires)
    assert on_expiry.satisfied and on_expiry.deadline == expires
    # A peer who has not yet entered the new expiry date is shown the cycle that follows.
    after = status("pa-cfrs", records, D(2026, 7, 1), D(2020, 7, 1), expires)
    assert (after.cycle_start, after.deadline) == (D(2026, 7, 1), D(2028, 6, 30))
    assert by_key(after)["ethics"].missing == 6 * H
    assert by_key(after)["confidentiality"].missing == 3 * H


def test_nc_cpss_twenty_hours_without_three_of_ethics_do_not_renew_on_expiry_day():
    expires = D(2026, 3, 31)
    without = [record(D(2024, 4, 1), 20 * H, "peer-support")]
    result = status("nc-cpss", without, expires, D(2022, 4, 1), expires)
    assert result.cycle_start == D(2024, 4, 1) and result.days_left == 0
    assert by_key(result)["total"].satisfied
    assert by_key(result)["ethics"].missing == 3 * H and not result.satisfied
    with_ethics = [record(D(2024, 4, 1), 17 * H, "peer-support"), record(expires, 3 * H, "ethics")]
    assert status("nc-cpss", with_ethics, expires, D(2022, 4, 1), expires).satisfied


def test_nc_cpss_ethics_earned_the_day_before_the_cycle_does_not_count():
    expires = D(2026, 3, 31)
    records = [record(D(2024, 3, 31), 3 * H, "ethics"), record(D(2024, 4, 1), 17 * H, "advocacy")]
    result = status("nc-cpss", records, D(2026, 3, 1), D(2022, 4, 1), expires)
    assert by_key(result)["ethics"].verified == 0
    assert by_key(result)["total"].missing == 3 * H


def ohio_records(day, ethics_hours):
    """Every Ohio topic minimum met, with `ethics_hours` of ethics for ethics and boundaries."""
    return [
        record(day, ethics_hours * H, "ethics"),
        record(day, 2 * H, "cultural-responsiveness"),
        record(day, 1 * H, "care-coordination"),
        record(day, 2 * H, "trauma-informed-care"),
        record(day, 1 * H, "human-trafficking"),
        record(day, 1 * H, "recovery-support"),
        record(day, 1 * H, "self-care"),
        record(day, 2 * H, "mentoring-education"),
        record(day, (30 - 10 - ethics_hours) * H, "advocacy"),
    ]


def test_ohio_on_the_last_day_of_a_cycle_three_ethics_hours_cannot_cover_boundaries_too():
    certified, last_day = D(2024, 5, 10), D(2026, 5, 9)
    short = status("oh-peer-supporter", ohio_records(last_day, 3), last_day, certified)
    assert (short.cycle_start, short.deadline, short.days_left) == (certified, last_day, 0)
    assert by_key(short)["total"].satisfied
    assert by_key(short)["ethics"].missing + by_key(short)["boundaries"].missing == 3 * H
    assert not short.satisfied
    full = status("oh-peer-supporter", ohio_records(last_day, 6), last_day, certified)
    assert full.satisfied


def test_ohio_on_the_first_day_of_the_next_cycle_every_topic_starts_again():
    certified = D(2024, 5, 10)
    result = status("oh-peer-supporter", ohio_records(D(2026, 5, 9), 6), D(2026, 5, 10), certified)
    assert (result.cycle_start, result.deadline) == (D(2026, 5, 10), D(2028, 5, 9))
    assert all(r.verified == 0 and not r.satisfied for r in result.requirements)
