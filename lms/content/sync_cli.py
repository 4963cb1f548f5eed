"""`flask courses sync` and `flask courses list`: load packages as versions, list what is live."""

import json
import sys
from pathlib import Path

import click

from lms.content.cli import course_roots, courses_cli
from lms.content.live import live_versions
from lms.content.loader import sync_folders
from lms.findings import format_text
from lms.hours import format_hours
from lms.i18n import _, local_hours, ngettext


@courses_cli.command("sync")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def sync_command(paths: tuple[Path, ...]) -> None:
    """Load course folders as immutable versions, keyed by content hash.

    Unchanged courses create nothing; changed ones get a new version (learners already enrolled
    stay on theirs). Without PATH, every configured root is synced and a course whose folder is
    gone is retired (hidden, records kept). A course with errors is not loaded: its live version
    stays live and the command exits 1.
    """
    report = sync_folders(list(paths) or course_roots(), retire_missing=not paths)
    for line in report.created:
        click.echo(_("created  %(course)s", course=line))
    for line in report.unchanged:
        click.echo(_("unchanged %(course)s", course=line))
    for slug in report.retired:
        click.echo(_("retired  %(slug)s (its folder is gone; records are kept)", slug=slug))
    for slug, named in report.unpaired.items():
        click.echo(
            _(
                "warning  %(slug)s: its translation '%(named)s' is not an installed course in "
                "the other language; the two are not paired for CE until it is",
                slug=slug,
                named=named,
            ),
            err=True,
        )
    for slug, reason in report.refused.items():
        click.echo(_("refused  %(slug)s: %(reason)s", slug=slug, reason=reason), err=True)
    for slug, findings in report.failed.items():
        click.echo(
            _("failed   %(slug)s: not loaded; its live version (if any) stays live", slug=slug),
            err=True,
        )
        for finding in findings:
            click.echo("  " + format_text(finding), err=True)
    if not report.ok:
        sys.exit(1)


@courses_cli.command("list")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def list_command(output_format: str) -> None:
    """The live courses with their version, hours, topics and size."""
    live = live_versions()
    rows = [
        {
            "slug": course.slug,
            "title": version.title,
            "version": version.version_label,
            "version_number": version.number,
            "ce_hours": format_hours(version.ce_minutes),
            "topics": version.topics,
            "competencies": version.competencies,
            "lessons": version.lesson_count,
            "questions": version.question_count,
            "words": version.words,
            "estimated_hours": format_hours(version.estimated_minutes),
        }
        for course, version in live
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row, (_course, version) in zip(rows, live, strict=True):
        lessons = ngettext("%(num)d lesson", "%(num)d lessons", row["lessons"])
        questions = ngettext("%(num)d question", "%(num)d questions", row["questions"])
        click.echo(
            f"{row['slug']:<40} v{row['version']} ({row['version_number']})  "
            f"{local_hours(version.ce_minutes)} h  {lessons}  {questions}"
        )
