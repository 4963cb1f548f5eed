"""One place that answers "may this user do this?".

Views call `require(action)` (or the `requires` decorator); templates call `can(action)`.
Each action names the roles allowed; object-level checks (whose record is this?) live in the
functions below: `supervises` and `may_see_records_of`.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from lms.extensions import db
from lms.models import SupervisorLink

# action -> roles that may perform it. "trainee" means any signed-in account.
RULES: dict[str, frozenset[str]] = {
    "account.use": frozenset({"trainee"}),
    "courses.author": frozenset({"trainer", "admin"}),
    "supervision.view": frozenset({"supervisor", "admin"}),
    "admin.manage": frozenset({"admin"}),
}


def allowed(user: Any, action: str) -> bool:
    """True when `user` (possibly anonymous) may perform `action`."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(RULES[action] & user.roles)


def can(action: str) -> bool:
    return allowed(current_user, action)


def require(action: str) -> None:
    """Abort with 401 (not signed in) or 403 (signed in, not allowed)."""
    if not current_user.is_authenticated:
        abort(401)
    if not allowed(current_user, action):
        abort(403)


def requires(action: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            require(action)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def supervises(supervisor: Any, peer_id: int) -> bool:
    """True while `supervisor` holds the supervisor role and a current link to the peer."""
    if not supervisor.has_role("supervisor"):
        return False
    return (
        db.session.execute(
            db.select(SupervisorLink.id).where(
                SupervisorLink.supervisor_id == supervisor.id,
                SupervisorLink.peer_id == peer_id,
                SupervisorLink.ended_at.is_(None),
            )
        ).first()
        is not None
    )


def may_see_records_of(viewer: Any, owner_id: int) -> bool:
    """A person's CE records, evidence and certificates: the person, their current supervisors
    and administrators."""
    return getattr(viewer, "is_authenticated", False) and (
        viewer.id == owner_id or allowed(viewer, "admin.manage") or supervises(viewer, owner_id)
    )
