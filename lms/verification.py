"""The pending → verified/rejected life of hours a supervisor checks (outside CE and supervised
practice alike): withdraw while pending, decide once, each change audited before and after."""

from collections.abc import Callable
from typing import Any

from lms import audit
from lms.models import User, utcnow

Snapshot = Callable[[Any], dict[str, Any]]


class DecisionError(ValueError):
    """A change that is not allowed in the item's current state."""


def withdraw_pending(item: Any, *, snapshot: Snapshot, action: str, actor: User) -> None:
    if item.status != "pending":
        raise DecisionError("Only pending hours can be withdrawn.")
    before = snapshot(item)
    item.status = "withdrawn"
    audit.record(action, actor=actor, subject=item, before=before, after=snapshot(item))


def decide_pending(
    item: Any,
    verified: bool,
    reason: str,
    *,
    supervisor: User,
    snapshot: Snapshot,
    action_prefix: str,
    what: str,
    who: str,
    updates: dict[str, Any] | None = None,
) -> None:
    """Verify, or reject with a reason `who` sees. Actions: `<prefix>.verified|rejected`.
    `updates`: other attributes the decision sets, recorded in the same before/after."""
    if item.status != "pending":
        raise DecisionError(f"This {what} was already decided; the queue shows only pending hours.")
    if not verified and not reason.strip():
        raise DecisionError(f"Say why the hours are rejected: the {who} sees your reason.")
    before = snapshot(item)
    for name, value in (updates or {}).items():
        setattr(item, name, value)
    item.status = "verified" if verified else "rejected"
    item.decided_by_id = supervisor.id
    item.decided_at = utcnow()
    item.decision_reason = reason.strip()
    audit.record(
        f"{action_prefix}.{item.status}",
        actor=supervisor,
        subject=item,
        before=before,
        after=snapshot(item),
        reason=item.decision_reason,
    )
