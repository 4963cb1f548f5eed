"""Rule files: every mistake is reported at its line with what to do, and loading refuses them."""

import re

import pytest

from lms.ce.rules import (
    BUNDLED_RULES_DIR,
    RuleFileError,
    check_rule_file,
    check_rule_paths,
    load_rule_set,
    load_rule_sets,
)
from tests.ce.builders import FIXTURES, VALID_RULE, only, write_rule


def check(tmp_path, old: str, new: str, name: str = "demo.yaml"):
    assert old in VALID_RULE, old
    return check_rule_file(write_rule(tmp_path, VALID_RULE.replace(old, new), name))


def place(finding):
    return finding.line, finding.column, finding.severity


def test_the_valid_rule_file_has_no_findings_and_loads_hours_as_minutes(tmp_path):
    path = write_rule(tmp_path)
    assert check_rule_file(path) == []
    rule_set = load_rule_set(path)
    assert [(r.key, r.label, r.topics, r.minutes) for r in rule_set.requirements] == [
        ("total", "Total hours", (), 1200),
        ("ethics", "Ethics", ("ethics",), 360),
    ]
    assert rule_set.path == str(path)


def test_quarter_hours_become_whole_minutes(tmp_path):
    rule_set = load_rule_set(
        write_rule(tmp_path, VALID_RULE.replace("hours: 6\n", "hours: 6.25\n"))
    )
    assert rule_set.requirements[1].minutes == 375
    assert isinstance(rule_set.requirements[1].minutes, int)


def test_hours_not_in_quarter_hour_steps_name_the_nearest_steps(tmp_path):
    finding = only(check(tmp_path, "hours: 6\n", "hours: 6.1\n"), "bad-hours")
    assert place(finding) == (14, 12, "error")
    assert finding.message == "6.1 hours is not in quarter-hour steps."
    assert finding.suggestion == "Use 6 or 6.25."


@pytest.mark.parametrize("value", ["0", "-2", "six", ".inf", "1:30", "[6]"])
def test_hours_must_be_a_positive_number(tmp_path, value):
    finding = only(check(tmp_path, "total_hours: 20", f"total_hours: {value}"), "bad-hours")
    assert (finding.line, finding.message) == (
        9,
        "'total_hours' must be a number of hours above 0, like 6.5.",
    )


def test_topics_may_overlap_is_off_unless_the_file_says_true(tmp_path):
    assert load_rule_set(write_rule(tmp_path)).topics_may_overlap is False
    text = VALID_RULE.replace("total_hours: 20\n", "total_hours: 20\ntopics_may_overlap: true\n")
    assert load_rule_set(write_rule(tmp_path, text)).topics_may_overlap is True


@pytest.mark.parametrize("value", ["sometimes", "2", "[true]"])
def test_a_bad_topics_may_overlap_is_reported_at_its_line(tmp_path, value):
    new = f"total_hours: 20\ntopics_may_overlap: {value}"
    finding = only(check(tmp_path, "total_hours: 20", new), "bad-value")
    assert (finding.line, finding.column, finding.severity) == (10, 21, "error")
    assert finding.message == "'topics_may_overlap' must be true or false."


def test_an_unknown_key_suggests_the_one_meant(tmp_path):
    finding = only(check(tmp_path, "total_hours: 20", "total_hour: 20"), "unknown-key")
    assert place(finding) == (9, 1, "error")
    assert (finding.message, finding.suggestion) == (
        "Unknown key 'total_hour'.",
        "Did you mean 'total_hours'?",
    )


def test_an_unknown_key_inside_a_requirement_suggests_the_one_meant(tmp_path):
    findings = check(tmp_path, "    topics: [ethics]", "    topic: [ethics]")
    finding = only(findings, "unknown-key")
    assert (finding.line, finding.column, finding.suggestion) == (13, 5, "Did you mean 'topics'?")
    assert only(findings, "missing-key").message == "This requirement names no topics or providers."


def test_an_unknown_topic_is_checked_against_the_vocabulary(tmp_path):
    finding = only(check(tmp_path, "topics: [ethics]", "topics: [ethic]"), "unknown-topic")
    assert place(finding) == (13, 14, "error")
    assert finding.message == "'ethic' is not a topic in lms/content/vocabulary.yaml."
    assert finding.suggestion == "Did you mean 'ethics'?"


def test_a_missing_key_is_named(tmp_path):
    finding = only(check(tmp_path, "total_hours: 20\n", ""), "missing-key")
    assert place(finding) == (1, 1, "error")
    assert finding.message == "The rule file needs 'total_hours'."
    assert finding.suggestion == "Add 'total_hours:' and its value."


def test_a_requirement_missing_its_hours_is_reported_at_the_requirement(tmp_path):
    finding = only(check(tmp_path, "    hours: 6\n", ""), "missing-key")
    assert (finding.line, finding.column, finding.message) == (
        11,
        5,
        "Each requirement needs 'hours'.",
    )


def test_a_bad_cycle_kind_suggests_the_one_meant(tmp_path):
    finding = only(check(tmp_path, "kind: anniversary", "kind: anniversery"), "bad-cycle-kind")
    assert place(finding) == (7, 9, "error")
    assert finding.message == "'anniversery' is not a cycle kind."
    assert finding.suggestion == "Did you mean 'anniversary'?"


def test_an_anniversary_cycle_needs_months(tmp_path):
    finding = only(check(tmp_path, "  months: 24\n", ""), "missing-key")
    assert (finding.line, finding.suggestion) == (7, "Add 'months:' under 'cycle:'.")


def test_a_calendar_year_cycle_runs_whole_years(tmp_path):
    findings = check(
        tmp_path, "kind: anniversary\n  months: 24", "kind: calendar_year\n  months: 18"
    )
    finding = only(findings, "bad-value")
    assert (finding.line, finding.suggestion) == (8, "Use 12, 24, 36 …")


def test_a_calendar_year_cycle_defaults_to_twelve_months(tmp_path):
    text = VALID_RULE.replace("kind: anniversary\n  months: 24\n", "kind: calendar_year\n")
    assert load_rule_set(write_rule(tmp_path, text)).cycle.months == 12


def test_months_must_be_a_whole_number(tmp_path):
    finding = only(check(tmp_path, "months: 24", "months: 2.5"), "bad-value")
    assert finding.message == "'months' must be a whole number from 1 to 120."


def test_a_key_set_twice_is_reported_at_the_second(tmp_path):
    finding = only(
        check(tmp_path, "total_hours: 20\n", "total_hours: 20\ntotal_hours: 30\n"), "duplicate-key"
    )
    assert (finding.line, finding.message) == (10, "'total_hours' is set twice here.")


def test_two_requirements_with_one_key_are_reported(tmp_path):
    extra = "    hours: 6\n  - key: ethics\n    label: More\n    topics: [ethics]\n    hours: 1\n"
    finding = only(check(tmp_path, "    hours: 6\n", extra), "duplicate-requirement")
    assert (finding.line, finding.message) == (15, "'ethics' is used by two requirements.")


def test_the_total_key_is_reserved(tmp_path):
    finding = only(check(tmp_path, "  - key: ethics", "  - key: total"), "duplicate-requirement")
    assert finding.message == "'total' is the total's key."


def test_a_requirement_above_the_total_is_a_warning(tmp_path):
    finding = only(check(tmp_path, "hours: 6\n", "hours: 21\n"), "more-than-total")
    assert place(finding) == (14, 12, "warning")


def test_a_window_must_be_longer_than_the_cycle(tmp_path):
    finding = only(
        check(tmp_path, "    hours: 6\n", "    hours: 6\n    window_years: 2\n"), "bad-window"
    )
    assert (finding.line, finding.message) == (
        15,
        "A 2-year window is not longer than the 24-month cycle.",
    )


def test_a_key_must_be_lower_case_words_and_hyphens(tmp_path):
    finding = only(check(tmp_path, "key: demo", "key: Demo Credential"), "bad-value")
    assert (finding.line, finding.message) == (1, "'Demo Credential' is not a valid key.")


def test_a_key_that_differs_from_the_file_name_is_a_warning(tmp_path):
    finding = only(check(tmp_path, "key: demo", "key: demo", "other.yaml"), "key-not-file-name")
    assert place(finding) == (1, 6, "warning")
    assert finding.suggestion == "Rename the file to demo.yaml so it is easy to find."


def test_the_source_must_be_a_web_address(tmp_path):
    finding = only(check(tmp_path, "https://example.org/demo", "the board's website"), "bad-url")
    assert (finding.line, finding.column) == (4, 17)


def test_a_rule_set_without_sources_is_an_error(tmp_path):
    line = VALID_RULE.splitlines()[3] + "\n"
    missing = only(check(tmp_path, line, ""), "missing-key")
    assert missing.message == "The rule file needs 'sources'."
    empty = only(check(tmp_path, line, "sources: []\n"), "no-source")
    assert (empty.line, empty.severity) == (4, "error")
    assert "with the day you read it" in empty.suggestion


@pytest.mark.parametrize("field", ["title", "supports", "retrieved"])
def test_each_source_says_what_it_is_what_it_supports_and_when_it_was_read(tmp_path, field):
    line = VALID_RULE.splitlines()[3]
    without = re.sub(rf", {field}: [^,}}]+", "", line)
    finding = only(check(tmp_path, line, without), "missing-key")
    assert (finding.line, finding.message) == (4, f"Each source needs '{field}'.")


def test_a_retrieval_date_must_be_a_day(tmp_path):
    finding = only(check(tmp_path, "retrieved: 2026-12-01", "retrieved: last week"), "bad-date")
    assert (finding.line, finding.message) == (
        4,
        "'retrieved' must be a day written like 2026-12-04.",
    )


def test_the_rules_were_last_checked_when_the_oldest_source_was_read(tmp_path):
    line = VALID_RULE.splitlines()[3]
    second = line.replace("}]", "}, {url: https://example.org/b, title: B, supports: ethics, "
                          "retrieved: 2025-06-30}]")  # fmt: skip
    rule_set = load_rule_set(write_rule(tmp_path, VALID_RULE.replace(line, second)))
    assert [s.retrieved.isoformat() for s in rule_set.sources] == ["2026-12-01", "2025-06-30"]
    assert rule_set.checked_on.isoformat() == "2025-06-30"


def test_a_note_that_does_not_send_peers_to_their_board_is_a_warning(tmp_path):
    note = "note: Rules change. Check with your board before relying on these figures."
    finding = only(check(tmp_path, note, "note: Accurate as of 2025."), "board-note")
    assert place(finding) == (5, 7, "warning")
    assert load_rule_set(write_rule(tmp_path, VALID_RULE.replace(note, "note: Fine.")))


def test_invalid_yaml_is_reported_at_its_line(tmp_path):
    finding = only(check(tmp_path, "  months: 24\n", "  months: [24\n"), "bad-yaml")
    assert finding.severity == "error" and finding.line >= 8


def test_a_file_that_is_not_a_mapping_is_reported(tmp_path):
    path = write_rule(tmp_path, "- just\n- a list\n")
    assert only(check_rule_file(path), "bad-structure").message == (
        "A rule file must be 'key: value' lines."
    )


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_bytes("name: Caf\u00e9\n".encode("latin-1"))
    assert only(check_rule_file(path), "bad-encoding").suggestion == "Save the file as UTF-8."


def test_caps_name_known_delivery_formats_once_each(tmp_path):
    caps = (
        "caps:\n"
        "  - {key: online, label: Online, delivery: [self-paced, webnar], hours: 4}\n"
        "  - {key: more, label: More, delivery: [self-paced], hours: 2}\n"
    )
    findings = check_rule_file(write_rule(tmp_path, VALID_RULE + caps))
    unknown = only(findings, "unknown-delivery")
    assert (unknown.line, unknown.suggestion) == (16, "Did you mean 'webinar'?")
    overlap = only(findings, "overlapping-caps")
    assert (overlap.line, overlap.message) == (
        17,
        "'self-paced' is already limited by the cap 'online'.",
    )


def test_the_test_rule_with_a_cap_loads():
    rule_set = load_rule_set(FIXTURES / "capped.yaml")
    assert [(c.key, c.deliveries, c.minutes) for c in rule_set.caps] == [
        ("online", ("self-paced", "webinar"), 255)
    ]


def test_loading_a_file_with_errors_raises_with_its_findings(tmp_path):
    path = write_rule(tmp_path, VALID_RULE.replace("hours: 6\n", "hours: 6.1\n"))
    with pytest.raises(RuleFileError, match=r"demo.yaml:14: 6.1 hours") as raised:
        load_rule_set(path)
    assert [f.code for f in raised.value.findings] == ["bad-hours"]


def test_a_later_folder_adds_and_replaces_rule_sets_by_key(tmp_path):
    write_rule(tmp_path / "extra", VALID_RULE)
    replaced = VALID_RULE.replace("key: demo", "key: pa-crs").replace(
        "total_hours: 20", "total_hours: 40"
    )
    write_rule(tmp_path / "extra", replaced, "pa-crs.yaml")
    rule_sets = load_rule_sets([BUNDLED_RULES_DIR, tmp_path / "extra", tmp_path / "absent"])
    assert rule_sets["demo"].total.minutes == 1200
    assert rule_sets["pa-crs"].total.minutes == 2400
    assert rule_sets["icrc-pr"].path.startswith(str(BUNDLED_RULES_DIR))


def test_two_files_in_one_folder_with_one_key_are_refused(tmp_path):
    write_rule(tmp_path, VALID_RULE, "demo.yaml")
    write_rule(tmp_path, VALID_RULE, "demo-copy.yaml")
    with pytest.raises(RuleFileError) as raised:
        load_rule_sets([tmp_path])
    assert "duplicate-rule-set" in [f.code for f in raised.value.findings]


def test_checking_folders_reports_duplicates_in_one_and_overrides_from_a_later_one(tmp_path):
    write_rule(tmp_path / "one", VALID_RULE, "demo.yaml")
    write_rule(tmp_path / "one", VALID_RULE, "demo-copy.yaml")
    write_rule(tmp_path / "two", VALID_RULE, "demo.yaml")
    findings = check_rule_paths([tmp_path / "one", tmp_path / "two", tmp_path / "none"])
    duplicate = only(findings, "duplicate-rule-set")
    assert (duplicate.path, duplicate.line) == (str(tmp_path / "one" / "demo.yaml"), 1)
    assert (
        duplicate.message
        == f"The key 'demo' is also used by {tmp_path / 'one' / 'demo-copy.yaml'}."
    )
    override = only(findings, "overrides")
    assert (override.path, override.severity) == (str(tmp_path / "two" / "demo.yaml"), "info")
    assert only(findings, "missing-path").path == str(tmp_path / "none")


INITIAL = """initial:
  training_hours: 46
  training_by_domain:
    advocacy: 10
    ethical-responsibility: 16
  experience_hours: 500
  supervision_hours: 25
  code_of_ethics: true
  exam: Demo exam
"""


def test_an_initial_block_loads_with_hours_as_minutes(tmp_path):
    path = write_rule(tmp_path, VALID_RULE + INITIAL)
    assert check_rule_file(path) == []
    initial = load_rule_set(path).initial
    assert initial.training_minutes == 2760
    assert initial.training_by_domain == (("advocacy", 600), ("ethical-responsibility", 960))
    assert (initial.experience_minutes, initial.supervision_minutes) == (30000, 1500)
    assert initial.code_of_ethics and initial.exam == "Demo exam"


def test_a_rule_file_without_an_initial_block_describes_renewal_only(tmp_path):
    assert load_rule_set(write_rule(tmp_path)).initial is None


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        ("training_hours: 46", "training_hours: 20", "more-than-total", "more than training"),
        ("    advocacy: 10", "    advocasy: 10", "unknown-key", "Unknown key 'advocasy'"),
        ("code_of_ethics: true", "code_of_ethics: signed", "bad-value", "true or false"),
        ("experience_hours: 500", "experience_hours: 500.1", "bad-hours", "quarter-hour"),
        ("  exam: Demo exam", "  exams: Demo exam", "unknown-key", "Unknown key 'exams'"),
    ],
)
def test_a_wrong_initial_block_is_reported_at_its_line(tmp_path, old, new, code, words):
    text = VALID_RULE + INITIAL.replace(old, new)
    finding = only(check_rule_file(write_rule(tmp_path, text)), code)
    assert words in finding.message
    assert finding.line > VALID_RULE.count("\n")
