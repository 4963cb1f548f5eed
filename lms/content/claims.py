"""Administrators' approvals of CE hours above a course's estimate: the one lookup.

An approval is for exactly one content (the package's content hash), so a change to any file
of the course — its text, its quiz or its `ce_hours` — leaves it behind. The rule it relaxes
lives in lms/content/estimate.py; approving happens in lms/authoring/claims.py.
"""

from lms.content.estimate import exceeds_estimate
from lms.extensions import db
from lms.models import ClaimApproval


def approval_for(slug: str, digest: str) -> ClaimApproval | None:
    """The newest approval for this course's content, or None."""
    return db.session.execute(
        db.select(ClaimApproval)
        .where(ClaimApproval.slug == slug, ClaimApproval.content_hash == digest)
        .order_by(ClaimApproval.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def approved_minutes(slug: str, digest: str) -> int | None:
    """The CE minutes approved for this content (None: no approval)."""
    approval = approval_for(slug, digest)
    return approval.minutes if approval is not None else None


def claim_basis(slug: str, digest: str, ce_minutes: int, estimated_minutes: int) -> str:
    """The basis a version keeps: the approval's, when its claim needed one ("" otherwise)."""
    if not exceeds_estimate(ce_minutes, estimated_minutes):
        return ""
    approval = approval_for(slug, digest)
    if approval is None or approval.minutes < ce_minutes:
        return ""
    return approval.basis
