"""The supervisor's dashboard: one row per supervisee and tracked credential.

Everything is loaded in a fixed number of queries (links with their people, credentials, CE
records), whatever the size of the team, and the renewal engine runs in memory per row.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import lazyload

from lms.ce.engine import RecordInput, RenewalStatus
from lms.certification.ethics import AffirmationStatus, affirmation_statuses
from lms.certification.practice_log import MONTHLY_SUPERVISION_MINUTES, supervision_this_month
from lms.extensions import db
from lms.localtime import today_for
from lms.models import User, UserCredential
from lms.renewal.rulesets import rule_label
from lms.renewal.status import credential_status, record_inputs_by_user
from lms.supervision.links import current_peer_ids
from lms.supervision.queue import pending_practice_count

AT_RISK_DAYS = 90
SORTS = ("deadline", "name", "missing")


@dataclass(frozen=True)
class TeamRow:
    peer: User
    credential: UserCredential
    rule_name: str
    status: RenewalStatus
    pending_items: int

    @property
    def missing_by_topic(self) -> list[tuple[str, int]]:
        """(requirement label, minutes missing) for each unmet topic requirement."""
        return [
            (rule_label(r.label), r.missing)
            for r in self.status.requirements
            if r.topics and r.missing
        ]

    @property
    def missing_total(self) -> int:
        return self.status.total.missing

    @property
    def at_risk(self) -> bool:
        """The deadline is within 90 days and some requirement is still unmet."""
        return not self.status.satisfied and self.status.days_left <= AT_RISK_DAYS


@dataclass(frozen=True)
class CertificationRow:
    """A supervisee's code of ethics status and this month's supervision minutes."""

    peer: User
    ethics: AffirmationStatus
    supervision: dict[str, int]  # {"verified": m, "pending": m} this month

    @property
    def supervision_short_by(self) -> int:
        return max(0, MONTHLY_SUPERVISION_MINUTES - self.supervision["verified"])


@dataclass(frozen=True)
class Team:
    rows: list[TeamRow]
    untracked: list[User]  # supervisees with no credential the engine can track
    pending_items: int  # outside CE records and practice log entries waiting for a decision
    certification: list[CertificationRow] = field(default_factory=list)

    @property
    def at_risk(self) -> int:
        return sum(1 for row in self.rows if row.at_risk)


def load_team(supervisor: User, sort: str = "deadline", today: date | None = None) -> Team:
    """The supervisor's current supervisees and where each stands, in seven queries."""
    peers_of = current_peer_ids(supervisor.id)
    peers = list(
        db.session.execute(
            db.select(User).where(User.id.in_(peers_of)).options(lazyload(User.role_rows))
        ).scalars()
    )
    credentials = db.session.execute(
        db.select(UserCredential)
        .where(UserCredential.user_id.in_(peers_of), UserCredential.ended_at.is_(None))
        .order_by(UserCredential.id)
    ).scalars()
    by_peer: dict[int, list[UserCredential]] = defaultdict(list)
    for credential in credentials:
        by_peer[credential.user_id].append(credential)
    records, pending = _records_by_peer(peers_of)

    rows, untracked = [], []
    for peer in peers:
        peer_today = today or today_for(peer)
        peer_rows = [
            row
            for credential in by_peer[peer.id]
            if (row := _row(peer, credential, records[peer.id], pending[peer.id], peer_today))
        ]
        rows += peer_rows
        if not peer_rows:
            untracked.append(peer)
    untracked.sort(key=lambda p: p.legal_name.casefold())
    return Team(
        sort_rows(rows, sort),
        untracked,
        sum(pending[p.id] for p in peers) + pending_practice_count(peers_of),
        _certification_rows(peers, today or today_for(supervisor)),
    )


def _certification_rows(peers: list[User], today: date) -> list[CertificationRow]:
    """Each supervisee's ethics status and this month's supervision, in two queries."""
    ids = [peer.id for peer in peers]
    ethics = affirmation_statuses(ids)
    supervision = supervision_this_month(ids, today)
    rows = [CertificationRow(peer, ethics[peer.id], supervision[peer.id]) for peer in peers]
    return sorted(rows, key=lambda row: row.peer.legal_name.casefold())


def _records_by_peer(peers_of) -> tuple[dict[int, list[RecordInput]], dict[int, int]]:
    """Each peer's CE records as the engine reads them (revoked ones never count), and how many
    wait for a decision."""
    records = record_inputs_by_user(peers_of)
    pending = {
        user_id: sum(r.status == "pending" for r in rows) for user_id, rows in records.items()
    }
    return defaultdict(list, records), defaultdict(int, pending)


def _row(peer, credential, records, pending, today) -> TeamRow | None:
    """None: listed as not tracked, rather than failing the whole team's page."""
    item = credential_status(credential, records, today)
    if item is None:
        return None
    return TeamRow(peer, credential, item.rule_name, item.status, pending)


def sort_rows(rows: list[TeamRow], sort: str) -> list[TeamRow]:
    """deadline: soonest first; name: by legal name; missing: most hours missing first."""
    name = lambda row: row.peer.legal_name.casefold()  # noqa: E731
    keys = {
        "deadline": lambda row: (row.status.cycle_end, name(row)),
        "name": lambda row: (name(row), row.status.cycle_end),
        "missing": lambda row: (-row.missing_total, row.status.cycle_end, name(row)),
    }
    return sorted(rows, key=keys.get(sort, keys["deadline"]))
