"""Outside CE: logged by the peer (pending), edited or withdrawn while pending, verified or
rejected by a supervisor on the version they saw, corrected and sent again after a rejection.
Every change is an audit event with the before and after values; nothing is ever deleted."""

from datetime import date
from typing import Any

from lms.content.vocabulary import load_vocabulary
from lms.extensions import db
from lms.hours import hours_phrase
from lms.i18n import _
from lms.localtime import page_date
from lms.models import CERecord, Evidence, User
from lms.verification import (
    DecisionError,
    change_by_owner,
    correct_verified,
    decide_pending,
    record_logged,
    withdraw_pending,
)

EDITABLE = ("title", "provider", "approval_number", "earned_on", "minutes", "topics", "delivery")


def _snapshot(record: CERecord) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in EDITABLE + ("status", "provider_tag")}
    values["earned_on"] = values["earned_on"].isoformat()
    values["evidence"] = [row.original_name for row in record.evidence]
    return values


def shown(values: dict[str, Any]) -> dict[str, str]:
    """A snapshot as the supervisor reads the record in the queue."""
    vocabulary = load_vocabulary()
    return {
        "Hours": hours_phrase(values["minutes"]),
        "Title": values["title"],
        "Date": page_date(date.fromisoformat(values["earned_on"])),
        "Provider": values["provider"],
        "Approval number": values["approval_number"],
        "Topics": ", ".join(vocabulary.topics.get(t, t) for t in values["topics"]),
        "Format": vocabulary.delivery.get(values["delivery"], values["delivery"]),
        "Evidence": ", ".join(values.get("evidence", [])) or "none",
    }


def log_outside(user: User, values: dict[str, Any], evidence: dict | None) -> CERecord:
    record = CERecord(user_id=user.id, source="external", status="pending", **values)
    if evidence:
        record.evidence.append(Evidence(**evidence))
    db.session.add(record)
    record_logged(record, snapshot=_snapshot, action="ce.logged", actor=user)
    return record


def edit_own(
    record: CERecord, values: dict[str, Any], evidence: dict | None, *, actor: User
) -> None:
    """The peer changes outside CE while pending, or corrects it after a rejection and sends it
    again (pending once more); verified hours are read-only (lms.verification)."""
    if record.source != "external":
        raise DecisionError(
            _("Hours from a Peerpath course come from the course; they cannot be changed.")
        )

    def apply() -> None:
        for name, value in values.items():
            setattr(record, name, value)
        if evidence:
            record.evidence.append(Evidence(**evidence))

    change_by_owner(
        record,
        apply,
        snapshot=_snapshot,
        action_prefix="ce",
        actor=actor,
        evidence_added=bool(evidence),
    )


def correct(
    record: CERecord,
    values: dict[str, Any],
    *,
    reason: str,
    shown_version: int | None,
    actor: User,
) -> None:
    """An administrator corrects verified outside CE, with a reason (lms.verification)."""
    if record.source != "external":
        raise DecisionError(
            _(
                "Hours from a Peerpath course come from the course; revoke or re-issue its "
                "certificate instead."
            )
        )

    def apply() -> None:
        for name, value in values.items():
            setattr(record, name, value)

    correct_verified(
        record,
        apply,
        reason=reason,
        shown_version=shown_version,
        snapshot=_snapshot,
        shown=shown,
        action_prefix="ce",
        actor=actor,
    )


def withdraw(record: CERecord, *, actor: User) -> None:
    withdraw_pending(record, snapshot=_snapshot, action="ce.withdrawn", actor=actor)


def decide(
    record: CERecord,
    verified: bool,
    reason: str,
    *,
    shown_version: int | None,
    supervisor: User,
    provider_tag: str = "",
) -> None:
    """Verify, or reject with a reason the peer sees, the version the supervisor saw. A verifier
    may confirm that the training came from a provider a rule counts on (`provider_tag`, one of
    `provider_tags()`)."""
    if provider_tag and provider_tag not in provider_tags():
        raise DecisionError(_("Choose a provider from the list, or leave it empty."))
    if provider_tag and not verified:
        raise DecisionError(_("Only verified hours can be confirmed as coming from a provider."))
    decide_pending(
        record,
        verified,
        reason,
        shown_version=shown_version,
        supervisor=supervisor,
        snapshot=_snapshot,
        shown=shown,
        action_prefix="ce",
        what="record",
        who="peer",
        updates={"provider_tag": provider_tag},
    )


def provider_tags() -> dict[str, str]:
    """Providers the offered credentials' rules count on, as {tag: what the verifier reads}."""
    from lms.renewal.rulesets import offered_rule_sets, rule_label

    tags: dict[str, str] = {}
    for rule in offered_rule_sets():
        for requirement in rule.requirements:
            for tag in requirement.providers:
                tags.setdefault(tag, f"{rule.name}: {rule_label(requirement.label)}")
    return tags
