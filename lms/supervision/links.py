"""Supervisor–peer links: making and ending them (kept in history), and the current links as
each side sees them. Whether a link is in force is answered by `lms.permissions.supervises`."""

from lms import audit
from lms.extensions import db
from lms.models import SupervisorLink, User, utcnow
from lms.permissions import supervises


def link(supervisor: User, peer: User, *, actor: User | None) -> SupervisorLink:
    """A new current link; ValueError (with what to do) when the supervisor cannot take it."""
    if not supervisor.has_role("supervisor"):
        raise ValueError(f"{supervisor.email} is not a supervisor; grant the role first.")
    if supervises(supervisor, peer.id):
        raise ValueError(f"{supervisor.email} already supervises {peer.email}.")
    row = SupervisorLink(supervisor_id=supervisor.id, peer_id=peer.id)
    db.session.add(row)
    db.session.flush()
    audit.record(
        "supervision.linked", actor=actor, subject=row, supervisor=supervisor.email, peer=peer.email
    )
    return row


def unlink(supervisor: User, peer: User, *, actor: User | None) -> None:
    """End every current link between the two; the rows stay with their end date."""
    rows = db.session.execute(
        db.select(SupervisorLink).where(
            SupervisorLink.supervisor_id == supervisor.id,
            SupervisorLink.peer_id == peer.id,
            SupervisorLink.ended_at.is_(None),
        )
    ).scalars()
    for row in rows:
        row.ended_at = utcnow()
        audit.record("supervision.ended", actor=actor, subject=row)


def end_link(link: SupervisorLink, *, actor: User) -> None:
    """End the link (either side may); the row stays with its end date."""
    supervisor = db.session.get(User, link.supervisor_id)
    peer = db.session.get(User, link.peer_id)
    unlink(supervisor, peer, actor=actor)


def current_peer_ids(supervisor_id: int):
    """A select of the ids of the people `supervisor_id` currently supervises."""
    return db.select(SupervisorLink.peer_id).where(
        SupervisorLink.supervisor_id == supervisor_id, SupervisorLink.ended_at.is_(None)
    )


def current_link(supervisor_id: int, peer_id: int) -> SupervisorLink | None:
    """The newest current link from the supervisor to the peer."""
    return db.session.execute(
        db.select(SupervisorLink)
        .where(
            SupervisorLink.supervisor_id == supervisor_id,
            SupervisorLink.peer_id == peer_id,
            SupervisorLink.ended_at.is_(None),
        )
        .order_by(SupervisorLink.id.desc())
        .limit(1)
    ).scalar_one_or_none()


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
