"""Authoring forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from lms.forms import HoursField


class NewCourseForm(FlaskForm):
    title = StringField("Course title", [DataRequired("Enter a title."), Length(max=200)])
    slug = StringField(
        "Short name for the address (slug)",
        [DataRequired("Enter a short name, like managing-boundaries."), Length(max=80)],
    )


class UploadForm(FlaskForm):
    package = FileField("Course package (.zip)")


class EditForm(FlaskForm):
    path = HiddenField()
    # The version of the file the editor loaded (drafts.file_version): a stale save is refused.
    version = HiddenField()
    text = TextAreaField("File text")


class NewLessonForm(FlaskForm):
    name = StringField(
        "New lesson file name", [DataRequired("Enter a name, like 03-next-steps."), Length(max=80)]
    )


class LessonFileForm(FlaskForm):
    """Rename or remove the lesson being edited."""

    path = HiddenField()
    name = StringField("New file name", [Length(max=80)])


class PublishForm(FlaskForm):
    acknowledge = BooleanField("I have read the warnings and want to publish anyway.")


class ClaimApprovalForm(FlaskForm):
    """An administrator approves CE hours above the estimate for the content they read."""

    # The content hash of the draft as the page showed it: a changed draft is refused.
    content = HiddenField()
    hours = HoursField("Approved CE hours", [DataRequired("Enter the hours to approve.")])
    basis = TextAreaField(
        "Basis for the approval",
        [
            DataRequired("Write the basis, like: pilot tested by 5 learners, median 62 minutes."),
            Length(max=1000, message="Keep the basis to 1000 characters or fewer."),
        ],
    )
