"""One supervisee as their supervisor sees them: renewal pictures, CE records, certificates."""

from dataclasses import dataclass

from sqlalchemy.orm import selectinload

from lms.certificates import queries
from lms.extensions import db
from lms.localtime import today_for
from lms.models import CERecord, Certificate, SupervisorLink, User
from lms.permissions import supervises
from lms.renewal.status import Picture, credential_statuses, picture, record_inputs
from lms.supervision.links import current_link


@dataclass(frozen=True)
class PeerView:
    peer: User
    link: SupervisorLink
    pictures: list[Picture]
    records: list[CERecord]
    certificates: list[Certificate]

    @property
    def pending(self) -> list[CERecord]:
        return [r for r in self.records if r.status == "pending"]


def supervisee_of(supervisor: User, peer_id: int) -> User | None:
    """The peer, only while `supervisor` currently supervises them."""
    if not supervises(supervisor, peer_id):
        return None
    return db.session.get(User, peer_id)


def peer_view(supervisor: User, peer: User) -> PeerView:
    records = list(
        db.session.execute(
            db.select(CERecord)
            .where(CERecord.user_id == peer.id)
            .options(selectinload(CERecord.evidence))
            .order_by(CERecord.earned_on.desc(), CERecord.id.desc())
        ).scalars()
    )
    statuses = credential_statuses(peer, today_for(peer), record_inputs(peer.id))
    return PeerView(
        peer=peer,
        link=current_link(supervisor.id, peer.id),
        pictures=[picture(item) for item in statuses],
        records=records,
        certificates=queries.of_user(peer),
    )
