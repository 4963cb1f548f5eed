"""What the courses on offer cover: `flask courses coverage` and the catalog's "counts toward"."""

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import yaml

from lms.ce.coverage import Offer, credential_coverage
from lms.ce.rules import load_rule_set
from tests.ce.builders import BUNDLED, VALID_RULE, write_rule
from tests.helpers import AuthActions, invoke_ok

COURSES = Path(__file__).resolve().parents[1] / "courses"
TODAY = date(2026, 12, 4)


def front_matter(slug: str) -> dict:
    return yaml.safe_load(
        (COURSES / slug / "course.md").read_text(encoding="utf-8").split("---")[1]
    )


def parse_hours(text: str) -> int:
    """Minutes in hours as the report and course.md write them ("1.5" → 90, "0" → 0)."""
    return int(Fraction(text) * 60)


def offer(title, minutes, topics, approved_for=("*",)):
    return Offer(title.lower(), title, minutes, tuple(topics), approved_for=approved_for)


def test_a_course_with_two_topics_counts_once_toward_their_minimums(tmp_path):
    text = VALID_RULE.replace(
        "    hours: 6\n",
        "    hours: 6\n  - key: privacy\n    label: Privacy\n    topics: [confidentiality]\n"
        "    hours: 3\n",
    )
    rule_set = load_rule_set(write_rule(tmp_path, text))
    both = offer("Privacy and ethics", 180, ["ethics", "confidentiality"])
    found = credential_coverage(rule_set, [both], TODAY, {})
    covered = {r.key: r.verified for r in found.renewal}
    assert covered == {"total": 180, "ethics": 0, "privacy": 180} or covered == {
        "total": 180,
        "ethics": 180,
        "privacy": 0,
    }
    assert sum(r.missing for r in found.renewal[1:]) == 360 + 180 - 180
    filled = [key for key, titles in found.courses_by_requirement.items() if titles]
    assert "total" in filled and len(filled) == 2  # the total and exactly one topic


def test_an_approved_only_credential_counts_no_course_without_an_approval(tmp_path):
    text = VALID_RULE + "approved_hours_only: true\n"
    rule_set = load_rule_set(write_rule(tmp_path, text))
    ethics = offer("Ethics", 360, ["ethics"], approved_for=())
    assert credential_coverage(rule_set, [ethics], TODAY, {}).renewal[0].verified == 0
    approved = offer("Ethics", 360, ["ethics"], approved_for=("demo",))
    assert credential_coverage(rule_set, [approved], TODAY, {}).renewal[1].satisfied


def test_the_coverage_command_adds_up_the_live_courses(app, runner):
    invoke_ok(runner, ["courses", "sync"])
    report = json.loads(invoke_ok(runner, ["courses", "coverage", "--format", "json"]).output)
    slugs = sorted(path.parent.name for path in COURSES.glob("*/course.md"))
    fronts = [front_matter(slug) for slug in slugs]
    assert report["courses"] == len(slugs)
    total = sum(parse_hours(str(front["ce_hours"])) for front in fronts)
    assert parse_hours(report["total_hours"]) == total
    for row in report["by_icrc_domain"]:
        expected = sum(
            parse_hours(str(front.get("domain_hours", {}).get(row["key"], 0))) for front in fronts
        )
        assert parse_hours(row["hours"]) == expected, row
    ethics = next(row for row in report["by_topic"] if row["key"] == "ethics")
    tagged = sum(parse_hours(str(f["ce_hours"])) for f in fronts if "ethics" in f["topics"])
    assert parse_hours(ethics["hours"]) == tagged
    icrc = next(c for c in report["credentials"] if c["key"] == "icrc-pr")
    domains = {row["requirement"]: row for row in icrc["initial"]}
    advocacy = domains["Training: Advocacy"]
    assert advocacy["required_hours"] == "10"
    assert parse_hours(advocacy["missing_hours"]) == 600 - min(
        600, sum(parse_hours(str(f.get("domain_hours", {}).get("advocacy", 0))) for f in fronts)
    )


def test_the_coverage_table_names_each_credential_and_what_is_missing(app, runner):
    invoke_ok(runner, ["courses", "sync"])
    output = invoke_ok(runner, ["courses", "coverage"]).output
    assert "By IC&RC domain" in output and "By SAMHSA competency" in output
    for rule_set in BUNDLED.values():
        assert f"\n{rule_set.name}\n" in output
    assert "initial: Training: Ethical Responsibility:" in output


def test_the_catalog_says_which_of_a_peers_requirements_a_course_counts_toward(
    client, create_user, create_course
):
    create_course(slug="ethics-basics", title="Ethics Basics", topics=("ethics",))
    create_course(slug="self-care", title="Self-care", topics=("self-care",))
    assert "Counts toward" not in client.get("/courses").get_data(as_text=True)
    user = create_user(email="peer@example.org")
    AuthActions(client).signin(user.email)
    client.submit(
        "/account",
        {"rule_set": "pa-crs", "name": "", "number": "CRS-1", "certified_on": "2025-06-01",
         "expires_on": "2027-06-01"},
        action="/account/credentials",
    )  # fmt: skip
    page = client.get("/courses").get_data(as_text=True)
    name = BUNDLED["pa-crs"].name
    assert page.count(f"Counts toward your {name}: Ethics.") == 1
    ethics_card = page.split("Ethics Basics</a>")[1].split("</li>")[0]
    assert f"Counts toward your {name}: Ethics." in ethics_card
    self_care_card = page.split("Self-care</a>")[1].split("</li>")[0]
    assert "Counts toward" not in self_care_card


def test_coverage_judges_a_full_cycle_for_every_bundled_credential():
    """A first, shorter period with nothing due (Washington's first credential, Georgia's
    certification year, Texas's initial six months) must not hide what a full cycle asks."""
    offers = [offer("Ethics", 120, ["ethics"])]
    for rule_set in BUNDLED.values():
        total = credential_coverage(rule_set, offers, TODAY, {}).renewal[0]
        assert total.required == rule_set.total.minutes, rule_set.key
