"""`flask ce …`: continuing-education commands. `flask ce rules check` validates rule files.

The app factory adds `ce_cli` to `app.cli`.
"""

import dataclasses
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app

from lms.ce.rules import check_rule_paths, rule_files, site_rule_dirs
from lms.cli_help import AppGroup
from lms.findings import format_text, has_errors, shown_path, summary
from lms.i18n import _, ngettext

ce_cli = AppGroup("ce", help="Continuing education toward credential renewal.")
rules_cli = AppGroup("rules", help="Credential rule sets.")
ce_cli.add_command(rules_cli)


@rules_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="Also name every rule file checked.")
def check_command(paths: tuple[Path, ...], verbose: bool) -> None:
    """Check credential rule files for mistakes, with the line of each.

    PATH is a rule file or a folder of them. Without PATH, exactly the rule files the app
    loads are checked: the bundled ones, instance/credentials/ and every folder in
    CREDENTIAL_RULE_DIRS (a configured folder not made yet is only noted); a rule set with the
    key of an earlier one is noted as replacing it. A rule set must name its public sources; a
    source last read more than 12 months ago is a warning. Exits 1 when there are errors.
    """
    missing = "error" if paths else "info"
    checked = list(paths) or site_rule_dirs(current_app)
    findings = check_rule_paths(checked, missing, today=datetime.now(UTC).date())
    if verbose:
        for file in (file for path in checked for file in rule_files(path)):
            click.echo(_("%(path)s: checked", path=shown_path(str(file))))
    for finding in findings:
        click.echo(format_text(dataclasses.replace(finding, path=shown_path(finding.path))))
    click.echo(summary(findings, ngettext))
    if has_errors(findings):
        sys.exit(1)
