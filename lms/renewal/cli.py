"""`flask ce remind`: renewal reminders, safe to run every day from cron."""

import click

from lms.ce.cli import ce_cli
from lms.db import writing
from lms.i18n import _
from lms.renewal.reminders import run_reminders


@ce_cli.command("remind")
@click.option("--dry-run", is_flag=True, help="Say who would be emailed; send and record nothing.")
def remind_command(dry_run: bool) -> None:
    """Email peers 90, 60, 30 and 7 days before a cycle ends while hours are missing (each
    reminder once), and send supervisors a digest of supervisees at risk."""
    with writing():
        report = run_reminders(dry_run=dry_run)
    for email, rule, days in report.peer_messages:
        values = {"email": email, "credential": rule, "num": days}
        if dry_run:
            click.echo(_("would email %(email)s: %(credential)s, %(num)d-day reminder", **values))
        else:
            click.echo(_("emailed %(email)s: %(credential)s, %(num)d-day reminder", **values))
    for email, count in report.digests:
        values = {"email": email, "num": count}
        if dry_run:
            click.echo(_("would email digest to %(email)s: %(num)d at risk", **values))
        else:
            click.echo(_("emailed digest to %(email)s: %(num)d at risk", **values))
    if not report.peer_messages and not report.digests:
        click.echo(_("No reminders due today."))
