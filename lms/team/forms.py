"""Forms of the supervision area."""

from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Email, Length


class InviteForm(FlaskForm):
    email = EmailField(
        "Your supervisor's email address",
        [
            DataRequired("Enter your supervisor's email address."),
            Email("Enter an email like name@example.org."),
            Length(max=254),
        ],
        filters=[lambda value: value.strip() if value else value],
    )
