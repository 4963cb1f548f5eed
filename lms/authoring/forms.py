"""Authoring forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from lms.forms import HoursField
from lms.i18n import _l


class NewCourseForm(FlaskForm):
    title = StringField(_l("Course title"), [DataRequired(_l("Enter a title.")), Length(max=200)])
    slug = StringField(
        _l("Short name for the address (slug)"),
        [DataRequired(_l("Enter a short name, like managing-boundaries.")), Length(max=80)],
    )


class UploadForm(FlaskForm):
    package = FileField(_l("Course package (.zip)"))


class EditForm(FlaskForm):
    path = HiddenField()
    # The version of the file the editor loaded (drafts.file_version): a stale save is refused.
    version = HiddenField()
    text = TextAreaField(_l("File text"))


class NewLessonForm(FlaskForm):
    name = StringField(
        _l("New lesson file name"),
        [DataRequired(_l("Enter a name, like 03-next-steps.")), Length(max=80)],
    )


class LessonFileForm(FlaskForm):
    """Rename or remove the lesson being edited."""

    path = HiddenField()
    name = StringField(_l("New file name"), [Length(max=80)])


class PublishForm(FlaskForm):
    acknowledge = BooleanField(_l("I have read the warnings and want to publish anyway."))


class ClaimApprovalForm(FlaskForm):
    """An administrator approves CE hours above the estimate for the content they read."""

    # The content hash of the draft as the page showed it: a changed draft is refused.
    content = HiddenField()
    hours = HoursField(_l("Approved CE hours"), [DataRequired(_l("Enter the hours to approve."))])
    basis = TextAreaField(
        _l("Basis for the approval"),
        [
            DataRequired(
                _l("Write the basis, like: pilot tested by 5 learners, median 62 minutes.")
            ),
            Length(max=1000, message=_l("Keep the basis to 1000 characters or fewer.")),
        ],
    )
