"""Forms for the supervised practice log: practice hours and supervision sessions."""

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from lms.content.labels import local_vocabulary
from lms.content.vocabulary import load_vocabulary
from lms.forms import HoursField
from lms.i18n import _, _l

SESSION_FORMATS = {"individual": _l("Individual"), "group": _l("Group")}


class _LogForm(FlaskForm):
    """Date not in the future; hours in quarter-hour steps (kept as minutes)."""

    done_on = DateField(_l("Date"), [DataRequired(_l("Enter the date, like 2026-03-14."))])
    hours = HoursField(_l("Hours"), [DataRequired(_l("Enter the hours, like 2 or 1.5."))])

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_done_on(self, field) -> None:
        if self.today and field.data and field.data > self.today:
            raise ValidationError(_("The date cannot be in the future."))


class PracticeForm(_LogForm):
    setting = SelectField(_l("Setting"), choices=[], validate_choice=False)
    domain = SelectField(_l("IC&RC domain the work belongs to"), choices=[], validate_choice=False)
    description = TextAreaField(
        _l("What you did"),
        [
            DataRequired(_l("Say briefly what you did, without names of the people you served.")),
            Length(max=2000),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocabulary = local_vocabulary()
        self.setting.choices = [SelectChoice(k, v) for k, v in vocabulary.settings.items()]
        self.domain.choices = [SelectChoice(k, v) for k, v in vocabulary.icrc_domains.items()]

    def validate_setting(self, field) -> None:
        if field.data not in load_vocabulary().settings:
            raise ValidationError(_("Choose where the work took place."))

    def validate_domain(self, field) -> None:
        if field.data not in load_vocabulary().icrc_domains:
            raise ValidationError(_("Choose the IC&RC domain the work belongs to."))

    def values(self) -> dict:
        return {
            "done_on": self.done_on.data,
            "minutes": self.hours.minutes,
            "setting": self.setting.data,
            "domain": self.domain.data,
            "description": self.description.data.strip(),
        }


class SupervisionForm(_LogForm):
    supervisor_name = StringField(
        _l("Supervisor's name"),
        [DataRequired(_l("Enter who supervised the session.")), Length(max=200)],
    )
    session_format = RadioField(
        _l("Individual or group"),
        choices=[SelectChoice(k, v) for k, v in SESSION_FORMATS.items()],
        validate_choice=False,
    )
    description = TextAreaField(_l("Notes (optional)"), [Length(max=2000)])

    def validate_session_format(self, field) -> None:
        if field.data not in SESSION_FORMATS:
            raise ValidationError(_("Choose individual or group."))

    def values(self) -> dict:
        return {
            "done_on": self.done_on.data,
            "minutes": self.hours.minutes,
            "supervisor_name": self.supervisor_name.data.strip(),
            "session_format": self.session_format.data,
            "description": (self.description.data or "").strip(),
        }


FORMS = {"practice": PracticeForm, "supervision": SupervisionForm}
