"""Append-only audit events. Call record() inside the transaction that makes the change."""

from typing import Any

from flask import has_request_context, request

from lms.extensions import db
from lms.models import AuditEvent, User


def record(
    action: str,
    *,
    actor: User | None = None,
    subject: Any = None,
    **detail: Any,
) -> AuditEvent:
    """Add an audit event to the current session (committed with the change it describes)."""
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor is not None else None,
        subject_type=type(subject).__name__.lower() if subject is not None else "",
        subject_id=str(getattr(subject, "id", "") or "") if subject is not None else "",
        ip=(request.remote_addr or "") if has_request_context() else "",
        detail=detail,
    )
    db.session.add(event)
    return event
