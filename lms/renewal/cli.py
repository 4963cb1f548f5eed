"""`flask ce remind`: renewal reminders, safe to run every day from cron."""

import click

from lms.ce.cli import ce_cli
from lms.db import writing
from lms.renewal.reminders import run_reminders


@ce_cli.command("remind")
@click.option("--dry-run", is_flag=True, help="Say who would be emailed; send and record nothing.")
def remind_command(dry_run: bool) -> None:
    """Email peers 90, 60, 30 and 7 days before a cycle ends while hours are missing (each
    reminder once), and send supervisors a digest of supervisees at risk."""
    with writing():
        report = run_reminders(dry_run=dry_run)
    prefix = "would email" if dry_run else "emailed"
    for line in report.peer_messages:
        click.echo(f"{prefix} {line}")
    for line in report.digests:
        click.echo(f"{prefix} digest to {line}")
    if not report.peer_messages and not report.digests:
        click.echo("No reminders due today.")
