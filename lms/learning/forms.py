"""Learning forms."""

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from lms.i18n import _l

SCALE = [
    SelectChoice("5", _l("5 — strongly agree")),
    SelectChoice("4", "4"),
    SelectChoice("3", "3"),
    SelectChoice("2", "2"),
    SelectChoice("1", _l("1 — strongly disagree")),
]

QUESTIONS = {
    "objectives": _l("The course met its stated objectives."),
    "useful": _l("What I learned will be useful in my work as a peer."),
    "clear": _l("The lessons were clear and easy to follow."),
    "respectful": _l("The course spoke about people in recovery with respect."),
}


def _rating(label: str) -> RadioField:
    return RadioField(
        label, choices=SCALE, validators=[InputRequired(_l("Choose a rating from 1 to 5."))]
    )


class EvaluationForm(FlaskForm):
    objectives = _rating(QUESTIONS["objectives"])
    useful = _rating(QUESTIONS["useful"])
    clear = _rating(QUESTIONS["clear"])
    respectful = _rating(QUESTIONS["respectful"])
    comment = TextAreaField(
        _l("Anything else you want the trainer to know? (optional)"), [Length(max=2000)]
    )

    def ratings(self) -> dict[str, int]:
        return {name: int(getattr(self, name).data) for name in QUESTIONS}
