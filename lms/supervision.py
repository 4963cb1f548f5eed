"""Supervisor–peer links: who oversees whom (the full supervision area comes with its issue)."""

from lms import audit
from lms.extensions import db
from lms.models import SupervisorLink, User, utcnow


def supervises(supervisor: User, peer_id: int) -> bool:
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


def link(supervisor: User, peer: User, *, actor: User | None) -> SupervisorLink:
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
