"""Everything held about one person, as a ZIP: their right to a copy of their data."""

import csv
import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_

from lms.admin.audit_words import describe, names_for
from lms.certificates.transcript import safe_cell
from lms.extensions import db
from lms.localtime import page_date, today_for
from lms.models import (
    AuditEvent,
    CERecord,
    Certificate,
    Course,
    CourseEvaluation,
    Enrollment,
    EthicsAffirmation,
    Evidence,
    LessonProgress,
    PracticeAttempt,
    PracticeEntry,
    QuizAttempt,
    ReminderSent,
    SupervisorInvite,
    SupervisorLink,
    User,
    UserCredential,
)
from lms.renewal import evidence as evidence_files

CE_COLUMNS = (
    "id",
    "source",
    "title",
    "provider",
    "minutes",
    "topics",
    "delivery",
    "earned_on",
    "status",
    "approval_number",
    "decided_at",
    "decision_reason",
    "created_at",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None  # binary columns (PDFs) are written as files of their own
    return value


def _row(model: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        column.key: _plain(getattr(model, column.key))
        for column in model.__table__.columns
        if column.key not in skip
    }


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def _all(statement) -> list:
    return list(db.session.execute(statement).scalars())


def person_zip(user: User) -> bytes:
    """The ZIP: profile, credentials and their reminders, CE records (CSV), certificate PDFs,
    evidence files, enrollments, lesson progress, quiz attempts, evaluations, the certification
    path (ethics affirmations, practice log, practice exam attempts), supervision links and
    invitations, and audit events."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        profile = _row(user, skip=("password_hash", "session_token"))
        profile["roles"] = sorted(user.roles)
        archive.writestr("profile.json", _json(profile))
        credentials = _all(db.select(UserCredential).where(UserCredential.user_id == user.id))
        archive.writestr("credentials.json", _json([_row(c) for c in credentials]))
        records = _all(db.select(CERecord).where(CERecord.user_id == user.id).order_by(CERecord.id))
        archive.writestr("ce_records.csv", _ce_csv(records))
        _write_certificates(archive, user)
        missing = _write_evidence(archive, [r.id for r in records])
        _write_learning(archive, user)
        _write_certification(archive, user)
        _write_owned(
            archive,
            "renewal_reminders.json",
            db.select(ReminderSent).where(
                ReminderSent.credential_id.in_([c.id for c in credentials])
            ),
        )
        _write_owned(
            archive,
            "supervisor_invitations.json",
            db.select(SupervisorInvite).where(SupervisorInvite.peer_id == user.id),
            skip=("token_hash",),
        )
        links = _all(
            db.select(SupervisorLink).where(
                or_(SupervisorLink.peer_id == user.id, SupervisorLink.supervisor_id == user.id)
            )
        )
        archive.writestr("supervision_links.json", _json([_row(link) for link in links]))
        events = _all(
            db.select(AuditEvent)
            .where(
                or_(
                    AuditEvent.actor_id == user.id,
                    and_(AuditEvent.subject_type == "user", AuditEvent.subject_id == str(user.id)),
                )
            )
            .order_by(AuditEvent.id)
        )
        names = names_for(events)  # each event also as the sentence the audit log shows
        rows = [{**_row(e), "what_happened": describe(e, names)} for e in events]
        archive.writestr("audit_events.json", _json(rows))
        archive.writestr("README.txt", _readme(user, missing))
    return buffer.getvalue()


def _ce_csv(records: list[CERecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CE_COLUMNS)
    for record in records:
        row = _row(record)
        row["topics"] = " ".join(record.topics)
        writer.writerow([safe_cell("" if row[c] is None else str(row[c])) for c in CE_COLUMNS])
    return out.getvalue()


def _write_certificates(archive: zipfile.ZipFile, user: User) -> None:
    certificates = _all(
        db.select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.id)
    )
    archive.writestr("certificates.json", _json([_row(c) for c in certificates]))
    for certificate in certificates:
        if certificate.pdf:
            archive.writestr(f"certificates/{certificate.code}.pdf", certificate.pdf)


def _write_evidence(archive: zipfile.ZipFile, record_ids: list[int]) -> list[str]:
    """Add each evidence file; return the names of any missing from disk."""
    rows = _all(db.select(Evidence).where(Evidence.ce_record_id.in_(record_ids)))
    archive.writestr("evidence.json", _json([_row(e) for e in rows]))
    missing = []
    for row in rows:
        # The label is cleaned again: rows stored before file_label kept folders and controls.
        label = evidence_files.file_label(row.original_name)
        name = f"evidence/{row.ce_record_id}-{row.id}-{label}"
        try:
            archive.writestr(name, evidence_files.read(row.stored_name))
        except FileNotFoundError:
            missing.append(row.original_name)
    return missing


def _write_learning(archive: zipfile.ZipFile, user: User) -> None:
    enrollments = db.session.execute(
        db.select(Enrollment, Course.slug)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.user_id == user.id)
        .order_by(Enrollment.id)
    ).all()
    archive.writestr(
        "enrollments.json", _json([{**_row(e), "course": slug} for e, slug in enrollments])
    )
    ids = [e.id for e, _slug in enrollments]
    attempts = _all(
        db.select(QuizAttempt).where(QuizAttempt.enrollment_id.in_(ids)).order_by(QuizAttempt.id)
    )
    archive.writestr("quiz_attempts.json", _json([_row(a) for a in attempts]))
    evaluations = _all(
        db.select(CourseEvaluation)
        .where(CourseEvaluation.enrollment_id.in_(ids))
        .order_by(CourseEvaluation.id)
    )
    archive.writestr("course_evaluations.json", _json([_row(e) for e in evaluations]))
    _write_owned(
        archive,
        "lesson_progress.json",
        db.select(LessonProgress).where(LessonProgress.enrollment_id.in_(ids)),
    )


def _write_certification(archive: zipfile.ZipFile, user: User) -> None:
    """The road to a first certificate: each affirmation of the code of ethics, every
    practice-log entry (withdrawn and rejected ones too) and every practice exam attempt."""
    for name, model in (
        ("ethics_affirmations.json", EthicsAffirmation),
        ("practice_log.json", PracticeEntry),
        ("practice_exam_attempts.json", PracticeAttempt),
    ):
        _write_owned(archive, name, db.select(model).where(model.user_id == user.id))


def _write_owned(archive: zipfile.ZipFile, name: str, statement, skip=()) -> None:
    """One JSON file holding every row `statement` selects, oldest first."""
    rows = _all(statement.order_by(statement.column_descriptions[0]["entity"].id))
    archive.writestr(name, _json([_row(row, skip=skip) for row in rows]))


def _readme(user: User, missing: list[str]) -> str:
    lines = [
        f"Everything Peerpath holds about {user.legal_name} <{user.email}>,",
        f"exported {page_date(today_for(user))}.",
        "",
        "profile.json, credentials.json: the account and the credentials held (ended ones too);",
        "renewal_reminders.json: the renewal reminders sent about them.",
        "ce_records.csv: every CE record; minutes are 60-minute contact hours x 60.",
        "certificates.json and certificates/: each certificate and its PDF as issued.",
        "evidence.json and evidence/: files uploaded as proof of outside CE.",
        "enrollments.json, lesson_progress.json, quiz_attempts.json, course_evaluations.json:",
        "learning history.",
        "ethics_affirmations.json, practice_log.json, practice_exam_attempts.json: the road to",
        "a first certificate (every entry and attempt, withdrawn and rejected ones too).",
        "supervision_links.json: supervisors and supervisees, with start and end dates;",
        "supervisor_invitations.json: invitations sent to supervisors.",
        "audit_events.json: actions taken by this person or about their account.",
        "The password hash, session token and invitation link secrets are never exported.",
    ]
    if missing:
        lines += ["", "Evidence files missing from storage: " + ", ".join(missing)]
    return "\n".join(lines) + "\n"
