"""Renewal reminders, safe to run every day from cron.

A peer is emailed 90, 60, 30 and 7 days before a cycle ends while requirements are unmet; each
reminder goes once (a missed day sends the nearest one due, never a backlog). Supervisors get a
digest of their supervisees at risk whenever any of them was reminded.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from lms.extensions import db
from lms.i18n import _, for_person, local_hours_phrase, ngettext
from lms.localtime import page_date, today_for
from lms.mail import send_mail
from lms.models import ReminderSent, SupervisorLink, User, UserCredential
from lms.renewal.rulesets import rule_label
from lms.renewal.status import CredentialStatus, credential_statuses
from lms.urls import public_url

LEAD_TIMES = (90, 60, 30, 7)


@dataclass
class RemindReport:
    peer_messages: list[tuple[str, str, int]] = field(default_factory=list)  # email, rule, days
    digests: list[tuple[str, int]] = field(default_factory=list)  # supervisor's email, at risk


def due_lead_time(days_left: int, already_sent: set[int]) -> int | None:
    """The reminder to send now: the nearest lead time reached and not yet sent."""
    reached = [t for t in LEAD_TIMES if days_left <= t]
    if not reached or days_left < 0:
        return None
    nearest = min(reached)
    return None if nearest in already_sent else nearest


# pg_advisory_xact_lock's two-key form (a key space apart from the one-key locks on user ids):
# "renewal reminders", "one run at a time".
REMINDER_RUN_LOCK = (0x5245, 1)


def _one_run_at_a_time() -> None:
    """Make a run that starts while another is going wait until that one has committed, so it
    reads every reminder the other recorded and sends none twice (two app servers' cron jobs
    at the same minute). PostgreSQL: an advisory lock held until this transaction ends.
    SQLite: `ce remind` runs inside `writing()`, whose BEGIN IMMEDIATE already does this."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(
            db.text("SELECT pg_advisory_xact_lock(:a, :b)"),
            dict(zip(("a", "b"), REMINDER_RUN_LOCK, strict=True)),
        )


def run_reminders(today_utc: date | None = None, *, dry_run: bool) -> RemindReport:
    report = RemindReport()
    if not dry_run:
        _one_run_at_a_time()
    at_risk_by_peer: dict[int, list[tuple[User, CredentialStatus]]] = defaultdict(list)
    users = (
        db.session.execute(
            db.select(User)
            .join(UserCredential, UserCredential.user_id == User.id)
            .where(UserCredential.rule_set.is_not(None), UserCredential.ended_at.is_(None))
            .distinct()
        )
        .scalars()
        .all()
    )
    for user in users:
        today = today_utc or today_for(user)
        for item in credential_statuses(user, today):
            status = item.status
            if status.satisfied:
                continue
            if status.days_left <= 90:
                at_risk_by_peer[user.id].append((user, item))
            sent = set(
                db.session.execute(
                    db.select(ReminderSent.days_before).where(
                        ReminderSent.credential_id == item.credential.id,
                        ReminderSent.cycle_end == status.cycle_end,
                    )
                ).scalars()
            )
            lead = due_lead_time(status.days_left, sent)
            if lead is None:
                continue
            report.peer_messages.append((user.email, item.rule_name, lead))
            if not dry_run:
                _remind_peer(user, item)
                for t in LEAD_TIMES:
                    if t >= status.days_left and t not in sent:
                        db.session.add(
                            ReminderSent(
                                credential_id=item.credential.id,
                                cycle_end=status.cycle_end,
                                days_before=t,
                            )
                        )
    reminded = {email for email, _rule, _lead in report.peer_messages}
    _digests(at_risk_by_peer, reminded, report, dry_run)
    if not dry_run:
        db.session.commit()
    return report


def _remind_peer(user: User, item: CredentialStatus) -> None:
    """The peer's reminder, in the peer's own language."""
    url = public_url("renewal.renewal_page", credential_id=item.credential.id)
    with for_person(user):
        subject, body = _peer_reminder_text(user, item, url)
    send_mail(user.email, subject, body)


def _peer_reminder_text(user: User, item: CredentialStatus, url: str) -> tuple[str, str]:
    status = item.status
    lines = [
        "- "
        + _(
            "%(requirement)s: %(hours)s still needed",
            requirement=rule_label(r.label),
            hours=local_hours_phrase(r.missing),
        )
        for r in status.requirements
        if r.missing
    ]
    subject = ngettext(
        "%(num)d day until your %(credential)s renewal deadline",
        "%(num)d days until your %(credential)s renewal deadline",
        status.days_left,
        credential=item.rule_name,
    )
    body = (
        _("Hello %(name)s,", name=user.display_name)
        + "\n\n"
        + _(
            "Your %(credential)s cycle ends on %(date)s. To be ready to renew you still need:",
            credential=item.rule_name,
            date=page_date(status.cycle_end),
        )
        + "\n\n"
        + "\n".join(lines)
        + "\n\n"
        + _("See your renewal picture and courses that fill these hours:")
        + f"\n{url}\n\n"
        + _("Pending hours count once your supervisor verifies them.")
        + "\n"
    )
    return subject, body


def _digests(at_risk_by_peer, reminded: set[str], report: RemindReport, dry_run: bool) -> None:
    if not at_risk_by_peer:
        return
    links = db.session.execute(
        db.select(SupervisorLink.supervisor_id, SupervisorLink.peer_id).where(
            SupervisorLink.ended_at.is_(None),
            SupervisorLink.peer_id.in_(at_risk_by_peer),
        )
    ).all()
    by_supervisor: dict[int, list[int]] = defaultdict(list)
    for supervisor_id, peer_id in links:
        by_supervisor[supervisor_id].append(peer_id)
    for supervisor_id, peers in by_supervisor.items():
        rows = [row for peer in peers for row in at_risk_by_peer[peer]]
        if not any(user.email in reminded for user, _item in rows):
            continue
        supervisor = db.session.get(User, supervisor_id)
        report.digests.append((supervisor.email, len(rows)))
        if dry_run:
            continue
        with for_person(supervisor):
            subject, body = _digest_text(supervisor, rows)
        send_mail(supervisor.email, subject, body)


def _digest_text(supervisor: User, rows) -> tuple[str, str]:
    """The supervisor's digest, in the supervisor's own language."""
    lines = "\n".join(
        "- "
        + ngettext(
            "%(name)s, %(credential)s: %(num)d day left, %(hours)s still needed in total",
            "%(name)s, %(credential)s: %(num)d days left, %(hours)s still needed in total",
            item.status.days_left,
            name=user.legal_name,
            credential=item.rule_name,
            hours=local_hours_phrase(item.status.requirements[0].missing),
        )
        for user, item in rows
    )
    body = (
        _("Hello %(name)s,", name=supervisor.display_name)
        + "\n\n"
        + _(
            "These people you supervise have a renewal deadline within 90 days and hours "
            "still to earn:"
        )
        + f"\n\n{lines}\n"
    )
    return _("Supervisees at risk of missing a renewal deadline"), body
