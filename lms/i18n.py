"""The interface language: which locale a request is served in, and the one way code and
templates mark text for translation.

A signed-in person's choice (their profile, `User.locale`) wins; a visitor's choice is kept in a
`locale` cookie; otherwise the browser's `Accept-Language` picks from the languages we ship;
otherwise English. Outside a request (a `flask …` command, a cron job) the operator's
environment decides, as gettext decides for any command-line tool: the first of LANGUAGE,
LC_ALL, LC_MESSAGES and LANG that is set, when we ship its language ("es_ES.UTF-8" → Spanish;
"C", "POSIX", unset or a language we do not ship → English). Templates get `_()`/`ngettext()`
from Flask-Babel's Jinja extension and Python code imports `_`, `_l` (lazy, for form labels and
other module-level text) and `ngettext` from here, so every marked string is found by
`make i18n-extract`.

Numbers in pages follow the locale ("1.5 h" in English, "1,5 h" in Spanish) through the `hours`
and `hours_phrase` filters; dates through `lms.localtime.page_date`. Text rendered for someone
other than the viewer (a learner's certificate or email) is rendered inside `for_person(user)`.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.core import Locale
from babel.numbers import get_decimal_symbol
from babel.support import NullTranslations
from flask import Flask, g, has_request_context, request
from flask_babel import force_locale, get_locale, get_translations, refresh
from flask_babel.speaklater import LazyString
from flask_login import current_user
from markupsafe import escape

from lms.extensions import babel
from lms.hours import format_hours

TRANSLATIONS = Path(__file__).with_name("translations")
# The languages Peerpath ships, each named in its own language (how a switcher shows them).
LOCALES = {"en": "English", "es": "Español"}
DEFAULT_LOCALE = "en"
COOKIE = "locale"
COOKIE_SECONDS = 365 * 24 * 3600


class _LazyText(LazyString):
    """Flask-Babel's lazy string, escaped like any other text when a template prints it (its
    own `__html__` marks the translation safe, so "supervisor's" would print unescaped)."""

    def __html__(self) -> str:
        return str(escape(str(self)))


# Each shipped locale's catalog, as Flask-Babel loaded it (one per process, like its own cache).
_CATALOGS: dict[Locale, NullTranslations] = {}


def _locale_chosen() -> Locale | None:
    """The locale Flask-Babel already chose for this request (or `force_locale` set), read
    with one context lookup; None when none is chosen yet (or Flask-Babel keeps it elsewhere:
    callers then take Flask-Babel's own path)."""
    state = g.get("_flask_babel") if g else None
    return getattr(state, "babel_locale", None)


def _catalog() -> NullTranslations:
    """The catalog for the locale in force. A page looks text up twenty times or more, and
    Flask-Babel's own `gettext` reaches the locale through six context lookups each time; this
    reads the locale Flask-Babel chose for this request (or `force_locale` set for a block)
    once and keeps each locale's catalog. Whatever this cannot see (no locale chosen yet, an
    unknown Flask-Babel) goes through Flask-Babel's own path, which chooses and caches it."""
    locale = _locale_chosen()
    if locale is not None and locale in _CATALOGS:
        return _CATALOGS[locale]
    translations = get_translations()
    chosen = get_locale()
    if chosen is not None:
        _CATALOGS[chosen] = translations
    return translations


def gettext(string: str, **variables) -> str:
    """`string` in the reader's language, with `%(name)s` values filled in."""
    text = _catalog().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """The singular or plural form for `num` in the reader's language; `%(num)d` is `num`."""
    variables.setdefault("num", num)
    return _catalog().ungettext(singular, plural, num) % variables


def _l(string: str, **variables) -> LazyString:
    """Text translated when it is read (form labels, validator messages at module level)."""
    return _LazyText(gettext, string, **variables)


_ = gettext
__all__ = ["_", "_l", "ngettext", "LOCALES", "current_locale", "for_person", "init_app"]


def select_locale() -> str:
    """The locale for this request: profile, then cookie, then Accept-Language, then English;
    outside a request, the operator's (`operator_locale`)."""
    if not has_request_context():
        return operator_locale()
    chosen = getattr(current_user, "locale", None) if current_user.is_authenticated else None
    if chosen in LOCALES:
        return chosen
    cookie = request.cookies.get(COOKIE)
    if cookie in LOCALES:
        return cookie
    return request.accept_languages.best_match(LOCALES, default=DEFAULT_LOCALE)


def operator_locale() -> str:
    """The language of whoever runs a command, from their environment as gettext reads it:
    the first of LANGUAGE (a list: "es:en"), LC_ALL, LC_MESSAGES and LANG that is set.
    "es_ES.UTF-8" → "es"; "C", "POSIX", unset or a language we do not ship → "en". LC_CTYPE is
    not read: it names a character set, and Python sets it to C.UTF-8 at start-up wherever the
    operator's locale is not installed (PEP 538), which would hide LANG=es_ES.UTF-8."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if not value:
            continue
        for entry in value.split(":") if name == "LANGUAGE" else [value]:
            language = entry.split(".")[0].split("@")[0].split("_")[0].lower()
            if language in LOCALES:
                return language
        return DEFAULT_LOCALE
    return DEFAULT_LOCALE


def current_locale() -> str:
    """The language code in force ("en" or "es"), for `<html lang>` and for code that picks
    content by language (the catalog's order, the person-first term list)."""
    locale = _locale_chosen() or get_locale()
    return locale.language if locale is not None else DEFAULT_LOCALE


def person_locale(user) -> str:
    """The language a person reads: their profile's choice, else English."""
    chosen = getattr(user, "locale", None)
    return chosen if chosen in LOCALES else DEFAULT_LOCALE


@contextmanager
def for_person(user) -> Iterator[None]:
    """Render text for `user` in their own language, whoever is viewing (emails, PDFs)."""
    with force_locale(person_locale(user)):
        yield


def local_hours(minutes: int) -> str:
    """`format_hours` with the locale's decimal sign: "1.5" in English, "1,5" in Spanish."""
    number = format_hours(minutes)
    return number.replace(".", get_decimal_symbol(current_locale()))


# The unit phrases `hours_phrase` is called with, marked so the catalog has each one.
def _units(unit: str, plural: str | None, count: int) -> str:
    phrases = {
        "hour": lambda n: ngettext("hour", "hours", n),
        "CE hour": lambda n: ngettext("CE hour", "CE hours", n),
        "contact hour": lambda n: ngettext("contact hour", "contact hours", n),
        "CE hour is": lambda n: ngettext("CE hour is", "CE hours are", n),
        "more hour": lambda n: ngettext("more hour", "more hours", n),
        "year": lambda n: ngettext("year", "years", n),
        "logged hour is waiting": lambda n: ngettext(
            "logged hour is waiting", "logged hours are waiting", n
        ),
    }
    if unit in phrases:
        return phrases[unit](count)
    return unit if count == 1 else plural or unit + "s"


def hours_count(minutes: int) -> int:
    """The count `ngettext` picks a plural form by for an hours figure: 1 for exactly one
    hour, 2 otherwise ("1 hour", "1.5 hours", "0.5 hours")."""
    return 1 if format_hours(minutes) == "1" else 2


def local_hours_phrase(minutes: int, unit: str = "hour", plural: str | None = None) -> str:
    """`lms.hours.hours_phrase` in the reader's language: "1,5 horas de EC"."""
    return f"{local_hours(minutes)} {_units(unit, plural, hours_count(minutes))}"


def init_app(app: Flask) -> None:
    """Bind Flask-Babel (which installs `_`/`ngettext` in Jinja), and give templates the
    locale, the languages and the locale-aware hour filters."""
    babel.init_app(
        app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS)
    )
    # Templates' `_()` and `ngettext()` look text up through `_catalog` too (replacing the
    # lookups Flask-Babel installed); Jinja's newstyle wrappers still escape values and fill in
    # `%(name)s` as before.
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: _catalog().ugettext(string),
        ngettext=lambda singular, plural, n: _catalog().ungettext(singular, plural, n),
        newstyle=True,
    )
    app.jinja_env.filters.update(hours=local_hours, hours_phrase=local_hours_phrase)
    # Flask-Babel caches the locale on `g`; a request that shares an app context (tests, CLI)
    # must still choose its own language.
    app.before_request(refresh)
    # Likewise each command run through `app.cli` (the test runner shares the caller's app
    # context); the `flask` command itself starts a fresh context per run.
    app.cli.callback = refresh
    # Globals, not a context processor: macros imported with `{% from %}` see them too.
    app.jinja_env.globals.update(current_locale=current_locale, locales=LOCALES)
