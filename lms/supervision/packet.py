"""One peer's audit packet for one renewal cycle, as a ZIP a board can read without Peerpath:

- `cover.txt`: who, which credential and cycle, and the totals per requirement;
- `records.csv`: every CE record of the cycle, with who verified it and when, the reason of the
  decision, time on task for courses, the basis an administrator gave for a course's hours
  above its estimate, and its certificate codes with their status today;
- the transcript PDF, every certificate PDF, and the outside-CE evidence named
  `evidence/YYYY-MM-DD-title.ext`;
- `index.csv`: every file with its SHA-256.
"""

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from datetime import date

from lms.ce.engine import RenewalStatus
from lms.certificates import issue, queries
from lms.certificates.transcript import build_transcript, safe_cell, transcript_pdf
from lms.extensions import db
from lms.hours import format_hours
from lms.localtime import csv_date
from lms.models import CERecord, Certificate, CourseVersion, User, utcnow
from lms.renewal import evidence as evidence_files

INDEX_COLUMNS = ["file", "kind", "date", "title", "hours", "status", "certificate", "sha256"]
RECORD_COLUMNS = [
    "record",
    "date",
    "title",
    "provider",
    "source",
    "hours",
    "status",
    "verified by",
    "verified at",
    "decision reason",
    "time on task (minutes)",
    "certificates",
]
# The record's version: a decided record cannot change, so it is the version the decider saw.
VERSION_SEEN = "version seen"
# For a course record: "claim approved: <basis>" when an administrator approved its hours above
# the course's estimate (lms/authoring/claims.py); blank otherwise.
CLAIM_BASIS = "claim basis"


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(str(cell)) for cell in row])
    return out.getvalue().encode("utf-8")


def audit_packet(peer: User, status: RenewalStatus, credential_name: str) -> bytes:
    """The ZIP an auditor asks for: everything behind the peer's CE in the cycle of `status`."""
    start, end = status.cycle_start, status.cycle_end
    records = _records(peer.id, start, end)
    certificates = _certificates([r.id for r in records])
    index: list[list] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes, kind: str, day: str, title: str, *extra) -> None:
            archive.writestr(name, data)
            row = [name, kind, day, title, *extra]
            index.append(row + [""] * (7 - len(row)) + [hashlib.sha256(data).hexdigest()])

        add("cover.txt", _cover(peer, status, credential_name, records), "cover", "", "")
        add("records.csv", _records_csv(records, certificates), "records", "", "")
        transcript = transcript_pdf(build_transcript(peer, start, end))
        add(f"transcript-{start}-{end}.pdf", transcript, "transcript", f"{start} to {end}", "")
        for record in records:
            for certificate in certificates.get(record.id, []):
                pdf = issue.pdf_of(certificate) or b""
                add(
                    f"certificates/{certificate.display_code}.pdf",
                    pdf,
                    "certificate",
                    csv_date(record.earned_on),
                    record.title,
                    format_hours(record.minutes),
                    queries.status(certificate),
                    certificate.display_code,
                )
        _add_evidence(add, records)
        archive.writestr("index.csv", _csv(INDEX_COLUMNS, index))
    return buffer.getvalue()


def _add_evidence(add, records: list[CERecord]) -> None:
    """Each evidence file as `evidence/<date>-<title>.<ext>`, numbered when two would clash."""
    taken: set[str] = set()
    for record in records:
        for row in record.evidence:
            ext = evidence_files.extension_for(row.content_type)
            name = evidence_name(record.earned_on, record.title, ext, taken)
            data = evidence_files.read(row.stored_name)
            day, hours = csv_date(record.earned_on), format_hours(record.minutes)
            add(name, data, "evidence", day, record.title, hours, record.status)


def evidence_name(day: date, title: str, ext: str, taken: set[str]) -> str:
    """`evidence/2026-03-14-motivational-interviewing.pdf`: ASCII letters, digits and hyphens
    only (no path can climb out of the folder), unique within `taken` (which it extends)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")
    stem = f"evidence/{day.isoformat()}-{words or 'evidence'}"
    name, n = f"{stem}{ext}", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{ext}"
    taken.add(name)
    return name


def _records_csv(records: list[CERecord], certificates: dict[int, list[Certificate]]) -> bytes:
    deciders = _names({r.decided_by_id for r in records if r.decided_by_id})
    rows = []
    for record in records:
        verified = record.status == "verified"
        if record.source == "internal":  # a completed course verifies itself
            by, at = ("Peerpath course completion", record.created_at) if verified else ("", None)
        else:
            by = deciders.get(record.decided_by_id, "") if verified else ""
            at = record.decided_at if verified else None
        held = certificates.get(record.id, [])
        rows.append(
            [
                record.id,
                csv_date(record.earned_on),
                record.title,
                record.provider,
                record.source,
                format_hours(record.minutes),
                record.status,
                by,
                at.replace(microsecond=0).isoformat() + "Z" if at else "",
                record.decision_reason,
                _time_on_task(record),
                "; ".join(f"{c.display_code} ({queries.status(c)})" for c in held),
            ]
        )
    bases = _claim_bases({r.course_version_id for r in records if r.course_version_id})
    return _csv(
        RECORD_COLUMNS + [VERSION_SEEN, CLAIM_BASIS],
        [
            r + [rec.version, bases.get(rec.course_version_id, "")]
            for r, rec in zip(rows, records, strict=True)
        ],
    )


def _claim_bases(version_ids: set[int]) -> dict[int, str]:
    """Each course version whose hours an administrator approved: "claim approved: <basis>"."""
    if not version_ids:
        return {}
    rows = db.session.execute(
        db.select(CourseVersion.id, CourseVersion.claim_basis).where(
            CourseVersion.id.in_(version_ids), CourseVersion.claim_basis != ""
        )
    )
    return {version_id: f"claim approved: {basis}" for version_id, basis in rows}


def _time_on_task(record: CERecord) -> str:
    """Minutes of time on task for a course completed in Peerpath; blank for outside CE."""
    minutes = record.time_on_task_minutes
    return "" if minutes is None or record.source != "internal" else str(minutes)


def _cover(peer: User, status: RenewalStatus, credential: str, records: list[CERecord]) -> bytes:
    lines = [
        "CE audit packet",
        "",
        f"Person: {peer.legal_name} <{peer.email}>",
        f"Credential: {credential}",
        f"Cycle: {csv_date(status.cycle_start)} to {csv_date(status.cycle_end)} (deadline)",
        f"Prepared: {utcnow().date().isoformat()} (UTC)",
        f"Records in the cycle: {len(records)}",
        "",
        "Totals per requirement (hours; verified counts, pending does not yet):",
    ]
    for item in status.requirements:
        lines.append(
            f"- {item.label}: required {format_hours(item.required)}, "
            f"verified {format_hours(item.verified)}, pending {format_hours(item.pending)}, "
            f"missing {format_hours(item.missing)}" + (" (met)" if item.satisfied else "")
        )
    lines += [
        "",
        "records.csv: each record, who verified it and when, and its certificates' status today.",
        "index.csv: every file in this packet with its SHA-256.",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _records(peer_id: int, start: date, end: date) -> list[CERecord]:
    return list(
        db.session.execute(
            db.select(CERecord)
            .where(CERecord.user_id == peer_id, CERecord.earned_on.between(start, end))
            .order_by(CERecord.earned_on, CERecord.id)
        ).scalars()
    )


def _certificates(record_ids: list[int]) -> dict[int, list[Certificate]]:
    found: dict[int, list[Certificate]] = {}
    rows = db.session.execute(
        db.select(Certificate)
        .where(Certificate.ce_record_id.in_(record_ids))
        .order_by(Certificate.id)
    ).scalars()
    for certificate in rows:
        found.setdefault(certificate.ce_record_id, []).append(certificate)
    return found


def _names(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = db.session.execute(db.select(User.id, User.legal_name).where(User.id.in_(user_ids)))
    return dict(rows.all())
