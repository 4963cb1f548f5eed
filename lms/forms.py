"""Form fields more than one area's forms share."""

from babel.numbers import get_decimal_symbol
from wtforms import StringField, ValidationError

from lms.hours import HOURS_HINT, MAX_ENTERED_HOURS, HoursError, parse_hours
from lms.i18n import _, current_locale


class HoursField(StringField):
    """Hours a person types, read by `lms.hours.parse_hours`.

    The text stays as typed, so a refused value is shown back as it was written; once the form
    validates, `minutes` holds the hours as whole minutes. Put `DataRequired` (with the
    field's own wording) in `validators` for the empty case; this field checks the rest.
    It reads the locale's decimal sign besides the dot ("1,5" in Spanish; `parse_hours`).
    Phones show a number pad with a decimal point for it (`inputmode="decimal"`).
    """

    def __init__(self, label=None, validators=None, *, maximum: int = MAX_ENTERED_HOURS, **kw):
        kw["render_kw"] = {"inputmode": "decimal", **(kw.get("render_kw") or {})}
        super().__init__(label, validators, **kw)
        self.maximum = maximum
        self.minutes: int | None = None

    def post_validate(self, form, validation_stopped: bool) -> None:
        if validation_stopped or self.errors:
            return
        try:
            decimal = get_decimal_symbol(current_locale())
            self.minutes = parse_hours(self.data or "", maximum=self.maximum, decimal=decimal)
        except HoursError as error:
            # lms.hours words it once (it is pure); the reader gets it in their language.
            raise ValidationError(_(HOURS_HINT, maximum=error.maximum)) from error
