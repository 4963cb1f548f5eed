"""Account forms. Every message says what to change."""

import unicodedata
from zoneinfo import available_timezones

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from lms.auth.passwords import MAX_LENGTH, password_problem
from lms.i18n import _, _l
from lms.models import UserCredential


def _new_password(form, field) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def single_line(value: str | None) -> str | None:
    """Names are one line: control characters and line breaks become spaces, runs of spaces
    one (they print on certificates and go into email subjects)."""
    if not value:
        return value
    spaced = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in value)
    return " ".join(spaced.split())


def person_name(value: str | None) -> str | None:
    """Names print on certificates: compatibility forms folded (NFKC, so a full-width or
    ligature letter prints as the plain one) and kept to one line."""
    return single_line(unicodedata.normalize("NFKC", value)) if value else value


def no_hidden_characters(form, field) -> None:
    """Direction overrides and zero-width characters reorder or hide text on a certificate."""
    if any(unicodedata.category(c) == "Cf" for c in field.data or ""):
        raise ValidationError(
            _(
                "This holds an invisible formatting character (a direction mark or zero-width "
                "space, often picked up when pasting). Type it again by hand."
            )
        )


def plain_email(form, field) -> None:
    """Addresses in plain letters only: look-alike letters from other alphabets would let one
    address pass for another in the team and audit lists."""
    if not (field.data or "").isascii():
        raise ValidationError(
            _(
                "Type the address in plain letters, digits and . _ - + @ only; letters from "
                "other alphabets can look like ones they are not."
            )
        )


# The zones most Peerpath users live in, first, in words people use.
COMMON_US_ZONES = {
    "America/New_York": _l("Eastern (New York)"),
    "America/Chicago": _l("Central (Chicago)"),
    "America/Denver": _l("Mountain (Denver)"),
    "America/Phoenix": _l("Arizona (Phoenix, no daylight saving)"),
    "America/Los_Angeles": _l("Pacific (Los Angeles)"),
    "America/Anchorage": _l("Alaska (Anchorage)"),
    "Pacific/Honolulu": _l("Hawaii (Honolulu)"),
    "America/Puerto_Rico": _l("Atlantic (Puerto Rico)"),
}


def time_zone_choices() -> dict[str, list[SelectChoice]]:
    """Zones grouped by region (rendered as <optgroup>s), the common US zones first, each
    named by its city, so a person finds theirs by region or by typing the city's first letters
    in the closed list (no script needed)."""
    groups: dict[str, list[SelectChoice]] = {
        _("Common in the United States"): [SelectChoice(z, n) for z, n in COMMON_US_ZONES.items()]
    }
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
    for zone in zones:
        if zone in COMMON_US_ZONES:
            continue
        region, place = zone.split("/", 1)
        city = place.replace("_", " ").replace("/", " – ")
        groups.setdefault(region.replace("_", " "), []).append(SelectChoice(zone, city))
    return groups


_email = [
    DataRequired(_l("Enter your email address.")),
    Email(_l("Enter an email like name@example.org.")),
    plain_email,
]


class SignUpForm(FlaskForm):
    legal_name = StringField(
        _l("Full legal name (as it should appear on certificates)"),
        validators=[
            DataRequired(_l("Enter your name as your board knows it.")),
            Length(max=200),
            no_hidden_characters,
        ],
        filters=[person_name],
    )
    email = EmailField(_l("Email"), validators=_email)
    password = PasswordField(
        _l("Password (at least 8 characters)"),
        validators=[DataRequired(_l("Choose a password.")), _new_password],
    )


class SignInForm(FlaskForm):
    email = EmailField(_l("Email"), validators=_email)
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=MAX_LENGTH)],
    )


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("Email"), validators=_email)


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(_l("Choose a password.")), _new_password]
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[EqualTo("password", _l("The two passwords did not match. Type them again."))],
    )


class ProfileForm(FlaskForm):
    legal_name = StringField(
        _l("Full legal name (printed on certificates)"),
        validators=[
            DataRequired(_l("Enter your name as your board knows it.")),
            Length(max=200),
            no_hidden_characters,
        ],
        filters=[person_name],
    )
    preferred_name = StringField(
        _l("Name you like to be called (optional)"),
        [Length(max=100), no_hidden_characters],
        filters=[person_name],
    )
    time_zone = SelectField(_l("Time zone"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone.choices = time_zone_choices()


class ChangePasswordForm(FlaskForm):
    # Both account forms ask for the current password: each input has its own id, so each
    # label (and error) belongs to the field beside it.
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        id="password-current",
    )
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(_l("Choose a new password.")), _new_password]
    )


class ChangeEmailForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        id="email-current",
    )
    new_email = EmailField(_l("New email"), validators=_email)


class CredentialForm(FlaskForm):
    """A credential the peer holds. Choosing a tracked credential turns on renewal tracking."""

    rule_set = SelectField(_l("Credential"), choices=[])
    name = StringField(_l("Credential name (if it is not in the list)"), [Length(max=200)])
    number = StringField(_l("Credential number (optional)"), [Length(max=100)])
    certified_on = DateField(_l("Certified on"), [Optional()])
    expires_on = DateField(_l("Expires on (optional)"), [Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from lms.renewal.rulesets import offered_rule_sets

        self.rule_set.choices = [SelectChoice("", _("Other (not tracked here)"))] + [
            SelectChoice(rule.key, rule.name) for rule in offered_rule_sets()
        ]

    def validate(self, extra_validators=None) -> bool:
        from lms.renewal.rulesets import rule_set_named

        if not super().validate(extra_validators):
            return False
        if not self.rule_set.data and not (self.name.data or "").strip():
            self.name.errors.append(_("Name the credential, or choose it from the list."))
            return False
        if self.rule_set.data and self.certified_on.data is None:
            self.certified_on.errors.append(
                _("Enter the date you were certified: renewal cycles count from it.")
            )
            return False
        rule = rule_set_named(self.rule_set.data) if self.rule_set.data else None
        if (
            rule
            and rule.cycle.kind in ("fixed_expiry", "birthday")
            and self.expires_on.data is None
        ):
            self.expires_on.errors.append(
                _("This credential's cycle ends on its expiry date: enter the date on your card.")
            )
            return False
        if (
            self.expires_on.data
            and self.certified_on.data
            and (self.expires_on.data <= self.certified_on.data)
        ):
            self.expires_on.errors.append(_("The expiry date must come after the certified date."))
            return False
        return True

    def credential(self, user) -> UserCredential:
        from lms.renewal.rulesets import rule_set_named

        rule = rule_set_named(self.rule_set.data) if self.rule_set.data else None
        return UserCredential(
            user_id=user.id,
            name=rule.name if rule else self.name.data.strip(),
            number=(self.number.data or "").strip(),
            rule_set=rule.key if rule else None,
            certified_on=self.certified_on.data,
            expires_on=self.expires_on.data,
        )
