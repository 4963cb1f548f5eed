"""A peer's renewal picture per credential: the engine's answer on their CE records, and the
live courses that would fill what is missing."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from lms.ce.data import RuleSet
from lms.ce.engine import RecordInput, RenewalStatus, renewal_status
from lms.certificates.queries import record_revoked_clause, revocations_of
from lms.content.live import live_versions
from lms.content.translations import ce_identity, partners
from lms.extensions import db
from lms.i18n import _
from lms.models import CERecord, Certificate, Course, CourseVersion, User, UserCredential
from lms.provider import all_approvals, covered_credentials, in_force_on
from lms.renewal import chart
from lms.renewal.rulesets import rule_label, rule_set_named


@dataclass(frozen=True)
class CredentialStatus:
    credential: UserCredential
    rule: RuleSet
    status: RenewalStatus
    revoked: tuple[Certificate, ...] = ()  # this cycle's records whose certificate was revoked

    @property
    def rule_name(self) -> str:
        return self.rule.name

    @property
    def replacement(self) -> RuleSet | None:
        """The credential that replaced an ended one (None when it has no replacement)."""
        return rule_set_named(self.rule.replaced_by) if self.rule.ended else None


REVOKED = "revoked"  # a status the engine never counts


def record_inputs(user_id: int) -> list[RecordInput]:
    """Every CE record of a peer as the engine reads it (see `record_inputs_by_user`)."""
    return record_inputs_by_user([user_id]).get(user_id, [])


def record_inputs_by_user(user_ids) -> dict[int, list[RecordInput]]:
    """Every CE record of these peers as the engine reads it, oldest first, in one query. A
    record whose certificate was revoked reads as `revoked` (never counted). A course record is
    approved for the credentials the provider's approvals in force on its completion date
    cover; an outside record for any credential when it carries an approval number."""
    rows = db.session.execute(
        db.select(
            CERecord.user_id,
            CERecord.earned_on,
            CERecord.minutes,
            CERecord.topics,
            CERecord.status,
            CERecord.delivery,
            CERecord.provider_tag,
            CERecord.source,
            CERecord.approval_number,
            CERecord.title,
            record_revoked_clause().label("revoked"),
        )
        .where(CERecord.user_id.in_(user_ids))
        .order_by(CERecord.earned_on, CERecord.id)  # the engine shares minutes in this order
    )
    approvals = all_approvals()
    records: dict[int, list[RecordInput]] = defaultdict(list)
    for row in rows:
        records[row.user_id].append(_record_input(row, approvals))
    return records


def _record_input(row, approvals) -> RecordInput:
    return RecordInput(
        row.earned_on,
        row.minutes,
        tuple(row.topics),
        REVOKED if row.revoked else row.status,
        row.delivery,
        row.provider_tag or "",
        _approved_for(row, approvals),
        row.title,
    )


def _approved_for(row, approvals) -> tuple[str, ...]:
    if row.source == "external":
        return ("*",) if row.approval_number.strip() else ()
    return covered_credentials(in_force_on(approvals, row.earned_on))


def credential_status(
    credential: UserCredential, records: list[RecordInput], today: date
) -> CredentialStatus | None:
    """The engine's answer for one credential, or None when it cannot be tracked: no rule set,
    no certification date, or dates the rules cannot use (e.g. no expiry for a fixed-expiry
    rule; the form refuses those, an import might not)."""
    rule = rule_set_named(credential.rule_set)
    if rule is None or credential.certified_on is None:
        return None
    try:
        status = renewal_status(
            rule,
            certified_on=credential.certified_on,
            expires_on=credential.expires_on,
            records=records,
            today=today,
        )
    except ValueError:
        return None
    return CredentialStatus(credential, rule, status)


def _with_revoked(item: CredentialStatus, revoked: list[Certificate]) -> CredentialStatus:
    """The item with the revoked certificates completed inside its cycle, to show struck."""
    start, end = item.status.cycle_start.isoformat(), item.status.cycle_end.isoformat()
    inside = tuple(c for c in revoked if start <= c.fields["completion_date"] <= end)
    return replace(item, revoked=inside)


def credential_statuses(
    user: User, today: date, records: list[RecordInput] | None = None
) -> list[CredentialStatus]:
    """The renewal status of each tracked credential the peer holds."""
    records = record_inputs(user.id) if records is None else records
    statuses = [credential_status(c, records, today) for c in user.credentials]
    revoked = list(revocations_of(user.id).values())
    return [_with_revoked(status, revoked) for status in statuses if status is not None]


@dataclass(frozen=True)
class Picture:
    """A credential's renewal status drawn as bars, with their text equivalents."""

    item: CredentialStatus
    chart: chart.Chart


def picture(item: CredentialStatus) -> Picture:
    bars = [
        chart.Bar(rule_label(r.label), r.required, r.verified, r.pending)
        for r in item.status.requirements
    ]
    # Several charts share one page: each gets its own title id so aria-labelledby stays unique.
    title_id = f"chart-title-{item.credential.id}"
    return Picture(
        item,
        chart.hours_chart(
            bars, _("Hours toward %(credential)s renewal", credential=item.rule_name), title_id
        ),
    )


def courses_to_take_next(user: User, status: RenewalStatus, limit: int = 3):
    """Live courses the peer has not completed whose topics fill a missing requirement."""
    missing = {t for r in status.requirements if r.missing and r.topics for t in r.topics}
    total_missing = any(r.missing for r in status.requirements)
    done = set(
        db.session.execute(
            db.select(CourseVersion.course_id)
            .join(CERecord, CERecord.course_version_id == CourseVersion.id)
            .where(CERecord.user_id == user.id)
        ).scalars()
    )
    # Taken in either language, a course and its translation are one course (its CE identity).
    done_identities = set(
        db.session.execute(
            db.select(CERecord.ce_identity).where(
                CERecord.user_id == user.id, CERecord.ce_identity.is_not(None)
            )
        ).scalars()
    )
    live = live_versions()
    paired = partners(course for course, _version in live)
    candidates = [
        (course, version)
        for course, version in live
        if course.id not in done
        and ce_identity(course, paired.get(course.id)) not in done_identities
        and (set(version.topics) & missing or total_missing)
    ]
    candidates.sort(key=lambda cv: (-len(set(cv[1].topics) & missing), cv[1].title))
    return candidates[:limit]


def credential_of(user: User, credential_id: int) -> UserCredential | None:
    return db.session.execute(
        db.select(UserCredential).where(
            UserCredential.id == credential_id,
            UserCredential.user_id == user.id,
            UserCredential.ended_at.is_(None),
        )
    ).scalar_one_or_none()


__all__ = ["Course", "CredentialStatus", "courses_to_take_next", "credential_statuses"]
