"""`flask ce …`: continuing-education commands. `flask ce rules check` validates rule files.

The app factory adds `ce_cli` to `app.cli`.
"""

import dataclasses
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from lms.ce.rules import BUNDLED_RULES_DIR, check_rule_paths
from lms.findings import format_text, shown_path, summary

ce_cli = AppGroup("ce", help="Continuing education toward credential renewal.")
rules_cli = AppGroup("rules", help="Credential rule sets.")
ce_cli.add_command(rules_cli)


def rule_dirs() -> list[Path]:
    """The bundled rule folder, then CREDENTIAL_RULE_DIRS (later folders replace by key)."""
    extra = current_app.config.get("CREDENTIAL_RULE_DIRS", [])
    extra = [extra] if isinstance(extra, str | Path) else extra
    return [BUNDLED_RULES_DIR, *map(Path, extra)]


@rules_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check_command(paths: tuple[Path, ...]) -> None:
    """Check credential rule files for mistakes, with the line of each.

    PATH is a rule file or a folder of them. Without PATH, the bundled rule sets and every
    folder in CREDENTIAL_RULE_DIRS are checked (a configured folder not made yet is only noted),
    and a rule set with the key of a bundled one is noted as replacing it. Exits 1 when there
    are errors.
    """
    if paths:
        findings = check_rule_paths(list(paths))
    else:
        findings = check_rule_paths(rule_dirs(), missing="info")
    for finding in findings:
        click.echo(format_text(dataclasses.replace(finding, path=shown_path(finding.path))))
    click.echo(summary(findings))
    if any(f.severity == "error" for f in findings):
        sys.exit(1)
