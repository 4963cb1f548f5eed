"""Issuing, revoking and re-issuing certificates, each with its audit event.

A certificate is created in the same transaction as the completion that earns it. Its printed
fields are frozen into a snapshot in the learner's language, the language its PDF is issued in
(topic and delivery labels too: a Spanish learner's certificate says "Ética" for good, on the
PDF and the verify page, whoever views it later). Its PDF is rendered and stored with its
SHA-256. If rendering fails, the certificate still exists without a stored PDF; a download then
renders it from the same frozen fields without storing it (a read never writes), so what the
certificate prints never changes.
"""

import hashlib
import logging

from lms import audit, codes
from lms.certificates.render import render_certificate_pdf
from lms.content.labels import local_vocabulary
from lms.content.translations import language_name
from lms.extensions import db
from lms.hours import format_hours
from lms.i18n import current_locale, for_person
from lms.localtime import page_date, today_for
from lms.models import CERecord, Certificate, CourseVersion, User, utcnow
from lms.provider import approvals_in_force, current_provider, png_data_uri
from lms.urls import public_url

log = logging.getLogger(__name__)


def printed_fields(user: User, record: CERecord, version: CourseVersion | None, code: str) -> dict:
    """Every field the certificate prints, frozen at issue; labels in the language in force
    (`issue_certificate` calls it inside `for_person`). The record keeps the keys."""
    provider = current_provider()
    vocabulary = local_vocabulary()
    topics = vocabulary.topics
    today = today_for(user)  # the learner's date, as the completion date is
    return {
        "participant_name": user.legal_name,
        "credentials": [{"name": c.name, "number": c.number} for c in user.credentials],
        "course_title": record.title,
        "course_version": version.version_label if version else "",
        # The language the course was taken in: a board reads a translation as the same course.
        "language": language_name(version.course.language, current_locale()) if version else "",
        "ce_hours": format_hours(record.minutes),
        "ce_minutes": record.minutes,
        "topics": [topics.get(t, t) for t in record.topics],
        "delivery": vocabulary.delivery.get(record.delivery, record.delivery),
        "completion_date": record.earned_on.isoformat(),
        "completion_date_display": page_date(record.earned_on),
        "provider_name": provider.organisation,
        "provider_contact": provider.contact,
        "approval_statement": provider.approval_statement,
        "approvals": approvals_printed(record.earned_on),
        "signatory_name": provider.signatory_name,
        "signatory_title": provider.signatory_title,
        "logo_data_uri": png_data_uri(provider.logo_png),
        "signature_data_uri": png_data_uri(provider.signature_png),
        "paper": provider.paper,
        "issue_date": today.isoformat(),
        "issue_date_display": page_date(today),
        "code": code,
        "code_display": codes.grouped(code),
        "verify_url": public_url("certificates.verify", code=codes.grouped(code)),
    }


def approvals_printed(completed_on) -> list[dict]:
    """The board approvals in force on the completion date, as the certificate prints them
    (empty: the certificate says the course is not board-approved)."""
    return [
        {
            "approving_body": a.approving_body,
            "approval_number": a.approval_number,
            "covers": list(a.covers or []),
        }
        for a in approvals_in_force(completed_on)
    ]


def _unused_code() -> str:
    while True:
        code = codes.new_code()
        taken = db.session.execute(db.select(Certificate.id).where(Certificate.code == code))
        if taken.first() is None:
            return code


def issue_certificate(record: CERecord, *, replaces: Certificate | None = None) -> Certificate:
    """Create the certificate for a CE record, with its PDF when rendering succeeds."""
    user = db.session.get(User, record.user_id)
    version = db.session.get(CourseVersion, record.course_version_id)
    code = _unused_code()
    with for_person(user):  # the learner's language, the one the PDF is issued in
        fields = printed_fields(user, record, version, code)
    certificate = Certificate(
        code=code,
        user_id=user.id,
        ce_record_id=record.id,
        course_version_id=record.course_version_id,
        fields=fields,
        replaces_id=replaces.id if replaces else None,
    )
    db.session.add(certificate)
    db.session.flush()
    attach_pdf(certificate)
    audit.record("certificate.issued", actor=user, subject=certificate, code=code)
    return certificate


def attach_pdf(certificate: Certificate) -> bool:
    """At issue: render and store the PDF. A failure leaves it missing, not lost."""
    pdf = pdf_of(certificate)
    if pdf is None:
        return False
    certificate.pdf = pdf
    certificate.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    return True


def pdf_of(certificate: Certificate) -> bytes | None:
    """The certificate's PDF: the stored one, else rendered now from its frozen fields and
    not stored (downloads are reads). None when rendering fails."""
    if certificate.pdf is not None:
        return certificate.pdf
    try:
        return render_certificate_pdf(certificate.fields, certificate.user)
    except Exception:  # any rendering failure must not lose the certificate itself
        log.exception("Certificate %s: PDF rendering failed", certificate.code)
        return None


def revoke(certificate: Certificate, reason: str, *, actor: User) -> None:
    if certificate.revoked_at is None:
        certificate.revoked_at = utcnow()
        certificate.revoked_reason = reason
        audit.record("certificate.revoked", actor=actor, subject=certificate, reason=reason)


def reissue(certificate: Certificate, reason: str, *, actor: User) -> Certificate:
    """A new certificate with the current printed details that supersedes the old one."""
    record = db.session.get(CERecord, certificate.ce_record_id)
    revoke(certificate, f"Replaced: {reason}", actor=actor)
    new = issue_certificate(record, replaces=certificate)
    audit.record(
        "certificate.reissued", actor=actor, subject=new, replaces=certificate.code, reason=reason
    )
    return new
