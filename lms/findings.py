"""Findings: one problem (or note) at one place in a file, and how a person reads them.

Every checker reports through this one type — course packages, quizzes, GIFT imports,
credential rule files — and the same findings reach `flask courses check`,
`flask ce rules check` and the browser editor's inline findings (as JSON, field by field).
"""

import os
from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem (or note) about one place in a file.

    `line` and `column` are 1-based; 0 means the finding is about the whole file (for example
    a file that is missing). `severity` is one of `SEVERITIES`; `code` is short kebab-case;
    `suggestion` says what to do about it ("" when there is nothing more to say).
    """

    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    suggestion: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, SEVERITIES.index(self.severity), self.code)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def format_text(finding: Finding) -> str:
    """`path:line:column: severity code: message (suggestion)`"""
    text = f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.code}: "
    text += finding.message
    return f"{text} ({finding.suggestion})" if finding.suggestion else text


def summary(findings: list[Finding], ngettext=None) -> str:
    """ "1 error, 0 warnings, 2 notes." — the last line of a check. A command passes
    `lms.i18n.ngettext` to print it in the reader's language (this module stays free of Flask)."""
    ngettext = ngettext or _english  # so `make i18n-extract` finds the three phrases
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
    words = [
        ngettext("%(num)d error", "%(num)d errors", counts["error"]),
        ngettext("%(num)d warning", "%(num)d warnings", counts["warning"]),
        ngettext("%(num)d note", "%(num)d notes", counts["info"]),
    ]
    return ", ".join(words) + "."


def _english(singular: str, plural: str, num: int) -> str:
    return (singular if num == 1 else plural) % {"num": num}


def shown_path(path: str) -> str:
    """A path relative to the working folder when it is inside it (shorter to read)."""
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return path if relative.startswith("..") else relative
