"""Transcripts: every CE record of a peer in a date range, with totals by topic, as CSV or PDF."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask import render_template

from lms.certificates.queries import revocations_of
from lms.certificates.render import render_pdf
from lms.content.vocabulary import load_vocabulary
from lms.extensions import db
from lms.hours import format_hours
from lms.i18n import _, for_person
from lms.localtime import csv_date
from lms.models import CERecord, Certificate, User
from lms.provider import current_provider

CSV_COLUMNS = [
    "date",
    "title",
    "provider",
    "hours",
    "topics",
    "delivery",
    "status",
    "source",
    "certificate",
]


@dataclass(frozen=True)
class Transcript:
    user: User
    start: date
    end: date
    rows: list[dict]
    total_minutes: int
    minutes_by_topic: dict[str, int]


def build_transcript(user: User, start: date, end: date) -> Transcript:
    """The rows and totals. A record whose certificate was revoked stays listed, marked
    `revoked` with the reason (struck through on the page and PDF), and counts in no total."""
    records = db.session.execute(
        db.select(CERecord, Certificate.code)
        .outerjoin(
            Certificate,
            (Certificate.ce_record_id == CERecord.id) & Certificate.revoked_at.is_(None),
        )
        .where(CERecord.user_id == user.id, CERecord.earned_on.between(start, end))
        .order_by(CERecord.earned_on, CERecord.id)
    ).all()
    revoked = revocations_of(user.id)
    vocabulary = load_vocabulary()
    labels = vocabulary.topics
    rows, by_topic, total = [], defaultdict(int), 0
    for record, code in records:
        gone = revoked.get(record.id)
        rows.append(
            {
                "date": record.earned_on,
                "title": record.title,
                "provider": record.provider,
                "hours": format_hours(record.minutes),
                "minutes": record.minutes,
                "topics": ", ".join(labels.get(t, t) for t in record.topics),
                "delivery": vocabulary.delivery.get(record.delivery, record.delivery),
                "status": _revoked_status(gone) if gone else record.status,
                "status_text": _status_text(gone, record.status),
                "source": record.source,
                "certificate": gone.display_code if gone else code or "",
                "revoked": gone is not None,
            }
        )
        if record.status == "verified" and gone is None:
            total += record.minutes
            for topic in record.topics:
                by_topic[labels.get(topic, topic)] += record.minutes
    return Transcript(user, start, end, rows, total, dict(sorted(by_topic.items())))


def _revoked_status(certificate: Certificate) -> str:
    """The status as the CSV writes it: a stable English word a spreadsheet can filter on."""
    reason = certificate.revoked_reason or ""
    return f"revoked: {reason}" if reason else "revoked"


def _status_text(revoked: Certificate | None, status: str) -> str:
    """The status as the page and PDF print it, in the reader's language."""
    if revoked is not None:
        reason = revoked.revoked_reason or ""
        return _("revoked: %(reason)s", reason=reason) if reason else _("revoked")
    return status_label(status)


def status_label(status: str) -> str:
    """A CE record's status word in the reader's language."""
    labels = {
        "verified": _("verified"),
        "pending": _("pending"),
        "rejected": _("rejected"),
        "withdrawn": _("withdrawn"),
    }
    return labels.get(status, status)


def safe_cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: make them plain text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_headers() -> list[str]:
    """The CSV's first row, in the reader's language (the columns keep their order)."""
    names = {
        "date": _("date"),
        "title": _("title"),
        "provider": _("provider"),
        "hours": _("hours"),
        "topics": _("topics"),
        "delivery": _("delivery"),
        "status": _("status"),
        "source": _("source"),
        "certificate": _("certificate"),
    }
    return [names[column] for column in CSV_COLUMNS]


def transcript_csv(transcript: Transcript) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    header = csv_headers()  # fixed text from the catalog, no one's data
    writer.writerow(header)
    for row in transcript.rows:
        cells = {**row, "date": csv_date(row["date"])}
        writer.writerow([safe_cell(str(cells[c])) for c in CSV_COLUMNS])
    return out.getvalue()


def transcript_pdf(transcript: Transcript) -> bytes:
    """The transcript as a PDF, prepared by the current provider (the one certificates name),
    in its holder's language whoever downloads it (the holder, or a supervisor's packet)."""
    with for_person(transcript.user):
        html = render_template(
            "certificates/transcript_pdf.html",
            t=transcript,
            provider_name=current_provider().organisation,
        )
    return render_pdf(html)
