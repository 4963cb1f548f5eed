"""The verification queue: the pending outside CE records and practice-log entries a person
decides on (`lms.permissions.decidable_by`: a supervisor's current supervisees; for an
administrator, also everyone with no supervisor). The decisions themselves follow the one life of
verifiable hours in `lms.verification`, through `lms.renewal.outside.decide` and
`lms.certification.practice_log.decide`."""

from lms.extensions import db
from lms.models import CERecord, PracticeEntry, User
from lms.permissions import decidable_by, may_decide_for

Item = CERecord | PracticeEntry


def pending_ce_records(supervisor: User) -> list[tuple[CERecord, User]]:
    """Pending outside CE of the supervisor's current supervisees, oldest first."""
    return _pending(CERecord, supervisor)


def pending_practice_entries(supervisor: User) -> list[tuple[PracticeEntry, User]]:
    """Pending practice and supervision entries of the current supervisees, oldest first."""
    return _pending(PracticeEntry, supervisor)


def _pending(model: type[Item], supervisor: User) -> list:
    rows = db.session.execute(
        db.select(model, User)
        .join(User, User.id == model.user_id)
        .where(decidable_by(supervisor, model.user_id), model.status == "pending")
        .order_by(model.created_at, model.id)
    ).all()
    return [(item, peer) for item, peer in rows]


def pending_practice_count(peer_ids) -> int:
    """How many practice and supervision entries of these people wait for a decision.
    `peer_ids` may be a list or a select of ids."""
    return db.session.execute(
        db.select(db.func.count(PracticeEntry.id)).where(
            PracticeEntry.user_id.in_(peer_ids), PracticeEntry.status == "pending"
        )
    ).scalar_one()


def supervised_item(model: type[Item], item_id: int, supervisor: User) -> Item | None:
    """The record or entry, only while `supervisor` may decide on its owner's hours."""
    item = db.session.get(model, item_id)
    if item is None or not may_decide_for(supervisor, item.user_id):
        return None
    return item
