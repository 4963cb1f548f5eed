"""The six bundled rule sets: their figures, sources and notes, and that each checks clean."""

import pytest

from lms.ce.rules import BUNDLED_RULES_DIR, check_rule_paths
from tests.ce.builders import BUNDLED

# (key, cycle kind, months, {requirement key: (topics, minutes, window_years, providers)})
FIGURES = {
    "icrc-pr": (
        "anniversary",
        24,
        {"total": ((), 1200, None, ()), "ethics": (("ethics",), 360, None, ())},
    ),
    "pa-crs": (
        "fixed_expiry",
        24,
        {
            "total": ((), 1800, None, ()),
            "ethics": (("ethics",), 360, None, ()),
            "confidentiality": (("confidentiality",), 180, None, ()),
        },
    ),
    "tx-peer-specialist": (
        "anniversary",
        24,
        {"total": ((), 1200, None, ()), "ethics": (("ethics",), 180, None, ())},
    ),
    "wa-cpss": (
        "birthday",
        24,
        {
            "total": ((), 1800, None, ()),
            "peer-support": (("peer-support",), 840, None, ()),
            "law-and-ethics": (("ethics",), 120, None, ()),
            "suicide-prevention": (("suicide-prevention",), 180, 6, ()),
            "health-equity": (("health-equity",), 120, 4, ()),
        },
    ),
    "ga-cares": (
        "calendar_year",
        12,
        {
            "total": ((), 720, None, ()),
            "cares-academy-connect": ((), 360, None, ("cares-academy-connect",)),
        },
    ),
    "or-prc": (
        "anniversary",
        24,
        {
            "total": ((), 1200, None, ()),
            "ethics-boundaries-self-care": (("ethics", "self-care"), 360, None, ()),
        },
    ),
    "or-crm": (
        "anniversary",
        24,
        {
            "total": ((), 1200, None, ()),
            "ethics": (("ethics",), 360, None, ()),
            "suicide-prevention": (("suicide-prevention",), 120, None, ()),
        },
    ),
    "ca-cmpss": (
        "anniversary",
        24,
        {"total": ((), 1200, None, ()), "law-and-ethics": (("ethics",), 360, None, ())},
    ),
}

SOURCES = {
    "icrc-pr": "https://internationalcredentialing.org/icrc-credentials/pr",
    "pa-crs": "https://www.pacertboard.org/recertification-information",
    "tx-peer-specialist": "https://gavvy.com/details/3543205-initial-peer-specialist-certification-198771",
    "wa-cpss": "http://app.leg.wa.gov/wac/default.aspx?cite=246-929-300",
    "ga-cares": "https://gasubstanceabuse.org/cares-continuing-education-program/",
    "or-prc": "https://vdocument.in/certified-addiction-peer-recovery-counselor-prc.html",
    "or-crm": "https://www.mhacbo.org/en/recertification/crm",
    "ca-cmpss": "https://www.capeercertification.org/certification-renewal-continued-education-requirements/",
}


def test_the_original_credentials_are_bundled_and_their_files_check_without_findings():
    assert set(FIGURES) <= set(BUNDLED)  # the newer boards' figures: tests/ce/test_more_boards.py
    assert check_rule_paths([BUNDLED_RULES_DIR]) == []


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_each_bundled_rule_set_has_the_figures_of_the_domain_brief(key):
    kind, months, requirements = FIGURES[key]
    rule_set = BUNDLED[key]
    assert (rule_set.cycle.kind, rule_set.cycle.months) == (kind, months)
    assert rule_set.requirements[0].key == "total"
    found = {
        r.key: (r.topics, r.minutes, r.window_years, r.providers) for r in rule_set.requirements
    }
    assert found == requirements


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_each_bundled_rule_set_names_its_source_and_sends_peers_to_their_board(key):
    rule_set = BUNDLED[key]
    assert rule_set.sources[0].url == SOURCES[key]
    assert rule_set.note.startswith(
        "Rules change. Check with your board before relying on these figures."
    )
    assert rule_set.name and rule_set.issuing_body


def test_notes_flag_what_the_brief_flags():
    assert "[mirror]" in BUNDLED["or-prc"].note
    assert "[mirror]" in BUNDLED["pa-crs"].note  # the "2 years before expiry" rule
    assert "cares-academy-connect" in BUNDLED["ga-cares"].note
    assert "cohorts 1 to 51" in BUNDLED["ga-cares"].note
    assert "counted as one here" not in BUNDLED["ga-cares"].note  # no "first year full" rule
    assert "supervisory CE" in BUNDLED["wa-cpss"].note
    assert "telehealth" in BUNDLED["wa-cpss"].note


# Initial certification, where domain.md §2.1 and §2.4 give the figures (hours).
INITIAL = {
    "icrc-pr": (46, (("advocacy", 10), ("mentoring-education", 10),
                     ("recovery-wellness-support", 10), ("ethical-responsibility", 16)),
                500, 25, True, "IC&RC Peer Recovery Examination"),
    "pa-crs": (78, (), None, None, False, "PCB Certified Recovery Specialist (CRS) exam"),
    "tx-peer-specialist": (None, (), None, None, False, ""),
    "wa-cpss": (80, (), 1000, None, False, "Health Care Authority oral and written examinations"),
    "or-crm": (40, (), None, None, False, ""),
    "ca-cmpss": (80, (), None, None, False,
                 "CalMHSA Medi-Cal Peer Support Specialist Certification Exam"),
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(INITIAL))
def test_initial_requirements_have_the_figures_of_the_domain_brief(key):
    initial = BUNDLED[key].initial

    def hours(minutes):
        return None if minutes is None else minutes // 60

    found = (
        hours(initial.training_minutes),
        tuple((domain, minutes // 60) for domain, minutes in initial.training_by_domain),
        hours(initial.experience_minutes),
        hours(initial.supervision_minutes),
        initial.code_of_ethics,
        initial.exam,
    )
    assert found == INITIAL[key]


def test_texas_initial_training_must_be_live_and_its_experience_follows_certification():
    initial = BUNDLED["tx-peer-specialist"].initial
    assert initial.training_delivery == "live"
    assert "250 hours of" in initial.after_certification
    assert "six months" in initial.after_certification
    assert "HHSC" not in BUNDLED["tx-peer-specialist"].issuing_body


def test_oregon_prc_is_ended_and_replaced_by_the_crm():
    prc, crm = BUNDLED["or-prc"], BUNDLED["or-crm"]
    assert prc.ended and prc.replaced_by == "or-crm" and prc.initial is None
    assert not crm.ended and crm.approved_hours_only and crm.initial.recovery_years == 2
    assert crm.initial.training_from and not crm.initial.exam
