"""Exports for audits: the team's status as CSV, and one peer's packet for one cycle as a ZIP
(transcript PDF, every certificate PDF, the outside-CE evidence, and an index.csv)."""

import csv
import hashlib
import io
import zipfile
from datetime import date

from lms.certificates.render import render_certificate_pdf
from lms.certificates.transcript import build_transcript, safe_cell, transcript_pdf
from lms.extensions import db
from lms.hours import format_hours
from lms.localtime import csv_date
from lms.models import CERecord, Certificate, Evidence, User
from lms.renewal import evidence as evidence_files
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
INDEX_COLUMNS = [
    "file",
    "kind",
    "date",
    "title",
    "hours",
    "time on task (minutes)",
    "status",
    "certificate",
    "sha256",
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


def audit_packet(peer: User, start: date, end: date) -> bytes:
    """The ZIP an auditor asks for: everything behind the peer's CE between start and end."""
    index: list[list] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes, kind: str, day: str, title: str, **extra) -> None:
            archive.writestr(name, data)
            index.append(
                [
                    name,
                    kind,
                    day,
                    title,
                    extra.get("hours", ""),
                    extra.get("on_task", ""),
                    extra.get("status", ""),
                    extra.get("certificate", ""),
                    hashlib.sha256(data).hexdigest(),
                ]
            )

        transcript = transcript_pdf(build_transcript(peer, start, end))
        add(
            f"transcript-{start}-{end}.pdf",
            transcript,
            "transcript",
            f"{csv_date(start)} to {csv_date(end)}",
            "",
        )
        for certificate, record in _certificates(peer.id, start, end):
            add(
                f"certificates/{certificate.display_code}.pdf",
                certificate.pdf or render_certificate_pdf(certificate.fields),
                "certificate",
                csv_date(record.earned_on),
                record.title,
                hours=format_hours(record.minutes),
                on_task="" if record.time_on_task_minutes is None else record.time_on_task_minutes,
                status="revoked" if certificate.revoked_at else "valid",
                certificate=certificate.display_code,
            )
        for row, record in _evidence(peer.id, start, end):
            add(
                f"evidence/{record.id}-{row.id}{evidence_files.extension_for(row.content_type)}",
                evidence_files.read(row.stored_name),
                "evidence",
                csv_date(record.earned_on),
                record.title,
                hours=format_hours(record.minutes),
                status=record.status,
            )
        archive.writestr("index.csv", _csv(INDEX_COLUMNS, index))
    return buffer.getvalue()


def _certificates(peer_id: int, start: date, end: date):
    return db.session.execute(
        db.select(Certificate, CERecord)
        .join(CERecord, CERecord.id == Certificate.ce_record_id)
        .where(Certificate.user_id == peer_id, CERecord.earned_on.between(start, end))
        .order_by(CERecord.earned_on, Certificate.id)
    ).all()


def _evidence(peer_id: int, start: date, end: date):
    return db.session.execute(
        db.select(Evidence, CERecord)
        .join(CERecord, CERecord.id == Evidence.ce_record_id)
        .where(CERecord.user_id == peer_id, CERecord.earned_on.between(start, end))
        .order_by(CERecord.earned_on, Evidence.id)
    ).all()
