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
from lms.content.labels import local_vocabulary
from lms.content.live import live_versions
from lms.content.vocabulary import load_vocabulary
from lms.hours import format_hours
from lms.i18n import _, local_hours, ngettext
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


def coverage_report(today, vocabulary=None, hours=format_hours) -> dict:
    """The whole report as plain data: the JSON output (the vocabulary's own labels, hours as
    `format_hours` writes them), or, given `local_vocabulary()` and `local_hours`, the rows
    the table prints in the reader's language."""
    offers = live_offers(today)
    vocabulary = vocabulary or load_vocabulary()
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
                        "required_hours": hours(r.required),
                        "covered_hours": hours(min(r.verified, r.required)),
                        "missing_hours": hours(r.missing),
                        "courses": list(found.courses_by_requirement.get(r.key, ())),
                    }
                    for r in found.renewal
                ],
                "initial": [
                    {
                        "requirement": item.label,
                        "required_hours": hours(item.required),
                        "covered_hours": hours(min(item.verified, item.required)),
                        "missing_hours": hours(item.missing),
                    }
                    for item in found.initial
                ],
            }
        )
    return {
        "date": today.isoformat(),
        "courses": len(offers),
        "total_hours": hours(sum(o.minutes for o in offers)),
        "by_icrc_domain": _labelled(by_domain(offers), vocabulary.icrc_domains, hours),
        "by_competency": _labelled(by_competency(offers), vocabulary.competencies, hours),
        "by_topic": _labelled(by_topic(offers), vocabulary.topics, hours),
        "credentials": credentials,
    }


def _labelled(minutes: dict, labels: dict, hours=format_hours) -> list[dict]:
    """Every key of the vocabulary with its hours, the ones no course covers included."""
    return [
        {"key": str(key), "label": label, "hours": hours(minutes.get(key, 0))}
        for key, label in labels.items()
    ]


@courses_cli.command("coverage")
@output_format_option(help="Tables to read, or JSON.")
def coverage_command(output_format: str) -> None:
    """Hours the live courses give by IC&RC domain, SAMHSA competency and CE topic, and, for
    each credential, what they cover of renewal and initial training and what is missing."""
    today = datetime.now(UTC).date()
    if output_format == "json":
        click.echo(json.dumps(coverage_report(today), indent=2, ensure_ascii=False))
        return
    report = coverage_report(today, local_vocabulary(), local_hours)
    click.echo(
        ngettext(
            "%(num)d live course, %(hours)s CE hours in all.",
            "%(num)d live courses, %(hours)s CE hours in all.",
            report["courses"],
            hours=report["total_hours"],
        )
    )
    for title, key in (
        (_("By IC&RC domain"), "by_icrc_domain"),
        (_("By SAMHSA competency"), "by_competency"),
        (_("By CE topic"), "by_topic"),
    ):
        click.echo(f"\n{title}")
        for row in report[key]:
            click.echo(f"  {row['hours']:>6} h  {row['label']}")
    for credential in report["credentials"]:
        click.echo(f"\n{credential['name']}")
        for part, rows in (
            (_("renewal"), credential["renewal"]),
            (_("initial"), credential["initial"]),
        ):
            for row in rows:
                click.echo("  " + _requirement_line(part, row))


def _requirement_line(part: str, row: dict) -> str:
    """ "renewal: Ethics: 2 of 6 h covered, 4 h missing" in the reader's language."""
    values = {
        "part": part,
        "requirement": row["requirement"],
        "covered": row["covered_hours"],
        "required": row["required_hours"],
        "missing": row["missing_hours"],
    }
    if row["missing_hours"] == "0":
        return _("%(part)s: %(requirement)s: %(covered)s of %(required)s h covered", **values)
    return _(
        "%(part)s: %(requirement)s: %(covered)s of %(required)s h covered, %(missing)s h missing",
        **values,
    )
