"""Rule versions with effective dates: a cycle is judged by the version in force when it
began, the renewal picture says what changes from the next cycle, and a rule file with dates
out of order or shared gets a line-numbered finding."""

from datetime import date as D

from lms.ce.engine import renewal_status
from lms.ce.rulefile import read_rule_file
from tests.ce.builders import record

H = 60

VERSIONED = """\
key: versioned
name: Versioned credential
issuing_body: A board
sources:
  - {url: "https://example.org/rules", title: Rules, supports: everything, retrieved: 2026-12-04}
cycle: {kind: anniversary, months: 24}
versions:
  - effective_from: 2020-01-01
    total_hours: 20
    note: Rules change. Check with your board before relying on these figures.
    requirements:
      - {key: ethics, label: Ethics, topics: [ethics], hours: 3}
  - effective_from: 2027-03-01
    total_hours: 30
{extra}"""


def rule_file(tmp_path, extra=""):
    path = tmp_path / "versioned.yaml"
    path.write_text(VERSIONED.replace("{extra}", extra))
    return read_rule_file(path)


def judge(rule_set, today, certified=D(2025, 3, 1)):
    return renewal_status(
        rule_set, certified_on=certified, expires_on=None, records=[], today=today
    )


def test_a_cycle_is_judged_by_the_version_in_force_when_it_began_and_warns_of_the_next(tmp_path):
    rule_set, findings = rule_file(tmp_path)
    assert findings == [] and rule_set.total.minutes == 30 * H  # the newest version
    before = judge(rule_set, D(2027, 2, 28))
    assert before.total.required == 20 * H
    assert before.next_cycle_start == D(2027, 3, 1)
    assert [str(c) for c in before.next_changes] == ["Total hours: 20 hours becomes 30 hours"]
    at_boundary = judge(rule_set, D(2027, 3, 1))
    assert at_boundary.total.required == 30 * H and at_boundary.next_changes == ()
    ethics = {r.key: r for r in at_boundary.requirements}["ethics"]
    assert ethics.required == 3 * H  # a version keeps what it does not change


def test_a_version_a_board_applies_immediately_judges_the_running_cycle(tmp_path):
    rule_set, _ = rule_file(tmp_path, "    applies: immediately\n")
    certified = D(2026, 1, 1)
    assert judge(rule_set, D(2027, 2, 28), certified).total.required == 20 * H
    assert judge(rule_set, D(2027, 3, 1), certified).total.required == 30 * H


def test_versions_out_of_order_or_on_one_day_are_line_numbered_errors(tmp_path):
    _, findings = rule_file(tmp_path, "  - effective_from: 2027-03-01\n    total_hours: 40\n")
    assert [(f.line, f.code) for f in findings] == [(15, "version-order")]
    assert "Two versions take effect on 2027-03-01" in findings[0].message
    _, findings = rule_file(tmp_path, "  - effective_from: 2021-01-01\n")
    assert [(f.line, f.code) for f in findings] == [(15, "version-order")]


def test_rules_written_both_flat_and_in_versions_are_refused(tmp_path):
    _, findings = rule_file(tmp_path, "total_hours: 10\n")
    assert "versioned-and-flat" in [f.code for f in findings]


def test_shared_minutes_stay_counted_once_under_a_new_version(tmp_path):
    rule_set, _ = rule_file(tmp_path)
    shared = record(D(2027, 4, 1), 3 * H, "ethics")
    result = renewal_status(
        rule_set, certified_on=D(2025, 3, 1), expires_on=None, records=[shared],
        today=D(2027, 5, 1),
    )  # fmt: skip
    assigned = sum(part.minutes for r in result.requirements[1:] for part in r.assigned)
    assert assigned <= shared.minutes and result.total.verified == 3 * H
