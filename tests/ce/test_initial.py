"""Progress toward a first certificate: training by domain, practice and supervision hours,
the code of ethics and the exam, each verified, pending or missing."""

from dataclasses import replace

import pytest

from lms.ce.data import InitialRequirements
from lms.ce.initial import OUTSIDE, Hours, TrainingInput, initial_status
from tests.ce.builders import BUNDLED

H = 60
NONE = Hours()
LABELS = {
    "advocacy": "Advocacy",
    "mentoring-education": "Mentoring/Education",
    "recovery-wellness-support": "Recovery/Wellness Support",
    "ethical-responsibility": "Ethical Responsibility",
}


def course(minutes, status="verified", **domains):
    allocation = tuple((key.replace("_", "-"), value) for key, value in domains.items())
    return TrainingInput(minutes, allocation, status)


def icrc(training=(), experience=NONE, supervision=NONE, ethics=False):
    return initial_status(
        BUNDLED["icrc-pr"].initial,
        training=training,
        experience=experience,
        supervision=supervision,
        ethics_affirmed=ethics,
        domain_labels=LABELS,
    )


def needs(result):
    return {i.key: (i.required, i.verified, i.pending, i.missing) for i in result.items}


def test_icrc_peer_recovery_asks_for_46_hours_by_domain_500_practice_25_supervision():
    assert needs(icrc()) == {
        "training": (46 * H, 0, 0, 46 * H),
        "training-advocacy": (10 * H, 0, 0, 10 * H),
        "training-mentoring-education": (10 * H, 0, 0, 10 * H),
        "training-recovery-wellness-support": (10 * H, 0, 0, 10 * H),
        "training-ethical-responsibility": (16 * H, 0, 0, 16 * H),
        "experience": (500 * H, 0, 0, 500 * H),
        "supervision": (25 * H, 0, 0, 25 * H),
        "ethics": (1, 0, 0, 1),
        "exam": (1, 0, 0, 1),
    }
    assert icrc().item("exam").label == "IC&RC Peer Recovery Examination"


def test_a_course_counts_toward_each_domain_by_its_own_allocation():
    # A 3-hour course: 2 hours toward ethical responsibility, 1 toward advocacy.
    result = icrc([course(3 * H, ethical_responsibility=2 * H, advocacy=1 * H)])
    got = needs(result)
    assert got["training"] == (46 * H, 3 * H, 0, 43 * H)
    assert got["training-ethical-responsibility"] == (16 * H, 2 * H, 0, 14 * H)
    assert got["training-advocacy"] == (10 * H, 1 * H, 0, 9 * H)
    assert got["training-mentoring-education"] == (10 * H, 0, 0, 10 * H)


def test_training_from_elsewhere_counts_toward_the_total_only_and_only_once_verified():
    result = icrc([course(4 * H), course(2 * H, status="pending"), course(5 * H, "rejected")])
    got = needs(result)
    assert got["training"] == (46 * H, 4 * H, 2 * H, 42 * H)
    assert all(got[f"training-{d}"][1:3] == (0, 0) for d in LABELS)


def test_pending_practice_and_supervision_show_but_do_not_count():
    result = icrc(experience=Hours(120 * H, 30 * H), supervision=Hours(25 * H, 2 * H))
    got = needs(result)
    assert got["experience"] == (500 * H, 120 * H, 30 * H, 380 * H)
    assert got["supervision"] == (25 * H, 25 * H, 2 * H, 0)
    assert result.item("supervision").satisfied and not result.item("experience").satisfied


def test_everything_tracked_done_is_ready_though_the_exam_stays_with_the_board():
    training = [
        course(10 * H, advocacy=10 * H),
        course(10 * H, mentoring_education=10 * H),
        course(10 * H, recovery_wellness_support=10 * H),
        course(16 * H, ethical_responsibility=16 * H),
    ]
    almost = icrc(training, Hours(500 * H), Hours(25 * H), ethics=False)
    assert not almost.satisfied and [i.key for i in almost.items if not i.satisfied] == [
        "ethics",
        "exam",
    ]
    ready = icrc(training, Hours(500 * H), Hours(25 * H), ethics=True)
    assert ready.satisfied
    assert ready.item("exam").kind == OUTSIDE and not ready.item("exam").satisfied


def test_a_rule_set_lists_only_the_figures_its_board_gives():
    washington = initial_status(
        BUNDLED["wa-cpss"].initial,
        training=[course(H)],
        experience=Hours(),
        supervision=Hours(),
        ethics_affirmed=False,
        domain_labels=LABELS,
    )
    assert [i.key for i in washington.items] == ["training", "experience", "recovery", "exam"]
    # The 80 hours come from the Health Care Authority's course: Peerpath courses do not count.
    assert washington.item("training").kind == OUTSIDE
    assert "Health Care Authority" in washington.item("training").label
    assert needs(washington)["experience"] == (1000 * H, 0, 0, 1000 * H)


def test_negative_minutes_are_refused():
    with pytest.raises(ValueError, match="negative"):
        icrc([course(-H)])


def test_requirements_without_figures_report_nothing_missing_but_the_exam():
    result = initial_status(
        InitialRequirements(exam="CARES Academy exam"),
        training=[],
        experience=Hours(),
        supervision=Hours(),
        ethics_affirmed=False,
        domain_labels=LABELS,
    )
    assert [i.key for i in result.items] == ["exam"] and result.satisfied


def test_texas_counts_only_live_training_and_says_self_paced_courses_do_not_count():
    texas = BUNDLED["tx-peer-specialist"].initial
    live = replace(texas, training_minutes=10 * H)
    result = initial_status(
        live,
        training=[course(4 * H), replace(course(3 * H), delivery="live")],
        experience=Hours(),
        supervision=Hours(),
        ethics_affirmed=False,
        domain_labels=LABELS,
    )
    assert result.item("training").verified == 3 * H  # the self-paced 4 hours do not count
