"""After a decision on someone's hours: the email that tells them (verified, or rejected with the
reason and what to do next). Every decision sends one, so nobody waits on hours already
decided."""

from flask import render_template

from lms.extensions import db
from lms.localtime import page_date
from lms.mail import send_mail
from lms.models import CERecord, PracticeEntry, User
from lms.urls import public_url


def _described(item: CERecord | PracticeEntry) -> tuple[str, str]:
    """What the person calls the item, and the page where they see it."""
    if isinstance(item, CERecord):
        return f"outside CE “{item.title}”", public_url("renewal.records")
    kind = "Practice" if item.kind == "practice" else "Supervision"
    return f"{kind} hours logged for {page_date(item.done_on)}", public_url(
        "certification.practice_log_page"
    )


def tell_owner(item: CERecord | PracticeEntry) -> None:
    """Email the item's owner the decision just made on it."""
    owner = db.session.get(User, item.user_id)
    decider = db.session.get(User, item.decided_by_id)
    what, url = _described(item)
    verified = item.status == "verified"
    subject = f"Verified: your {what}" if verified else f"Not accepted: your {what}"
    body = render_template(
        "supervision/decision_email.txt",
        owner=owner,
        decider=decider,
        item=item,
        what=what,
        url=url,
        verified=verified,
    )
    send_mail(owner.email, subject, body)
