"""An administrator approves a course's claim above its estimate, for one content, with a basis.

Publishing refuses a course whose `ce_hours` are more than 25% above what its content supports
(lms/content/estimate.py). When that is the only error, an administrator may approve the claim
with the evidence for it ("pilot tested by 5 learners, median 62 minutes"). The approval names
the content it was given for (the package's content hash), so any later change to the draft
needs a new one; it never lifts the online CE limit per 24 hours. The lookup that publishing
and sync use is lms/content/claims.py.
"""

from dataclasses import dataclass

from lms import audit
from lms.authoring.drafts import package_files
from lms.authoring.publish import draft_findings
from lms.content.course import read_course
from lms.content.sources import content_hash
from lms.extensions import db
from lms.findings import Finding
from lms.hours import format_hours, hours_phrase
from lms.models import ClaimApproval, CourseDraft, User


@dataclass(frozen=True)
class Claim:
    """A claim an administrator may approve: the content it is for and the minutes claimed."""

    digest: str
    ce_minutes: int


class ClaimRefused(ValueError):
    """The approval was not recorded; `field` is the form field the message belongs beside."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def approvable_claim(draft: CourseDraft, findings: list[Finding]) -> Claim | None:
    """The draft's claim when the only thing blocking publishing is the 25% rule, else None."""
    if {f.code for f in findings if f.severity == "error"} != {"hours-exceed-estimate"}:
        return None
    meta = read_course(draft.files.get("course.md", ""), "course.md", draft.slug)[0]
    if meta.ce_minutes is None:
        return None
    return Claim(content_hash(package_files(draft.files, draft.media)), meta.ce_minutes)


def approve_claim(
    draft: CourseDraft, admin: User, *, seen: str, minutes: int, basis: str, daily_cap: int
) -> ClaimApproval:
    """Record `admin`'s approval of `minutes` for the draft's content as `seen` (its digest on
    the page they read), audited in the same transaction. Raises ClaimRefused when the draft
    changed since, no longer needs an approval, or `minutes` do not fit the claim or the limit.
    """
    claim = approvable_claim(draft, draft_findings(draft))
    if claim is None or claim.digest != seen:
        raise ClaimRefused(
            "The draft changed since you opened this page, or no longer needs an approval. "
            "Read the findings again before approving."
        )
    if minutes < claim.ce_minutes:
        raise ClaimRefused(
            f"The course claims {hours_phrase(claim.ce_minutes)}: approve at least that, or ask "
            "the author to lower ce_hours.",
            "hours",
        )
    if daily_cap and minutes > daily_cap:
        raise ClaimRefused(
            f"No approval can go past the {hours_phrase(daily_cap)} of online CE a learner can "
            "be credited in 24 hours.",
            "hours",
        )
    approval = ClaimApproval(
        slug=draft.slug,
        content_hash=claim.digest,
        minutes=minutes,
        basis=basis,
        approved_by_id=admin.id,
    )
    db.session.add(approval)
    db.session.flush()
    audit.record(
        "course.claim_approved",
        actor=admin,
        subject=approval,
        slug=draft.slug,
        content_hash=claim.digest,
        ce_hours=format_hours(minutes),
        basis=basis,
    )
    return approval
