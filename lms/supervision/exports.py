"""The team's status as CSV, for audits (one peer's audit packet is in packet.py)."""

import csv
import io

from lms.certificates.transcript import safe_cell
from lms.hours import format_hours
from lms.localtime import csv_date
from lms.supervision.dashboard import TeamRow

STATUS_COLUMNS = [
    "name",
    "email",
    "credential",
    "rule set",
    "cycle start",
    "deadline",
    "days left",
    "hours required",
    "hours verified",
    "hours pending",
    "hours missing",
    "missing by topic",
    "pending items",
    "at risk",
]


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(str(cell)) for cell in row])
    return out.getvalue()


def status_csv(rows: list[TeamRow]) -> str:
    """One line per supervisee and credential; every cell is safe to open in a spreadsheet."""
    lines = []
    for row in rows:
        total, status = row.status.total, row.status
        lines.append(
            [
                row.peer.legal_name,
                row.peer.email,
                row.credential.name,
                row.rule_name,
                csv_date(status.cycle_start),
                csv_date(status.cycle_end),
                status.days_left,
                format_hours(total.required),
                format_hours(total.verified),
                format_hours(total.pending),
                format_hours(total.missing),
                "; ".join(f"{label}: {format_hours(m)}" for label, m in row.missing_by_topic),
                row.pending_items,
                "yes" if row.at_risk else "no",
            ]
        )
    return _csv(STATUS_COLUMNS, lines)
