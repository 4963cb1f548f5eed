"""Account forms. Every message says what to change."""

from zoneinfo import available_timezones

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length

from lms.auth.passwords import MAX_LENGTH, password_problem


def _new_password(form, field) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def time_zone_choices() -> list[SelectChoice]:
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
    return [SelectChoice(z, z.replace("_", " ")) for z in zones]


_email = [DataRequired("Enter your email address."), Email("Enter an email like name@example.org.")]


class SignUpForm(FlaskForm):
    legal_name = StringField(
        "Full legal name (as it should appear on certificates)",
        validators=[DataRequired("Enter your name as your board knows it."), Length(max=200)],
    )
    email = EmailField("Email", validators=_email)
    password = PasswordField(
        "Password (at least 8 characters)",
        validators=[DataRequired("Choose a password."), _new_password],
    )


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=_email)
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password."), Length(max=MAX_LENGTH)]
    )


class ResetRequestForm(FlaskForm):
    email = EmailField("Email", validators=_email)


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        "New password", validators=[DataRequired("Choose a password."), _new_password]
    )
    confirm = PasswordField(
        "New password again",
        validators=[EqualTo("password", "The two passwords did not match. Type them again.")],
    )


class ProfileForm(FlaskForm):
    legal_name = StringField(
        "Full legal name (printed on certificates)",
        validators=[DataRequired("Enter your name as your board knows it."), Length(max=200)],
    )
    preferred_name = StringField("Name you like to be called (optional)", [Length(max=100)])
    time_zone = SelectField("Time zone", choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone.choices = time_zone_choices()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password.")]
    )
    new_password = PasswordField(
        "New password", validators=[DataRequired("Choose a new password."), _new_password]
    )


class ChangeEmailForm(FlaskForm):
    current_password = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password.")]
    )
    new_email = EmailField("New email", validators=_email)


class CredentialForm(FlaskForm):
    name = StringField(
        "Credential or licence (e.g. IC&RC Peer Recovery)",
        validators=[DataRequired("Name the credential."), Length(max=200)],
    )
    number = StringField("Number (optional)", [Length(max=100)])
