"""Command help (`flask <group> --help`, `flask <group> <command> --help`) in the operator's
language.

The English help is written once, where click reads it: a command's docstring, a group's or an
option's `help=`. It is translated when it is shown, in the language of whoever runs the command
(`lms.i18n.operator_locale`), never stored translated. Every command group is an `AppGroup`
from here (Flask's, whose commands are `Command`s from here); a command made outside a group
passes `cls=Command`. The catalog's msgid is `help_msgid(text)`: the text as click shows it
(`inspect.cleandoc`, cut at click's `\\f`); `make i18n-extract` finds these texts through
`lms.i18n_lint.extract_python_and_help`. Click formats the translated text exactly as it would
the English (its `\\b` paragraphs, short help cut at the first sentence, deprecated labels).
"""

import inspect
from gettext import gettext as click_text  # how click itself looks up its own words

import click
from flask.cli import AppGroup as FlaskAppGroup
from flask_babel import force_locale

from lms.hours import N_
from lms.i18n import gettext, operator_locale

# Click's own help option, on every command: translated like any option's help.
HELP_OPTION_TEXT = N_("Show this message and exit.")


def help_msgid(text: str | None) -> str:
    """The text click shows for a docstring or `help=` (and the catalog's msgid for it)."""
    return inspect.cleandoc(text).partition("\f")[0] if text else ""


def shown_help(text: str | None) -> str:
    """`text` as click shows it, in the operator's language ("" for no text)."""
    english = help_msgid(text)
    if not english:
        return ""
    with force_locale(operator_locale()):
        return gettext(english)


def _option_row(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """Click's help row for an option, with its own text translated and click's additions
    (`[default: text]`) kept as click wrote them after it."""
    row = param.get_help_record(ctx)
    if row is None or not param.help or not row[1].startswith(param.help):
        return row
    spec, text = row
    return spec, shown_help(param.help) + text[len(param.help) :]


class TranslatedHelp:
    """What a command or group shows as help, translated; mixed into click's classes."""

    def _translated(self) -> click.Command:
        """A stand-in command holding the translated texts, for click to format as usual."""
        return click.Command(
            self.name,
            help=shown_help(self.help) or None,
            short_help=shown_help(self.short_help) or None,
            deprecated=self.deprecated,
        )

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._translated().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self._translated().get_short_help_str(limit)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's options section with each option's help translated (then a group's
        commands, as click's `Group.format_options` adds them). Click's own headings
        ("Usage:", "Options:") come from click, through the standard library's gettext."""
        rows = [
            _option_row(param, ctx)
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument)
        ]
        rows = [row for row in rows if row is not None]
        if rows:
            with formatter.section(click_text("Options")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class Command(TranslatedHelp, click.Command):
    """A click command whose help reads in the operator's language."""


class AppGroup(TranslatedHelp, FlaskAppGroup):
    """Flask's `AppGroup` (commands run in the app context) whose help, and whose commands'
    help, reads in the operator's language."""

    command_class = Command
