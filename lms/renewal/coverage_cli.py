"""`flask courses coverage`: what the courses on offer cover of each credential, and what is
left for the next courses to teach.

The figures come from `lms.ce.coverage` (the renewal and readiness engines fed every live
course); this module only gathers the courses, approvals and rule sets, and prints.
"""

import json
from datetime import UTC, datetime

import click

from lms.ce.coverage import (
    Offer,
    by_competency,
    by_domain,
    by_topic,
    credential_coverage,
)  # fmt: skip
from lms.content.cli import courses_cli, output_format_option
from lms.content.live import live_versions
from lms.content.vocabulary import load_vocabulary
from lms.hours import format_hours
from lms.provider import approvals_in_force, covered_credentials
from lms.renewal.rulesets import all_rule_sets


def live_offers(today) -> list[Offer]:
    """Every live course as coverage reads it, approved for what the approvals in force cover."""
    approved_for = covered_credentials(approvals_in_force(today))
    return [
        Offer(
            slug=course.slug,
            title=version.title,
            minutes=version.ce_minutes,
            topics=tuple(version.topics),
            competencies=tuple(version.competencies),
            domain_minutes=tuple(sorted((version.domain_minutes or {}).items())),
            approved_for=approved_for,
        )
        for course, version in live_versions()
    ]


def coverage_report(today) -> dict:
    """The whole report as plain data (the JSON output, and the rows the table prints)."""
    offers = live_offers(today)
    vocabulary = load_vocabulary()
    credentials = []
    for rule_set in sorted(all_rule_sets().values(), key=lambda r: r.name):
        found = credential_coverage(rule_set, offers, today, vocabulary.icrc_domains)
        credentials.append(
            {
                "key": rule_set.key,
                "name": rule_set.name,
                "renewal": [
                    {
                        "requirement": r.label,
                        "required_hours": format_hours(r.required),
                        "covered_hours": format_hours(min(r.verified, r.required)),
                        "missing_hours": format_hours(r.missing),
                        "courses": list(found.courses_by_requirement.get(r.key, ())),
                    }
                    for r in found.renewal
                ],
                "initial": [
                    {
                        "requirement": item.label,
                        "required_hours": format_hours(item.required),
                        "covered_hours": format_hours(min(item.verified, item.required)),
                        "missing_hours": format_hours(item.missing),
                    }
                    for item in found.initial
                ],
            }
        )
    return {
        "date": today.isoformat(),
        "courses": len(offers),
        "total_hours": format_hours(sum(o.minutes for o in offers)),
        "by_icrc_domain": _labelled(by_domain(offers), vocabulary.icrc_domains),
        "by_competency": _labelled(by_competency(offers), vocabulary.competencies),
        "by_topic": _labelled(by_topic(offers), vocabulary.topics),
        "credentials": credentials,
    }


def _labelled(minutes: dict, labels: dict) -> list[dict]:
    """Every key of the vocabulary with its hours, the ones no course covers included."""
    return [
        {"key": str(key), "label": label, "hours": format_hours(minutes.get(key, 0))}
        for key, label in labels.items()
    ]


@courses_cli.command("coverage")
@output_format_option("Tables to read, or JSON.")
def coverage_command(output_format: str) -> None:
    """Hours the live courses give by IC&RC domain, SAMHSA competency and CE topic, and, for
    each credential, what they cover of renewal and initial training and what is missing."""
    report = coverage_report(datetime.now(UTC).date())
    if output_format == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(f"{report['courses']} live courses, {report['total_hours']} CE hours in all.")
    for title, key in (
        ("By IC&RC domain", "by_icrc_domain"),
        ("By SAMHSA competency", "by_competency"),
        ("By CE topic", "by_topic"),
    ):
        click.echo(f"\n{title}")
        for row in report[key]:
            click.echo(f"  {row['hours']:>6} h  {row['label']}")
    for credential in report["credentials"]:
        click.echo(f"\n{credential['name']}")
        for part, rows in (("renewal", credential["renewal"]), ("initial", credential["initial"])):
            for row in rows:
                gap = f", {row['missing_hours']} h missing" if row["missing_hours"] != "0" else ""
                click.echo(
                    f"  {part}: {row['requirement']}: {row['covered_hours']} of "
                    f"{row['required_hours']} h covered{gap}"
                )
