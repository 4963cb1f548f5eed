"""Credential rule sets: what a board asks for at renewal, as plain frozen data.

A rule set is one YAML file (the bundled ones are in `lms/ce/rules/`; an organisation may add
or replace them in `instance/credentials/` and the folders in CREDENTIAL_RULE_DIRS, as
`site_rule_dirs` lists). Hours are written in the YAML in quarter-hour steps and become whole
minutes on load, so no float is ever compared.
The dataclasses live in `lms.ce.data`; `lms.ce.rulefile` reads a file and reports each problem
as a line-numbered finding.
"""

from datetime import date
from pathlib import Path

from lms.ce.cycles import add_months
from lms.ce.data import (
    BUNDLED_RULES_DIR,
    CYCLE_KINDS,
    DELIVERIES,
    TOTAL_KEY,
    Cap,
    Cycle,
    Requirement,
    RuleSet,
)
from lms.ce.rulefile import peek_key, read_rule_file
from lms.findings import Finding, has_errors

__all__ = [
    "BUNDLED_RULES_DIR", "CYCLE_KINDS", "DELIVERIES", "TOTAL_KEY", "Cap", "Cycle", "Finding",
    "Requirement", "RuleFileError", "RuleSet", "check_rule_file", "check_rule_paths",
    "load_rule_set", "load_rule_sets", "read_rule_sets", "rule_files", "site_rule_dirs",
    "stale_findings",
]  # fmt: skip


class RuleFileError(ValueError):
    """A rule file (or folder of them) that cannot be used; `findings` say what to fix."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        first = errors[0] if errors else findings[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first.path}:{first.line}: {first.message}{more}")


def load_rule_set(path: Path) -> RuleSet:
    """The rule set in one file; raises RuleFileError when the file has errors."""
    rule_set, findings = read_rule_file(Path(path))
    if rule_set is None:
        raise RuleFileError(findings)
    return rule_set


def site_rule_dirs(app) -> list[Path]:
    """The folders this site reads rule sets from, in order: the bundled rules, the site's
    `instance/credentials/` (when it has been made), then CREDENTIAL_RULE_DIRS (one folder or
    a list of them; a later folder's rule set replaces an earlier one's by key).

    The app (`lms.renewal.rulesets`) and `flask ce rules check` both read this list, so the
    command checks exactly the files the app loads.
    """
    own = Path(app.instance_path) / "credentials"
    configured = app.config.get("CREDENTIAL_RULE_DIRS") or []
    configured = [configured] if isinstance(configured, str | Path) else configured
    return [BUNDLED_RULES_DIR, *([own] if own.exists() else []), *map(Path, configured)]


def load_rule_sets(dirs: list[Path]) -> dict[str, RuleSet]:
    """Every rule set in `dirs`, by key; a later folder's rule set replaces an earlier one's.

    Pass the bundled folder first, then the extra folders (`site_rule_dirs(app)`). Folders
    that do not exist are skipped (an organisation may have none yet). Raises RuleFileError
    when any file has errors or two files in one folder share a key.
    """
    rule_sets, findings = read_rule_sets(dirs)
    if has_errors(findings):
        raise RuleFileError(findings)
    return rule_sets


STALE_AFTER_MONTHS = 12  # a source not read for this long is reported by `ce rules check`


def check_rule_paths(
    paths: list[Path], missing: str = "error", today: date | None = None
) -> list[Finding]:
    """Check files and folders of rule files, and keys shared between files.

    Two files in one path sharing a key is an error; a file in a later path with the key of one
    in an earlier path replaces it, which is reported as a note. A path that does not exist is
    reported with the severity `missing` (a configured folder may not have been made yet).
    With `today`, a source last read more than STALE_AFTER_MONTHS before it is a warning.
    """
    rule_sets, findings = read_rule_sets(paths, missing)
    if today is not None:
        findings += stale_findings(rule_sets.values(), today)
    return sorted(findings, key=Finding.sort_key)


def stale_findings(rule_sets, today: date) -> list[Finding]:
    """A warning for each source of these rule sets not read in the last 12 months: boards
    change their rules, and a figure nobody has checked for a year may be wrong."""
    oldest_fresh = add_months(today, -STALE_AFTER_MONTHS)
    findings = []
    for rule_set in rule_sets:
        lines = Path(rule_set.path).read_text(encoding="utf-8").splitlines()
        for source in rule_set.sources:
            if source.retrieved < oldest_fresh:
                line = next((n for n, text in enumerate(lines, 1) if source.url in text), 1)
                message = (
                    f"{source.title} was last read on {source.retrieved.isoformat()}, more "
                    f"than {STALE_AFTER_MONTHS} months ago."
                )
                hint = "Read the page again, correct the figures, and set 'retrieved' to today."
                findings.append(
                    Finding(rule_set.path, line, 1, "warning", "stale-source", message, hint)
                )
            if source.retrieved > today:
                message = f"{source.title} has a retrieval date in the future."
                hint = "Set 'retrieved' to the day you read the page."
                findings.append(
                    Finding(rule_set.path, 1, 1, "error", "future-retrieval", message, hint)
                )
    return findings


def read_rule_sets(paths: list[Path], missing: str | None = None):
    """(every usable rule set by key, every finding in file and line order) for files and
    folders of rule files, read the one way both loading and checking read them.

    A path that does not exist is skipped, with a finding of severity `missing` when given.
    """
    findings: list[Finding] = []
    groups = []
    for path in map(Path, paths):
        if missing and not path.exists():
            message = "There is no such file or folder."
            hint = "Check the path, and CREDENTIAL_RULE_DIRS in the instance config."
            findings.append(Finding(str(path), 0, 0, missing, "missing-path", message, hint))
        groups.append(rule_files(path))
    findings += duplicate_findings(groups)
    rule_sets: dict[str, RuleSet] = {}
    for path in (file for files in groups for file in files):
        rule_set, file_findings = read_rule_file(path)
        findings += file_findings
        if rule_set is not None:
            rule_sets[rule_set.key] = rule_set
    return rule_sets, sorted(findings, key=Finding.sort_key)


def rule_files(path: Path) -> list[Path]:
    """The rule files a path names: the file itself, or a folder's `*.yaml` files by name."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path] if path.exists() else []


def check_rule_file(path: Path) -> list[Finding]:
    """Every problem in one rule file, with its line and what to do about it."""
    return read_rule_file(Path(path))[1]


def duplicate_findings(groups: list[list[Path]]) -> list[Finding]:
    """Findings for rule-set keys used by more than one file, group by group."""
    findings: list[Finding] = []
    seen: dict[str, tuple[int, Path]] = {}
    for group_index, files in enumerate(groups):
        for path in files:
            key, line = peek_key(path)
            if key is None:
                continue
            if key in seen and seen[key][0] == group_index:
                message = f"The key '{key}' is also used by {seen[key][1]}."
                hint = "Give each rule set its own key, or remove one of the files."
                findings.append(
                    Finding(str(path), line, 1, "error", "duplicate-rule-set", message, hint)
                )
                continue
            if key in seen:
                message = f"This file replaces the rule set '{key}' from {seen[key][1]}."
                findings.append(Finding(str(path), line, 1, "info", "overrides", message))
            seen[key] = (group_index, path)
    return findings
