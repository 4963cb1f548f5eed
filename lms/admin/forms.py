"""Administration forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

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
        "Organisation name", [DataRequired("Enter the organisation's name."), Length(max=200)]
    )
    contact = StringField(
        "Contact (address, email or phone)",
        [DataRequired("Boards expect a way to contact the provider."), Length(max=300)],
    )
    approving_body = StringField("CE approving body (e.g. NAADAC)", [Length(max=200)])
    approval_number = StringField("Approval number", [Length(max=100)])
    approval_statement = TextAreaField("Approval statement", [Length(max=1000)])
    signatory_name = StringField(
        "Signatory name", [DataRequired("Name the person who signs."), Length(max=200)]
    )
    signatory_title = StringField("Signatory title", [Length(max=200)])
    paper = SelectField(
        "Paper size",
        choices=[SelectChoice("letter", "US Letter"), SelectChoice("A4", "A4")],
    )
    logo = FileField("Logo (PNG, under 200 KB)", [_png])
    remove_logo = BooleanField("Remove the current logo")
    signature = FileField("Signature image (PNG, under 200 KB)", [_png])
    remove_signature = BooleanField("Remove the current signature image")
