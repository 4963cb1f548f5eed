"""Reading the audit log: filters from the query string, one query per page (read-only)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_
from sqlalchemy.orm import aliased

from lms.admin.users import PAGE_SIZE, Page
from lms.auth.accounts import normalise_email
from lms.extensions import db
from lms.models import AuditEvent, User


@dataclass
class AuditFilters:
    person: str = ""  # an email: events by them or about their account
    action: str = ""  # exact action, or a prefix ending in "." (e.g. "role.")
    subject_type: str = ""
    subject_id: str = ""
    since: date | None = None
    until: date | None = None
    errors: dict[str, str] = field(default_factory=dict)


def _day(text: str, name: str, errors: dict[str, str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = "Write the date as YYYY-MM-DD, for example 2026-03-14."
        return None


def parse_filters(args) -> AuditFilters:
    """Filters from request arguments; bad values are reported in `errors` and ignored."""
    errors: dict[str, str] = {}
    filters = AuditFilters(
        person=args.get("person", "").strip()[:254],
        action=args.get("action", "").strip()[:64],
        subject_type=args.get("subject_type", "").strip()[:32],
        subject_id=args.get("subject_id", "").strip()[:64],
        since=_day(args.get("since", "").strip(), "since", errors),
        until=_day(args.get("until", "").strip(), "until", errors),
        errors=errors,
    )
    if filters.since and filters.until and filters.since > filters.until:
        errors["until"] = "The end date is before the start date."
        filters.until = None
    return filters


def search_events(filters: AuditFilters, page: int = 1) -> Page:
    """A page of (event, actor email or None, subject user's email or None), newest first."""
    actor = aliased(User)
    subject_user = aliased(User)
    statement = (
        db.select(AuditEvent, actor.email, subject_user.email)
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .outerjoin(
            subject_user,
            and_(
                AuditEvent.subject_type == "user",
                AuditEvent.subject_id == db.cast(subject_user.id, db.String),
            ),
        )
        .where(*_conditions(filters, actor, subject_user))
    )
    total = db.session.execute(
        db.select(db.func.count()).select_from(statement.subquery())
    ).scalar_one()
    page = max(page, 1)
    rows = db.session.execute(
        statement.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return Page([tuple(row) for row in rows], page, total)


def _conditions(filters: AuditFilters, actor, subject_user) -> list:
    conditions = []
    if filters.person:
        email = normalise_email(filters.person)
        conditions.append(or_(actor.email == email, subject_user.email == email))
    if filters.action.endswith("."):
        conditions.append(AuditEvent.action.startswith(filters.action, autoescape=True))
    elif filters.action:
        conditions.append(AuditEvent.action == filters.action)
    if filters.subject_type:
        conditions.append(AuditEvent.subject_type == filters.subject_type.lower())
    if filters.subject_id:
        conditions.append(AuditEvent.subject_id == filters.subject_id)
    if filters.since:
        conditions.append(AuditEvent.at >= datetime.combine(filters.since, time.min))
    if filters.until:
        conditions.append(
            AuditEvent.at < datetime.combine(filters.until + timedelta(days=1), time.min)
        )
    return conditions


def known_actions() -> list[str]:
    """Every action in the log, for the filter's suggestions (one small query)."""
    return list(
        db.session.execute(
            db.select(AuditEvent.action).distinct().order_by(AuditEvent.action)
        ).scalars()
    )
