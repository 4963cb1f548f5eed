"""course.md front matter: every key checked, every finding at the key's own line."""

import pytest

from lms.content.course import read_course
from lms.content.package import parse_package
from tests.content.builders import COURSE_MD, course_with, only, package


def findings_for(text: str, folder: str | None = "demo"):
    meta, _front, findings = read_course(text, "course.md", folder)
    return meta, findings


def test_the_demo_course_front_matter_is_clean():
    meta, findings = findings_for(COURSE_MD)
    assert findings == []
    assert meta.slug == "demo" and meta.ce_minutes == 15


def test_unknown_key_suggests_the_nearest_known_key():
    _, findings = findings_for(course_with(objectivs="[x]"))
    finding = only(findings, "unknown-key")
    assert (finding.line, finding.column, finding.severity) == (12, 1, "error")
    assert finding.suggestion == "Did you mean 'objectives'?"


def test_each_missing_required_key_is_an_error():
    _, findings = findings_for(course_with(summary=None, version=None))
    missing = sorted(f.message for f in findings if f.code == "missing-key")
    assert missing == ["The front matter needs 'summary'.", "The front matter needs 'version'."]


def test_a_course_md_without_front_matter_says_so():
    _, findings = findings_for("Just a welcome.")
    assert only(findings, "missing-front-matter").line == 1


def test_unclosed_front_matter_is_bad_front_matter():
    _, findings = findings_for("---\ntitle: x\n")
    assert only(findings, "bad-front-matter").line == 1


def test_invalid_yaml_points_at_the_problem_line():
    _, findings = findings_for("---\nslug: demo\ntitle: [unclosed\nsummary: x\n---\n")
    finding = only(findings, "bad-front-matter")
    assert finding.line in (4, 5) and "not valid YAML" in finding.message


def test_a_key_written_twice_is_an_error_at_the_second():
    _, findings = findings_for(COURSE_MD.replace("title: Demo course", "title: A\ntitle: B"))
    assert only(findings, "duplicate-key").line == 4


def test_yaml_aliases_are_refused():
    text = COURSE_MD.replace("topics: [ethics]", "topics: &t [ethics]\nsettings: *t")
    _, findings = findings_for(text)
    assert "Anchors and aliases" in only(findings, "bad-front-matter").message


@pytest.mark.parametrize(
    ("written", "minutes"),
    [("0.25", 15), ("1", 60), ("1.5", 90), ("1.75", 105), ("2.0", 120), ("12.25", 735)],
)
def test_ce_hours_become_whole_minutes(written, minutes):
    meta, findings = findings_for(course_with(ce_hours=written))
    assert findings == []
    assert meta.ce_minutes == minutes and isinstance(meta.ce_minutes, int)


@pytest.mark.parametrize("written", ["1.1", "0", "-1", "0.3333", "101", ".inf", ".nan"])
def test_ce_hours_must_be_positive_quarter_hours(written):
    meta, findings = findings_for(course_with(ce_hours=written))
    assert meta.ce_minutes is None
    finding = [f for f in findings if f.code in ("bad-ce-hours", "bad-value")][0]
    assert finding.line == 6 and finding.severity == "error"


def test_ce_hours_written_as_text_is_a_type_error():
    _, findings = findings_for(course_with(ce_hours='"1.5"'))
    assert "must be a number" in only(findings, "bad-value").message


def test_a_version_written_as_a_number_keeps_its_exact_text():
    meta, findings = findings_for(course_with(version="1.10"))
    assert findings == [] and meta.version_label == "1.10"


def test_the_slug_must_match_the_folder_name():
    _, findings = findings_for(COURSE_MD, folder="other-folder")
    finding = only(findings, "slug-mismatch")
    assert finding.line == 2 and "other-folder" in finding.message


def test_a_slug_with_capitals_or_spaces_is_refused():
    _, findings = findings_for(course_with(slug="My Course"))
    assert "not a usable slug" in only(findings, "bad-value").message


def test_values_outside_the_vocabulary_suggest_the_nearest_value():
    _, findings = findings_for(course_with(topics="[ethic, confidentiality]"))
    finding = only(findings, "unknown-value")
    assert finding.line == 7 and finding.suggestion.startswith("Did you mean 'ethics'?")


def test_competencies_are_numbers_from_one_to_twelve():
    meta, findings = findings_for(course_with(competencies="[1, 12, 13]"))
    assert meta.competencies == (1, 12)
    assert "'13' is not in the competencies vocabulary" in only(findings, "unknown-value").message


def test_icrc_domains_and_settings_use_the_vocabulary():
    text = course_with(icrc_domains="[advocacy]", settings="[hospital, moon]")
    meta, findings = findings_for(text)
    assert meta.icrc_domains == ("advocacy",) and meta.settings == ("hospital",)
    assert only(findings, "unknown-value").line == 13


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("title", "[a, b]", "'title' must be a line of text."),
        ("summary", "42", "'summary' must be a line of text."),
        ("evaluation", "maybe", "'evaluation' must be true or false."),
        ("audience", "{a: 1}", "'audience' must be a line of text."),
        ("audience", "[a, b]", "'audience' must be a line of text."),
        ("topics", "[]", "'topics' needs at least one value."),
    ],
)
def test_every_value_has_its_type_checked(key, value, message):
    _, findings = findings_for(course_with(**{key: value}))
    assert only(findings, "bad-value").message == message


def test_vague_objectives_warn_at_their_own_line():
    text = COURSE_MD.replace(
        "  - Name two kinds of boundary.",
        "  - Name two kinds of boundary.\n  - Understand why boundaries matter.\n"
        "  - Learners will be able to appreciate self-care.\n  - Be aware of risks.",
    )
    _, findings = findings_for(text)
    vague = [(f.line, f.message) for f in findings if f.code == "vague-objective"]
    assert vague == [
        (10, "'understand' cannot be observed or measured."),
        (11, "'appreciate' cannot be observed or measured."),
        (12, "'be aware' cannot be observed or measured."),
    ]
    assert all(f.severity == "warning" for f in findings)


def test_references_must_be_a_list_of_text():
    text = COURSE_MD.replace(
        '  - "SAMHSA. Core Competencies for Peer Workers. 2015."', "  - {a: 1}"
    )
    assert (
        only(findings_for(text)[1], "bad-value").message
        == "Each item of 'references' must be text."
    )


def test_a_measurable_objective_that_mentions_knowledge_later_is_fine():
    text = COURSE_MD.replace("Name two kinds of boundary.", "Explain what you know about MOUD.")
    assert findings_for(text)[1] == []


def test_evaluation_defaults_to_true_and_can_be_turned_off():
    assert findings_for(COURSE_MD)[0].evaluation is True
    assert findings_for(course_with(evaluation="false"))[0].evaluation is False


def test_a_package_named_after_its_folder_checks_the_slug():
    data, findings = parse_package(package(name="elsewhere"))
    assert data is None and only(findings, "slug-mismatch").path == "course.md"


def with_domains(allocation: str, ce_hours: str = "3", domains: str | None = None) -> str:
    listed = domains or "[advocacy, ethical-responsibility]"
    return course_with(ce_hours=ce_hours, icrc_domains=listed, domain_hours=allocation)


def test_domain_hours_say_how_a_course_counts_toward_each_domain():
    meta, findings = findings_for(with_domains("{ethical-responsibility: 2, advocacy: 1}"))
    assert findings == []
    assert dict(meta.domain_minutes) == {"ethical-responsibility": 120, "advocacy": 60}


def test_domain_hours_that_do_not_add_up_to_the_course_hours_are_refused():
    meta, findings = findings_for(with_domains("{ethical-responsibility: 2, advocacy: 0.5}"))
    finding = only(findings, "domain-hours-total")
    assert finding.message == (
        "domain_hours add up to 2.5 hours; the course is worth 3 (ce_hours)."
    )
    assert finding.suggestion == "Change the domain hours so they add up to 3."
    assert finding.line == 13 and meta.domain_minutes == ()


@pytest.mark.parametrize(
    ("allocation", "code", "words"),
    [
        ("{ethics: 3}", "unknown-value", "'ethics' is not an IC&RC domain"),
        ("{mentoring-education: 3}", "domain-not-listed", "not in icrc_domains"),
        ("{advocacy: 1.1, ethical-responsibility: 2}", "bad-value", "steps of 0.25"),
        ("{advocacy: -1, ethical-responsibility: 4}", "bad-value", "more than 0"),
        ("{advocacy: lots, ethical-responsibility: 3}", "bad-value", "must be a number"),
        ("[advocacy, ethical-responsibility]", "bad-value", "must list domains"),
    ],
)
def test_a_wrong_domain_allocation_says_what_to_fix(allocation, code, words):
    meta, findings = findings_for(with_domains(allocation))
    assert words in only(findings, code).message
    assert meta.domain_minutes == () or code == "bad-value"


def test_every_bundled_course_allocates_all_its_hours_to_domains():
    from pathlib import Path

    for course_md in sorted(Path("courses").glob("*/course.md")):
        meta, findings = findings_for(course_md.read_text(), course_md.parent.name)
        assert not [f for f in findings if f.severity == "error"], course_md
        assert sum(dict(meta.domain_minutes).values()) == meta.ce_minutes, course_md
