"""Looking certificates up, who may see them, and the one rule for "does it still count?".

A course's CE record counts while it has a certificate in force. Revoking that certificate
(without a replacement in force) takes its hours out of every total: renewal, readiness,
transcripts and team views all ask `record_revoked_clause` or `revocations_of` here.
"""

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import aliased

from lms import codes
from lms.extensions import db
from lms.models import CERecord, Certificate, Enrollment, User
from lms.permissions import may_see_records_of


def by_code(typed: str) -> Certificate | None:
    code = codes.normalise(typed)
    if code is None:
        return None
    return db.session.execute(
        db.select(Certificate).where(Certificate.code == code)
    ).scalar_one_or_none()


def current_for_enrollment(enrollment: Enrollment) -> Certificate | None:
    """The certificate in force for a completed enrollment (the newest, if re-issued), or None
    when every certificate of it is revoked: the learner is offered no revoked PDF."""
    return db.session.execute(
        db.select(Certificate)
        .join(CERecord, CERecord.id == Certificate.ce_record_id)
        .where(CERecord.enrollment_id == enrollment.id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def of_user(user: User) -> list[Certificate]:
    return list(
        db.session.execute(
            db.select(Certificate)
            .where(Certificate.user_id == user.id)
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        ).scalars()
    )


def may_view(viewer: User, certificate: Certificate) -> bool:
    """The holder, their current supervisors, and administrators."""
    return may_see_records_of(viewer, certificate.user_id)


def replacement_of(certificate: Certificate) -> Certificate | None:
    """The certificate issued to replace this one, if any."""
    return db.session.execute(
        db.select(Certificate).where(Certificate.replaces_id == certificate.id)
    ).scalar_one_or_none()


def latest_in_chain(certificate: Certificate) -> Certificate:
    """Follow replacements to the newest certificate (itself when never replaced)."""
    seen = {certificate.id}
    while (following := replacement_of(certificate)) is not None and following.id not in seen:
        seen.add(following.id)
        certificate = following
    return certificate


def status(certificate: Certificate) -> str:
    """valid | replaced | revoked. `replaced` only while the newest replacement is in force: a
    replaced certificate whose replacement was revoked is itself revoked."""
    if certificate.revoked_at is None:
        return "valid"
    newest = latest_in_chain(certificate)
    return "replaced" if newest.revoked_at is None else "revoked"


def record_revoked_clause():
    """SQL: true for a CE record that has certificates, none of them in force."""
    # An alias, so the clause also works inside a query that selects certificates itself.
    other = aliased(Certificate)
    any_certificate = exists().where(other.ce_record_id == CERecord.id)
    in_force = exists().where(other.ce_record_id == CERecord.id, other.revoked_at.is_(None))
    return and_(any_certificate, ~in_force)


def record_counts_clause():
    """SQL: true for a CE record whose hours may count (no revoked-only certificate)."""
    return ~record_revoked_clause()


def revocations_of(user_id: int) -> dict[int, Certificate]:
    """A peer's revoked CE records → the newest revoked certificate, whose reason is shown
    beside the struck-through record."""
    rows = db.session.execute(
        select(Certificate)
        .join(CERecord, CERecord.id == Certificate.ce_record_id)
        .where(CERecord.user_id == user_id, record_revoked_clause())
        .order_by(Certificate.id)
    ).scalars()
    return {certificate.ce_record_id: certificate for certificate in rows}
