"""Slowing password guessing down without letting anyone lock an account's owner out.

A fixed "five wrong passwords lock the account" rule is a weapon: anyone who knows an address
can keep its owner out. Instead each wrong password makes the next try wait longer, counted
separately for the addresses the owner has signed in from before (their usual ones) and for
every other address together. Guessing from elsewhere, however spread out, slows to one try
every MAX_WAIT; the owner at home is held up only by their own mistakes. The facts come from
the audit log's sign-in events, which are kept anyway.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from lms.extensions import db
from lms.models import AuditEvent

FREE_TRIES = 5  # wrong passwords before any wait
MAX_WAIT = timedelta(minutes=15)
WINDOW = timedelta(hours=24)  # failures older than this are forgotten
USUAL_FOR = timedelta(days=90)  # an address the owner signed in from this recently is theirs


@dataclass(frozen=True)
class SignInEvent:
    at: datetime
    succeeded: bool
    address: str


def wait_after(events: list[SignInEvent], address: str, now: datetime) -> timedelta:
    """How long a sign-in to this account from `address` must wait (zero: go ahead)."""
    usual = {e.address for e in events if e.succeeded and now - e.at <= USUAL_FOR}
    recent = [e for e in events if now - e.at <= WINDOW]
    if address in usual:
        mine = [e for e in recent if e.address == address]
    else:
        mine = [e for e in recent if e.address not in usual]
    failures: list[datetime] = []
    for event in sorted(mine, key=lambda e: e.at):
        failures = [] if event.succeeded else [*failures, event.at]
    if len(failures) < FREE_TRIES:
        return timedelta(0)
    doublings = min(len(failures) - FREE_TRIES, 20)  # 2**20 s is far past MAX_WAIT already
    wait = min(timedelta(seconds=2**doublings), MAX_WAIT)
    return max(failures[-1] + wait - now, timedelta(0))


def sign_in_events(user_id: int, now: datetime) -> list[SignInEvent]:
    """The account's sign-in successes and failures that can still matter."""
    rows = db.session.execute(
        db.select(AuditEvent.at, AuditEvent.action, AuditEvent.ip).where(
            AuditEvent.subject_type == "user",
            AuditEvent.subject_id == str(user_id),
            AuditEvent.action.in_(("signin.succeeded", "signin.failed")),
            AuditEvent.at >= now - USUAL_FOR,
        )
    ).all()
    return [SignInEvent(at, action == "signin.succeeded", ip) for at, action, ip in rows]
