"""Administration forms."""

import re

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from lms.i18n import _, _l
from lms.provider import ImageProblem, clean_png


def _png(form, field) -> None:
    """Decode an uploaded image in full; `field.png` holds it written again as a clean PNG."""
    field.png = None
    upload = field.data
    if upload and getattr(upload, "filename", ""):
        try:
            field.png = clean_png(upload.read())
        except ImageProblem as problem:
            raise ValidationError(str(problem)) from problem


class ProviderForm(FlaskForm):
    organisation = StringField(
        _l("Organisation name"),
        [DataRequired(_l("Enter the organisation's name.")), Length(max=200)],
    )
    contact = StringField(
        _l("Contact (address, email or phone)"),
        [DataRequired(_l("Boards expect a way to contact the provider.")), Length(max=300)],
    )
    # Approving body and number are per approval now (ApprovalForm, the approvals page).
    approval_statement = TextAreaField(_l("Approval statement"), [Length(max=1000)])
    signatory_name = StringField(
        _l("Signatory name"), [DataRequired(_l("Name the person who signs.")), Length(max=200)]
    )
    signatory_title = StringField(_l("Signatory title"), [Length(max=200)])
    paper = SelectField(
        _l("Paper size"),
        choices=[SelectChoice("letter", _l("US Letter")), SelectChoice("A4", "A4")],
    )
    time_on_task_share = StringField(
        _l(
            "Study time a course needs before it counts for CE, as a share of its claimed time "
            "(from the site's setting up to 1; empty: the site's setting)"
        ),
        [Length(max=10)],
    )
    logo = FileField(_l("Logo (PNG, under 200 KB)"), [_png])
    remove_logo = BooleanField(_l("Remove the current logo"))

    def validate_time_on_task_share(self, field) -> None:
        share_or_none(field.data, lowest=float(current_app.config["MIN_TIME_ON_TASK_SHARE"]))

    def share(self) -> float | None:
        """The study-time share typed, once the form is valid (None: the site's setting)."""
        lowest = float(current_app.config["MIN_TIME_ON_TASK_SHARE"])
        return share_or_none(self.time_on_task_share.data, lowest=lowest)

    signature = FileField(_l("Signature image (PNG, under 200 KB)"), [_png])
    remove_signature = BooleanField(_l("Remove the current signature image"))


SHARE = re.compile(r"(0(\.[0-9]{1,3})?|1(\.0{1,3})?|\.[0-9]{1,3})", re.ASCII)


def share_or_none(text: str | None, *, lowest: float) -> float | None:
    """A share typed by an admin ("0.75"), at least `lowest` and at most 1; None when empty.
    Raises ValidationError with what to type (never a float parse of "nan" or "1e3")."""
    text = (text or "").strip()
    if not text:
        return None
    if not SHARE.fullmatch(text) or not lowest <= float(text) <= 1:
        raise ValidationError(
            _(
                "Type a number from %(lowest)s to 1 with a dot, like 0.75 (three quarters of the "
                "claimed time), or leave it empty.",
                lowest=f"{lowest:g}",
            )
        )
    return float(text)


class ApprovalForm(FlaskForm):
    """One board approval the provider holds; `covers` choices are the known rule sets."""

    approving_body = StringField(
        _l("Approving body (e.g. NAADAC, MHACBO)"),
        [DataRequired(_l("Name the body that approved the provider.")), Length(max=200)],
    )
    approval_number = StringField(
        _l("Approval number"), [DataRequired(_l("Enter the approval number.")), Length(max=100)]
    )
    valid_from = DateField(_l("Valid from"), [DataRequired(_l("Enter the first day it is valid."))])
    valid_to = DateField(_l("Valid to (leave empty if open-ended)"), [Optional()])
    covers = SelectMultipleField(
        _l("Credentials it covers (none ticked: every credential)"),
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )

    def validate_valid_to(self, field) -> None:
        if field.data and self.valid_from.data and field.data < self.valid_from.data:
            raise ValidationError(_("The end date is before the start date."))
