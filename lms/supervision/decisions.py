"""After a decision on someone's hours: the email that tells them (verified, or rejected with the
reason and what to do next). Every decision sends one, so nobody waits on hours already
decided."""

from flask import render_template

from lms.extensions import db
from lms.i18n import _, for_person
from lms.localtime import page_date
from lms.mail import send_mail
from lms.models import CERecord, PracticeEntry, User
from lms.urls import public_url


def _described(item: CERecord | PracticeEntry) -> tuple[str, str]:
    """What the person calls the item, in the language in force, and the page where they see
    it."""
    if isinstance(item, CERecord):
        return _("outside CE “%(title)s”", title=item.title), public_url("renewal.records")
    day = page_date(item.done_on)
    if item.kind == "practice":
        what = _("Practice hours logged for %(day)s", day=day)
    else:
        what = _("Supervision hours logged for %(day)s", day=day)
    return what, public_url("certification.practice_log_page")


def tell_owner(item: CERecord | PracticeEntry) -> None:
    """Email the item's owner the decision just made on it, in the owner's language (the
    supervisor deciding may read another)."""
    owner = db.session.get(User, item.user_id)
    decider = db.session.get(User, item.decided_by_id)
    verified = item.status == "verified"
    with for_person(owner):
        what, url = _described(item)
        if verified:
            subject = _("Verified: your %(what)s", what=what)
        else:
            subject = _("Not accepted: your %(what)s", what=what)
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
