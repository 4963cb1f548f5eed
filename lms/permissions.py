"""One place that answers "may this user do this?".

Views call `require(action)` (or the `requires` decorator); templates call `can(action)`.
Each action names the roles allowed; object-level checks (whose record is this?) live in the
functions below: `supervises`, `may_see_records_of`, `current_supervisors` and `may_decide_for`.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from lms.extensions import db
from lms.models import SupervisorLink, User, UserRole

# action -> roles that may perform it. "trainee" means any signed-in account.
RULES: dict[str, frozenset[str]] = {
    "account.use": frozenset({"trainee"}),
    "courses.author": frozenset({"trainer", "admin"}),
    "supervision.view": frozenset({"supervisor", "admin"}),
    "admin.manage": frozenset({"admin"}),
}


# Where each role's work is: the page a person lands on after signing in, the first role they
# hold in this order (an admin who also supervises lands on the admin overview).
LANDING: tuple[tuple[str, str], ...] = (
    ("admin", "admin.overview"),
    ("supervisor", "supervision.team_dashboard"),
    ("trainer", "authoring.index"),
)


def landing_endpoint(user: Any) -> str:
    """The endpoint a person starts on after signing in; trainees land on their dashboard."""
    roles = getattr(user, "roles", frozenset())
    return next((endpoint for role, endpoint in LANDING if role in roles), "main.dashboard")


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


def _current_links():
    """Links in force whose supervisor still holds the role."""
    return (
        db.select(SupervisorLink.peer_id)
        .join(
            UserRole,
            (UserRole.user_id == SupervisorLink.supervisor_id) & (UserRole.role == "supervisor"),
        )
        .where(SupervisorLink.ended_at.is_(None))
    )


def current_supervisors(peer_id: int) -> list[User]:
    """The supervisors who verify a peer's hours, by name."""
    ids = _current_links().add_columns(SupervisorLink.supervisor_id).subquery()
    return list(
        db.session.execute(
            db.select(User)
            .where(User.id.in_(db.select(ids.c.supervisor_id).where(ids.c.peer_id == peer_id)))
            .order_by(User.legal_name, User.id)
        ).scalars()
    )


def decidable_by(decider: Any, owner_id: Any) -> Any:
    """A SQL condition on `owner_id` (a column or a value): whose hours `decider` verifies or
    rejects. Their current supervisees; and, for administrators, everyone with no supervisor,
    whose hours would otherwise wait forever. Nobody decides on their own hours."""
    supervisees = _current_links().where(SupervisorLink.supervisor_id == decider.id)
    scope = owner_id.in_(supervisees) if decider.has_role("supervisor") else db.false()
    if allowed(decider, "admin.manage"):
        scope = db.or_(scope, owner_id.not_in(_current_links()))
    return db.and_(scope, owner_id != decider.id)


def may_decide_for(decider: Any, owner_id: int) -> bool:
    """True when `decider` may verify or reject the hours of `owner_id` (see decidable_by)."""
    if not getattr(decider, "is_authenticated", False):
        return False
    condition = decidable_by(decider, db.literal(owner_id))
    return db.session.execute(db.select(db.literal(1)).where(condition)).first() is not None


def who_verifies(owner_id: int) -> str:
    """The sentence that tells a person who will verify the hours they log."""
    names = [person.display_name for person in current_supervisors(owner_id)]
    if not names:
        return "No supervisor is linked to you: an administrator will verify these hours."
    if len(names) == 1:
        return f"Your supervisor, {names[0]}, will verify these hours."
    return f"Your supervisors, {', '.join(names[:-1])} or {names[-1]}, will verify these hours."
