"""Local time: "today" and the date of a moment in a person's own time zone, and how dates print.

Every date a peer sees is their local date: a course finished at 23:30 on 31 December in Los
Angeles counts in that year, and a course finished at 09:00 on 1 January in Auckland counts in
the new one. The database stores moments as naive UTC datetimes; `local_date` treats them so.

Pages, PDFs and emails print a date one way, `page_date` (registered as the Jinja filter
`{{ value|date }}`); CSV files always write ISO 8601 (`csv_date`), whatever pages use, so a
spreadsheet sorts them.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import Flask, current_app
from flask_login import current_user

from lms.i18n import current_locale
from lms.models import User, utcnow


def local_date(moment: datetime, zone: str) -> date:
    """The calendar date of `moment` in `zone` (e.g. "America/Chicago").

    A naive `moment` is UTC, as every datetime the database stores is.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(zone)).date()


def today_for(user: User, now: datetime | None = None) -> date:
    """The person's own calendar date now (or at `now`): what certificates print and cycles
    count."""
    return local_date(now or utcnow(), user.time_zone)


def page_date(day: date) -> str:
    """A date as pages, PDFs and emails print it, in the reader's language.

    In English, ISO 8601 ("2026-03-14"): the form date fields ask people to type, and it reads
    the same to a peer in Auckland and one in Los Angeles (no 3/4 or 4/3). In Spanish, the
    long form a reader expects ("14 de marzo de 2026"), from Babel's locale data.
    """
    locale = current_locale()
    if locale == "en":
        return day.isoformat()
    return format_date(day, "long", locale=locale)


def csv_date(day: date) -> str:
    """A date as CSV files write it: always ISO 8601, so spreadsheets sort and read it."""
    return day.isoformat()


def init_app(app: Flask) -> None:
    """Register `{{ value|date }}`, the one way templates print a date."""
    app.jinja_env.filters["date"] = _date_filter


def _date_filter(value: date | datetime | str) -> str:
    """Print a date, a stored moment (as a date in the viewer's zone) or an ISO date string
    (as frozen in a certificate's printed fields)."""
    if isinstance(value, datetime):
        value = local_date(value, _viewer_zone())
    elif isinstance(value, str):
        value = date.fromisoformat(value)
    return page_date(value)


def _viewer_zone() -> str:
    """The signed-in person's time zone; the app's default zone for everyone else."""
    if current_user and current_user.is_authenticated:
        return current_user.time_zone
    return current_app.config["DEFAULT_TIME_ZONE"]
