"""Looking certificates up, and who may see them."""

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
    """The certificate in force for a completed enrollment (the newest, if re-issued)."""
    return db.session.execute(
        db.select(Certificate)
        .join(CERecord, CERecord.id == Certificate.ce_record_id)
        .where(CERecord.enrollment_id == enrollment.id)
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


def status(certificate: Certificate) -> str:
    """valid | revoked | replaced"""
    if certificate.revoked_at is None:
        return "valid"
    from lms.certificates.issue import replacement_of

    return "replaced" if replacement_of(certificate) is not None else "revoked"
