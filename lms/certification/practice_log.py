"""Supervised practice log: practice hours and supervision sessions a trainee logs toward
initial certification. Entries are pending until the trainee's supervisor verifies or rejects
them (in the same queue as outside CE), on the version they saw; the trainee may edit or
withdraw them while pending, and correct and resubmit them after a rejection.
Every change is an audit event with the before and after values; nothing is ever deleted."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from lms.content.vocabulary import load_vocabulary
from lms.extensions import db
from lms.hours import hours_phrase
from lms.localtime import page_date
from lms.models import PracticeEntry, SupervisorLink, User
from lms.verification import change_by_owner, decide_pending, record_logged, withdraw_pending

EDITABLE = (
    "done_on",
    "minutes",
    "setting",
    "domain",
    "description",
    "supervisor_name",
    "session_format",
)
KINDS = ("practice", "supervision")
# IC&RC Peer Recovery code of ethics: at least 4 hours of documented supervision a month
# (the code as the Maryland board publishes it, https://mabpcb.com/ethics).
MONTHLY_SUPERVISION_MINUTES = 4 * 60


def _snapshot(entry: PracticeEntry) -> dict[str, Any]:
    values = {name: getattr(entry, name) for name in ("kind",) + EDITABLE + ("status",)}
    values["done_on"] = values["done_on"].isoformat()
    return values


def shown(values: dict[str, Any]) -> dict[str, str]:
    """A snapshot as the supervisor reads the entry in the queue."""
    vocabulary = load_vocabulary()
    return {
        "Hours": hours_phrase(values["minutes"]),
        "Date": page_date(date.fromisoformat(values["done_on"])),
        "Setting": vocabulary.settings.get(values["setting"], values["setting"]),
        "Domain": vocabulary.icrc_domains.get(values["domain"], values["domain"]),
        "Description": values["description"],
        "Supervisor": values["supervisor_name"],
        "Session format": values["session_format"],
    }


def log_entry(user: User, kind: str, values: dict[str, Any]) -> PracticeEntry:
    """A new pending entry of `kind` (practice or supervision) for `user`."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of entry: {kind}")
    entry = PracticeEntry(user_id=user.id, kind=kind, status="pending", **values)
    db.session.add(entry)
    record_logged(entry, snapshot=_snapshot, action="practice.logged", actor=user)
    return entry


def edit_own(entry: PracticeEntry, values: dict[str, Any], *, actor: User) -> None:
    """The trainee changes an entry while pending, or corrects it after a rejection and sends it
    again; verified hours are read-only (lms.verification)."""

    def apply() -> None:
        for name, value in values.items():
            setattr(entry, name, value)

    change_by_owner(entry, apply, snapshot=_snapshot, action_prefix="practice", actor=actor)


def withdraw(entry: PracticeEntry, *, actor: User) -> None:
    withdraw_pending(entry, snapshot=_snapshot, action="practice.withdrawn", actor=actor)


def decide(
    entry: PracticeEntry,
    verified: bool,
    reason: str,
    *,
    shown_version: int | None,
    supervisor: User,
) -> None:
    """Verify, or reject with a reason the trainee sees, the version the supervisor saw."""
    decide_pending(
        entry,
        verified,
        reason,
        shown_version=shown_version,
        supervisor=supervisor,
        snapshot=_snapshot,
        shown=shown,
        action_prefix="practice",
        what="entry",
        who="trainee",
    )


def entries_of(user_id: int) -> list[PracticeEntry]:
    return list(
        db.session.execute(
            db.select(PracticeEntry)
            .where(PracticeEntry.user_id == user_id)
            .order_by(PracticeEntry.done_on.desc(), PracticeEntry.id.desc())
        ).scalars()
    )


def _counted(user_id: int) -> list[PracticeEntry]:
    return list(
        db.session.execute(
            db.select(PracticeEntry).where(
                PracticeEntry.user_id == user_id,
                PracticeEntry.status.in_(("pending", "verified")),
            )
        ).scalars()
    )


def practice_totals(user_id: int) -> dict[str, Any]:
    """Minutes of practice (overall and by IC&RC domain) and of supervision, each split into
    verified and pending. Rejected and withdrawn entries do not count. Only verified minutes
    count toward the experience and supervision requirements; pending ones show what is on its
    way. Shape: {"practice": {"verified": m, "pending": m}, "supervision": {...},
    "practice_by_domain": {domain_key: {"verified": m, "pending": m}, ...}}."""
    domains = load_vocabulary().icrc_domains
    totals: dict[str, Any] = {
        "practice": {"verified": 0, "pending": 0},
        "supervision": {"verified": 0, "pending": 0},
        "practice_by_domain": {key: {"verified": 0, "pending": 0} for key in domains},
    }
    for entry in _counted(user_id):
        totals[entry.kind][entry.status] += entry.minutes
        if entry.kind == "practice" and entry.domain in domains:
            totals["practice_by_domain"][entry.domain][entry.status] += entry.minutes
    return totals


@dataclass(frozen=True)
class SupervisionMonth:
    month: date  # first day of the calendar month
    verified: int  # minutes
    pending: int  # minutes
    current: bool  # the month is still running

    @property
    def short_by(self) -> int:
        """Minutes of verified supervision still missing toward the 4 hours."""
        return max(0, MONTHLY_SUPERVISION_MINUTES - self.verified)

    @property
    def below(self) -> bool:
        return self.short_by > 0


def supervision_began(user_id: int, counted: list[PracticeEntry]) -> date | None:
    """The day this person's supervision began: their first supervisor link here, or the first
    supervision session they logged (with a supervisor from before they joined), whichever is
    earlier; None when neither exists."""
    linked = db.session.execute(
        db.select(db.func.min(SupervisorLink.started_at)).where(SupervisorLink.peer_id == user_id)
    ).scalar_one()
    days = [entry.done_on for entry in counted if entry.kind == "supervision"]
    if linked is not None:
        days.append(linked.date())
    return min(days, default=None)


def _months_back(today: date, count: int) -> list[date]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def supervision_this_month(user_ids: list[int], today: date) -> dict[int, dict[str, int]]:
    """For a team, in one query: each person's supervision minutes in the month of `today`,
    {"verified": m, "pending": m}."""
    found = {user_id: {"verified": 0, "pending": 0} for user_id in user_ids}
    if not user_ids:
        return found
    start = today.replace(day=1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    rows = db.session.execute(
        db.select(PracticeEntry.user_id, PracticeEntry.status, db.func.sum(PracticeEntry.minutes))
        .where(
            PracticeEntry.user_id.in_(user_ids),
            PracticeEntry.kind == "supervision",
            PracticeEntry.status.in_(("pending", "verified")),
            PracticeEntry.done_on >= start,
            PracticeEntry.done_on < end,
        )
        .group_by(PracticeEntry.user_id, PracticeEntry.status)
    )
    for user_id, status, minutes in rows:
        found[user_id][status] = int(minutes or 0)
    return found


def monthly_supervision(user_id: int, today: date, months: int = 6) -> list[SupervisionMonth]:
    """Supervision minutes per calendar month for the last `months` months (oldest first,
    ending with the month of `today`), verified and pending apart.

    Months count from the later of that window's start and the month supervision began (see
    `supervision_began`): a peer whose supervision began last week is not short for the months
    before it."""
    counted = _counted(user_id)
    began = min(supervision_began(user_id, counted) or today, today)  # this month always shows
    starts = [start for start in _months_back(today, months) if start >= began.replace(day=1)]
    minutes = {start: {"verified": 0, "pending": 0} for start in starts}
    for entry in counted:
        start = entry.done_on.replace(day=1)
        if entry.kind == "supervision" and start in minutes:
            minutes[start][entry.status] += entry.minutes
    return [
        SupervisionMonth(
            start, minutes[start]["verified"], minutes[start]["pending"], start == starts[-1]
        )
        for start in starts
    ]
