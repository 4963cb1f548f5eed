"""Outside CE: logged by the peer (pending), edited or withdrawn while pending, verified or
rejected by a supervisor. Every change is an audit event with the before and after values;
nothing is ever deleted."""

from typing import Any

from lms import audit
from lms.extensions import db
from lms.models import CERecord, Evidence, User
from lms.verification import DecisionError, decide_pending, withdraw_pending

EDITABLE = ("title", "provider", "approval_number", "earned_on", "minutes", "topics", "delivery")


def _snapshot(record: CERecord) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in EDITABLE + ("status", "provider_tag")}
    values["earned_on"] = values["earned_on"].isoformat()
    return values


def log_outside(user: User, values: dict[str, Any], evidence: dict | None) -> CERecord:
    record = CERecord(user_id=user.id, source="external", status="pending", **values)
    db.session.add(record)
    db.session.flush()
    if evidence:
        db.session.add(Evidence(ce_record_id=record.id, **evidence))
    audit.record("ce.logged", actor=user, subject=record, after=_snapshot(record))
    return record


def edit_pending(
    record: CERecord, values: dict[str, Any], evidence: dict | None, *, actor: User
) -> None:
    if record.status != "pending":
        raise DecisionError("Only pending hours can be changed. Ask your supervisor to help.")
    before = _snapshot(record)
    for name, value in values.items():
        setattr(record, name, value)
    if evidence:
        db.session.add(Evidence(ce_record_id=record.id, **evidence))
    audit.record(
        "ce.edited",
        actor=actor,
        subject=record,
        before=before,
        after=_snapshot(record),
        evidence_added=bool(evidence),
    )


def withdraw(record: CERecord, *, actor: User) -> None:
    withdraw_pending(record, snapshot=_snapshot, action="ce.withdrawn", actor=actor)


def decide(
    record: CERecord, verified: bool, reason: str, *, supervisor: User, provider_tag: str = ""
) -> None:
    """Verify, or reject with a reason the peer sees. A verifier may confirm that the training
    came from a provider a rule counts on (`provider_tag`, one of `provider_tags()`)."""
    if provider_tag and provider_tag not in provider_tags():
        raise DecisionError("Choose a provider from the list, or leave it empty.")
    if provider_tag and not verified:
        raise DecisionError("Only verified hours can be confirmed as coming from a provider.")
    decide_pending(
        record,
        verified,
        reason,
        supervisor=supervisor,
        snapshot=_snapshot,
        action_prefix="ce",
        what="record",
        who="peer",
        updates={"provider_tag": provider_tag},
    )


def provider_tags() -> dict[str, str]:
    """Providers the offered credentials' rules count on, as {tag: what the verifier reads}."""
    from lms.renewal.rulesets import offered_rule_sets

    tags: dict[str, str] = {}
    for rule in offered_rule_sets():
        for requirement in rule.requirements:
            for tag in requirement.providers:
                tags.setdefault(tag, f"{rule.name}: {requirement.label}")
    return tags
