"""The pending → verified/rejected life of hours a supervisor checks (outside CE and supervised
practice alike), in one place for both: logged pending; changed or withdrawn by the person while
pending; corrected and sent again after a rejection; read-only once verified; decided once, and
only on the version the decider saw. Every change bumps the item's `version` and is audited with
the values before and after (the after values name their version, so the audit trail can say
what any version showed)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from lms import audit
from lms.extensions import db
from lms.i18n import _
from lms.models import AuditEvent, User, utcnow

Snapshot = Callable[[Any], dict[str, Any]]
# A snapshot as a person reads it: {"Hours": "1", "Title": "…", …}.
Shown = Callable[[dict[str, Any]], dict[str, str]]


class DecisionError(ValueError):
    """A change that is not allowed in the item's current state."""


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


class ChangedSinceShown(DecisionError):
    """A decision named a version that is no longer the item's: nothing was decided.
    `changes` lists what changed since (empty when the shown version is unknown)."""

    def __init__(self, changes: list[Change]):
        super().__init__(
            _(
                "This record changed since you opened it: nothing was decided. Check the new "
                "values, then decide."
            )
        )
        self.changes = changes


def _state(item: Any, snapshot: Snapshot) -> dict[str, Any]:
    return {**snapshot(item), "version": item.version}


def record_logged(item: Any, *, snapshot: Snapshot, action: str, actor: User) -> None:
    """Audit a newly added item (version 1) with its values."""
    db.session.flush()
    audit.record(action, actor=actor, subject=item, after=_state(item, snapshot))


def _audited_change(
    item: Any, action: str, *, actor: User, snapshot: Snapshot, apply: Callable[[], None], **detail
) -> None:
    """Apply a change as one new version, audited before and after. The version is bumped even
    when only a related row (new evidence) changed."""
    before = _state(item, snapshot)
    apply()
    flag_modified(item, "status")
    db.session.flush()
    audit.record(
        action, actor=actor, subject=item, before=before, after=_state(item, snapshot), **detail
    )


def withdraw_pending(item: Any, *, snapshot: Snapshot, action: str, actor: User) -> None:
    if item.status != "pending":
        raise DecisionError(_("Only pending hours can be withdrawn."))

    def apply() -> None:
        item.status = "withdrawn"

    _audited_change(item, action, actor=actor, snapshot=snapshot, apply=apply)


def change_by_owner(
    item: Any,
    apply: Callable[[], None],
    *,
    snapshot: Snapshot,
    action_prefix: str,
    actor: User,
    **detail: Any,
) -> None:
    """The person changes their own item: while pending (`<prefix>.edited`), or after a
    rejection, which sends it again as pending (`<prefix>.resubmitted`; the rejection and its
    reason stay in the history). Verified hours are read-only."""
    problem = why_read_only(item)
    if problem:
        raise DecisionError(problem)
    resubmitted = item.status == "rejected"

    def apply_and_reopen() -> None:
        apply()
        if resubmitted:
            item.status = "pending"
            item.decided_by_id = None
            item.decided_at = None
            item.decision_reason = ""

    action = f"{action_prefix}.{'resubmitted' if resubmitted else 'edited'}"
    _audited_change(item, action, actor=actor, snapshot=snapshot, apply=apply_and_reopen, **detail)


def correct_verified(
    item: Any,
    apply: Callable[[], None],
    *,
    reason: str,
    shown_version: int | None,
    snapshot: Snapshot,
    shown: Shown,
    action_prefix: str,
    actor: User,
) -> None:
    """An administrator corrects verified hours: only with a reason, only on the version they
    saw, as one new version audited before and after (`<prefix>.corrected`, with the reason).
    The hours stay verified; the trail shows what they were."""
    if item.status != "verified":
        raise DecisionError(_("Only verified hours are corrected here; pending ones are decided."))
    if not reason.strip():
        raise DecisionError(
            _("Give the reason for the correction: it stays in the record's trail.")
        )
    if shown_version != item.version:
        raise ChangedSinceShown(changes_since(item, shown_version, snapshot=snapshot, shown=shown))
    _audited_change(
        item,
        f"{action_prefix}.corrected",
        actor=actor,
        snapshot=snapshot,
        apply=apply,
        reason=reason.strip(),
    )


def why_read_only(item: Any) -> str:
    """Why the person cannot change their item now ("" when they can: pending or rejected)."""
    if item.status == "verified":
        return _(
            "Verified hours are read-only: they count as they were verified. If something in "
            "them is wrong, ask an administrator to correct it."
        )
    if item.status == "withdrawn":
        return _("Withdrawn hours cannot be changed; log them again instead.")
    return ""


def decide_pending(
    item: Any,
    verified: bool,
    reason: str,
    *,
    shown_version: int | None,
    supervisor: User,
    snapshot: Snapshot,
    shown: Shown,
    action_prefix: str,
    what: str,
    who: str,
    updates: dict[str, Any] | None = None,
) -> None:
    """Verify, or reject with a reason `who` sees, the version the supervisor saw
    (`shown_version`): a changed item raises ChangedSinceShown and nothing is decided.
    Actions: `<prefix>.verified|rejected`. `updates`: other attributes the decision sets."""
    if item.status != "pending":
        raise DecisionError(
            _("This record was already decided; the queue shows only pending hours.")
            if what == "record"
            else _("This entry was already decided; the queue shows only pending hours.")
        )
    if shown_version != item.version:
        raise ChangedSinceShown(changes_since(item, shown_version, snapshot=snapshot, shown=shown))
    if not verified and not reason.strip():
        raise DecisionError(
            _("Say why the hours are rejected: the peer sees your reason.")
            if who == "peer"
            else _("Say why the hours are rejected: the trainee sees your reason.")
        )

    def apply() -> None:
        for name, value in (updates or {}).items():
            setattr(item, name, value)
        item.status = "verified" if verified else "rejected"
        item.decided_by_id = supervisor.id
        item.decided_at = utcnow()
        item.decision_reason = reason.strip()

    action = f"{action_prefix}.{'verified' if verified else 'rejected'}"
    _audited_change(
        item, action, actor=supervisor, snapshot=snapshot, apply=apply, reason=reason.strip()
    )


def _events_of(items: list[Any]) -> list[AuditEvent]:
    if not items:
        return []
    return list(
        db.session.execute(
            db.select(AuditEvent)
            .where(
                AuditEvent.subject_type == type(items[0]).__name__.lower(),
                AuditEvent.subject_id.in_([str(item.id) for item in items]),
            )
            .order_by(AuditEvent.id)
        ).scalars()
    )


def changes_since(
    item: Any, shown_version: int | None, *, snapshot: Snapshot, shown: Shown
) -> list[Change]:
    """What a person reads differently now than in `shown_version` of the item, field by
    field, from the audit trail (empty when that version is not in it)."""
    seen = next(
        (
            event.detail["after"]
            for event in _events_of([item])
            if (event.detail.get("after") or {}).get("version") == shown_version
        ),
        None,
    )
    if seen is None:
        return []
    before, after = shown(seen), shown(_state(item, snapshot))
    return [
        Change(name, before[name], after[name]) for name in after if before[name] != after[name]
    ]


@dataclass(frozen=True)
class Step:
    """One step of an item's history as its owner reads it."""

    action: str  # logged | edited | resubmitted | verified | rejected | withdrawn
    at: Any
    reason: str


def histories(items: list[Any]) -> dict[int, list[Step]]:
    """Each item's audited steps, oldest first, in one query: a rejection and its reason stay
    visible after the item is corrected and sent again."""
    found: dict[int, list[Step]] = {item.id: [] for item in items}
    for event in _events_of(items):
        step = Step(event.action.rsplit(".", 1)[-1], event.at, event.detail.get("reason", ""))
        found[int(event.subject_id)].append(step)
    return found
