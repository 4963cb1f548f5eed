"""Forms of the supervision area: a peer's invitation, and a supervisor's decision."""

from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import HiddenInput

from lms.i18n import _l


class InviteForm(FlaskForm):
    email = EmailField(
        _l("Your supervisor's email address"),
        [
            DataRequired(_l("Enter your supervisor's email address.")),
            Email(_l("Enter an email like name@example.org.")),
            Length(max=254),
        ],
        filters=[lambda value: value.strip() if value else value],
    )


class DecisionForm(FlaskForm):
    """Verify or reject one pending item of the queue (the button pressed says which), in the
    version the queue showed: a decision on an item changed since is refused."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])

    reason = TextAreaField(_l("Reason (the peer sees it; needed to reject)"), [Length(max=1000)])
