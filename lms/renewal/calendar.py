"""An iCalendar (.ics) file that puts a renewal deadline in a calendar, with alerts.

Built with the `icalendar` package, which escapes text values and folds lines at 75 octets as
RFC 5545 requires, so any credential name arrives in the calendar as it was written.
"""

from datetime import UTC, date, timedelta

from icalendar import Alarm, Calendar, Event

from lms.i18n import _
from lms.models import utcnow

ALERT_DAYS = (30, 7)


def deadline_ics(*, uid: str, title: str, day: date, url: str) -> str:
    """A one-day event on the deadline `day`, with an alert 30 and 7 days before."""
    event = Event()
    event.add("uid", f"{uid}@peerpath")
    event.add("dtstamp", utcnow().replace(microsecond=0, tzinfo=UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", title)
    event.add("description", _("Last day of your CE cycle. Your renewal picture: %(url)s", url=url))
    event.add("url", url)
    for days in ALERT_DAYS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("%(event)s in %(num)d days", event=title, num=days))
        alarm.add("trigger", timedelta(days=-days))
        event.add_component(alarm)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Peerpath//Renewal deadline//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(event)
    return calendar.to_ical().decode()
