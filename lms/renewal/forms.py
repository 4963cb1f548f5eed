"""Forms for outside CE (the supervisor's decision form is in lms.supervision.forms)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from lms.content.labels import local_vocabulary
from lms.forms import HoursField
from lms.i18n import _, _l


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OutsideCEForm(FlaskForm):
    title = StringField(
        _l("Title of the training"),
        [DataRequired(_l("Enter the training's title.")), Length(max=300)],
    )
    provider = StringField(
        _l("Provider (who ran it)"), [DataRequired(_l("Enter who provided it.")), Length(max=300)]
    )
    approval_number = StringField(
        _l("Provider's approval number (if on the certificate)"), [Length(max=100)]
    )
    earned_on = DateField(
        _l("Date completed"), [DataRequired(_l("Enter the date, like 2026-03-14."))]
    )
    hours = HoursField(
        _l("CE hours (contact hours of 60 minutes)"),
        [DataRequired(_l("Enter the hours on the certificate."))],
    )
    topics = CheckboxesField(_l("Topics it covered"))
    delivery = SelectField(_l("Format"), choices=[])
    evidence = FileField(_l("Certificate or proof (PDF, PNG or JPEG, up to 10 MB)"))

    def __init__(self, *args, today=None, evidence_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.evidence_required = evidence_required
        vocabulary = local_vocabulary()
        self.topics.choices = [SelectChoice(k, v) for k, v in vocabulary.topics.items()]
        self.delivery.choices = [SelectChoice(k, v) for k, v in vocabulary.delivery.items()]

    def validate_earned_on(self, field) -> None:
        if self.today and field.data and field.data > self.today:
            raise ValidationError(_("The date cannot be in the future."))

    def validate_topics(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Choose at least one topic the training covered."))

    def validate_evidence(self, field) -> None:
        if self.evidence_required and not getattr(field.data, "filename", ""):
            raise ValidationError(_("Attach the certificate so your supervisor can verify it."))

    def values(self) -> dict:
        return {
            "title": self.title.data.strip(),
            "provider": self.provider.data.strip(),
            "approval_number": (self.approval_number.data or "").strip(),
            "earned_on": self.earned_on.data,
            "minutes": self.hours.minutes,
            "topics": list(self.topics.data),
            "delivery": self.delivery.data,
        }


class CorrectionForm(OutsideCEForm):
    """An administrator's correction of verified outside CE: the same fields, a reason, and
    the version of the record the form showed."""

    reason = TextAreaField(
        _l("Reason for the correction (kept in the record's trail)"),
        [DataRequired(_l("Give the reason for the correction.")), Length(max=1000)],
    )
    version = IntegerField(widget=HiddenInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, evidence_required=False, **kwargs)
