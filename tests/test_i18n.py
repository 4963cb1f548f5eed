"""The interface in Spanish: every marked string translated, catalogs that compile, no
unmarked text in templates, and the locale chosen as people expect (profile, switcher,
browser), with dates and hours printed per locale."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from lms.extensions import db
from lms.i18n import TRANSLATIONS
from lms.i18n_lint import unmarked_cli_files, unmarked_cli_in, unmarked_files, unmarked_in
from lms.models import User
from tests.helpers import AuthActions

ROOT = Path(__file__).resolve().parent.parent
SPANISH_PO = TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po"
SPANISH_MO = SPANISH_PO.with_suffix(".mo")


def _spanish_catalog():
    with SPANISH_PO.open("rb") as f:
        return read_po(f, locale="es")


def _marked_in_source() -> set[str]:
    """Every msgid `make i18n-extract` finds, read as the Makefile reads it (babel.cfg)."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {
        "_": None,
        "gettext": None,
        "ngettext": (1, 2),
        "_l": None,
        "lazy_gettext": None,
        "N_": None,
    }
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_marked_string_has_a_spanish_translation():
    catalog = _spanish_catalog()
    missing = []
    for msgid in sorted(_marked_in_source()):
        message = catalog.get(msgid)
        strings = message and (
            message.string if isinstance(message.string, tuple) else [message.string]
        )
        if not message or not all(strings) or message.fuzzy:
            missing.append(msgid)
    assert not missing, (
        f"no Spanish for {len(missing)} marked strings (make i18n-update): {missing[:20]}"
    )


def test_the_spanish_catalog_is_well_formed_and_its_compiled_copy_is_current():
    catalog = _spanish_catalog()
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not problems, f"placeholders or plural forms differ from the English: {problems[:10]}"
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    fresh = _messages(read_mo(compiled))
    with SPANISH_MO.open("rb") as f:
        shipped = _messages(read_mo(f))
    assert shipped == fresh, "messages.mo is older than messages.po: run make i18n-compile"


def _messages(catalog) -> dict:
    """{msgid: translation} of a compiled catalog, plural forms as tuples."""

    def frozen(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    return {frozen(m.id): frozen(m.string) for m in catalog if m.id}


def test_spanish_speaks_to_the_reader_as_usted():
    informal = re.compile(r"\b(tú|tu|tus|te|ti|contigo|puedes|tienes|quieres|eres|estás)\b", re.I)
    found = [
        (m.id, text)
        for m in _spanish_catalog()
        if m.id
        for text in (m.string if isinstance(m.string, tuple) else [m.string])
        if informal.search(text or "")
    ]
    assert not found, f"use usted (su, usted, puede), not tú: {found[:10]}"


def test_templates_have_no_unmarked_text():
    found = unmarked_files([ROOT / "templates"])
    assert not found, "mark these with _() or {% trans %}:\n" + "\n".join(map(str, found[:40]))


def test_the_unmarked_text_check_finds_what_a_reader_sees_and_nothing_else():
    source = (
        '{% extends "base.html" %}{% block title %}Your records{% endblock %}\n'
        '<p class="hint">{{ _("Marked text") }} {{ count }}</p>\n'
        '<button aria-label="Close the menu">×</button>\n'
        "{{ post_button(url, 'Remove', 'link-button') }} {{ post_button(url, _('Keep'), 'x') }}\n"
        "{% trans %}A marked block{% endtrans %}<script>var Words = 1;</script>\n"
        "{{ f.type in ('FileField', 'CSRFTokenField') }} Peerpath · 2026\n"
    )
    found = [(u.line, u.text) for u in unmarked_in(source)]
    assert found == [(1, "Your records"), (3, "Close the menu"), (4, "Remove")]


def test_commands_print_no_unmarked_text():
    found = unmarked_cli_files([ROOT / "lms"])
    assert not found, "mark these with _() or ngettext():\n" + "\n".join(map(str, found[:40]))


def test_the_command_output_check_finds_unmarked_words_and_passes_marked_or_machine_output():
    source = (
        "import click, json\n"
        "class BackupError(click.ClickException):\n"
        "    pass\n"
        "click.echo('Nothing was written.', err=True)\n"
        "click.echo(_('Nothing was written.'), err=True)\n"
        "raise click.ClickException(f'No account uses {email}.')\n"
        "raise click.ClickException(_('No account uses %(email)s.', email=email))\n"
        "click.echo(json.dumps(rows))\n"
        "click.echo(f'{file}: {error}')\n"
        "click.secho(ngettext('%(num)d lesson', '%(num)d lessons', n), fg='red')\n"
        "raise BackupError(f'{path} is not empty.')\n"
        "raise click.BadParameter(message='Pick a course.')\n"
    )
    found = [(u.line, u.text) for u in unmarked_cli_in(source)]
    assert found == [
        (4, "Nothing was written."),
        (6, "No account uses {…}."),
        (11, "{…} is not empty."),
        (12, "Pick a course."),
    ]


def test_a_browser_asking_for_spanish_gets_spanish(client):
    page = client.get("/signin", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    html = page.get_data(as_text=True)
    assert '<html lang="es">' in html
    assert 'lang="en">English</button>' in html  # the switcher offers the other language
    english = client.get("/signin", headers={"Accept-Language": "fr,en;q=0.5"})
    assert '<html lang="en">' in english.get_data(as_text=True)


def test_a_visitor_switches_language_and_it_sticks_for_the_visit(client):
    token = client.csrf_token("/signin")
    response = client.post(
        "/locale", data={"csrf_token": token, "locale": "es", "next": "/courses"}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/courses"
    assert '<html lang="es">' in client.get("/courses").get_data(as_text=True)


def test_the_switcher_never_sends_someone_to_another_site(client):
    token = client.csrf_token("/signin")
    response = client.post(
        "/locale", data={"csrf_token": token, "locale": "es", "next": "//evil.example/x"}
    )
    assert response.headers["Location"] == "/"


def test_a_signed_in_person_keeps_their_language_in_their_profile(app, client, create_user):
    user = create_user(email="ana@example.org")
    AuthActions(client).signin("ana@example.org")
    account = client.get("/account").get_data(as_text=True)
    assert 'id="locale"' in account
    client.submit("/account", {"locale": "es", "next": "/account"}, action="/locale")
    assert db.session.get(User, user.id).locale == "es"
    # A new device, a browser set to English: the profile still wins once signed in.
    other = type(client)(app.test_client())
    AuthActions(other).signin("ana@example.org")
    html = other.get("/account", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es">' in html and "Idioma" in html


def test_an_unknown_language_is_refused_and_changes_nothing(client, create_user):
    user = create_user(email="sam@example.org")
    AuthActions(client).signin("sam@example.org")
    response = client.submit("/account", {"locale": "xx", "next": "/account"}, action="/locale")
    assert response.status_code == 303
    assert db.session.get(User, user.id).locale is None
    page = client.get("/account").get_data(as_text=True)
    assert "Choose one of the languages offered: English, Español." in page


@pytest.mark.parametrize(
    ("locale", "day", "hours"), [("en", "2026-03-14", "1.5"), ("es", "14 de marzo de 2026", "1,5")]
)
def test_dates_and_hours_print_in_the_readers_language(app, locale, day, hours):
    from flask_babel import force_locale

    from lms.localtime import page_date

    with app.test_request_context("/"), force_locale(locale):
        assert page_date(date(2026, 3, 14)) == day
        rendered = app.jinja_env.from_string("{{ 90|hours }} · {{ 90|hours_phrase('CE hour') }}")
        unit = "CE hours" if locale == "en" else "horas de EC"
        assert rendered.render() == f"{hours} · {hours} {unit}"


def test_the_spanish_interface_reads_plainly():
    """The catalog as a whole scores at least 60 ("normal") on the Fernández Huerta reading ease,
    the bar Spanish lessons are held to (lms/content/readability.py)."""
    from lms.content.readability import MIN_EASE_ES, measure

    sentences = []
    for message in _spanish_catalog():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else [message.string]
        text = re.sub(r"%\([a-z_]+\)[sd]|<[^>]+>", "", strings[0])
        sentences.append(text.strip().rstrip(".:") + ".")
    ease = measure("\n".join(sentences), "es").ease
    assert ease >= MIN_EASE_ES, f"the Spanish interface reads at {ease:.0f}"
