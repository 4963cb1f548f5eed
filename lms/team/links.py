"""Current supervision links as each side sees them, and ending one (kept in history)."""

from lms import supervision
from lms.extensions import db
from lms.models import SupervisorLink, User


def supervisors_of(peer: User) -> list[tuple[SupervisorLink, User]]:
    """The peer's current supervisors, by name."""
    rows = db.session.execute(
        db.select(SupervisorLink, User)
        .join(User, User.id == SupervisorLink.supervisor_id)
        .where(SupervisorLink.peer_id == peer.id, SupervisorLink.ended_at.is_(None))
        .order_by(User.legal_name)
    ).all()
    return [(link, supervisor) for link, supervisor in rows]


def current_link_of(user: User, link_id: int) -> SupervisorLink | None:
    """A current link where `user` is either the supervisor or the peer."""
    link = db.session.get(SupervisorLink, link_id)
    if (
        link is None
        or link.ended_at is not None
        or user.id not in (link.supervisor_id, link.peer_id)
    ):
        return None
    return link


def end_link(link: SupervisorLink, *, actor: User) -> None:
    """End the link (either side may); the row stays with its end date."""
    supervisor = db.session.get(User, link.supervisor_id)
    peer = db.session.get(User, link.peer_id)
    supervision.unlink(supervisor, peer, actor=actor)
