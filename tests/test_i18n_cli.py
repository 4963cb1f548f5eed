"""`flask …` commands speak the operator's language, read from the environment as any
command-line tool does (LANGUAGE, LC_ALL, LC_CTYPE, LANG); output for machines, check findings
and the emails a command sends (in each recipient's language) stay as they are. Command help
(`--help`) reads in the operator's language too."""

import email
import io
import json
from email.policy import default
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po

from lms.cli_help import TranslatedHelp, help_msgid
from lms.i18n import operator_locale
from lms.i18n_lint import extract_python_and_help
from tests.helpers import AuthActions
from tests.journeys import track_credential_due_in

ROOT = Path(__file__).resolve().parent.parent
FOUNDATIONS = ROOT / "courses" / "foundations-of-peer-support"
UNSET = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None}
SPANISH = {**UNSET, "LANG": "es_ES.UTF-8"}
ENGLISH = {**UNSET, "LANG": "C"}
SPANISH_CATALOG = ROOT / "lms" / "translations" / "es" / "LC_MESSAGES" / "messages.po"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "es_MX"}, "es"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "es_ES.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),
        ({"LANG": "C", "LANGUAGE": "es:en"}, "es"),
        ({"LANGUAGE": "fr:es"}, "es"),
        ({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        # Python sets LC_CTYPE=C.UTF-8 where es_ES is not installed (PEP 538): LANG still counts.
        ({"LANG": "es_ES.UTF-8", "LC_CTYPE": "C.UTF-8"}, "es"),
    ],
)
def test_the_operators_language_comes_from_the_environment(monkeypatch, environment, expected):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert operator_locale() == expected


def test_courses_check_summarises_in_spanish_and_leaves_findings_as_they_are(app):
    runner = app.test_cli_runner()
    args = ["courses", "check", str(FOUNDATIONS)]
    spanish = runner.invoke(args=args, env=SPANISH)
    english = runner.invoke(args=args, env=ENGLISH)
    assert spanish.exit_code == english.exit_code == 0, spanish.output
    *findings_es, summary_es = spanish.output.splitlines()
    *findings_en, summary_en = english.output.splitlines()
    assert "advertencia" in summary_es and "nota" in summary_es and "warning" not in summary_es
    assert "warning" in summary_en and "note" in summary_en
    assert findings_es == findings_en  # the checker's findings are for authors, as written
    as_json = [*args, "--format", "json"]
    spanish_json = runner.invoke(args=as_json, env=SPANISH).output
    assert spanish_json == runner.invoke(args=as_json, env=ENGLISH).output
    json.loads(spanish_json)


def test_a_refused_command_says_why_in_the_operators_language(app):
    runner = app.test_cli_runner()
    args = ["users", "grant", "nobody@example.org", "admin"]
    spanish = runner.invoke(args=args, env=SPANISH)
    assert spanish.exit_code == 1
    assert "Ninguna cuenta usa nobody@example.org. Revise cómo está escrito." in spanish.output
    english = runner.invoke(args=args, env=ENGLISH)
    assert english.exit_code == 1
    assert "No account uses nobody@example.org. Check the spelling." in english.output


def test_a_command_after_a_spanish_page_still_follows_the_operator(app, client):
    """The test runner shares the app context a request used; the command chooses again."""
    page = client.get("/signin", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="es">' in page
    result = app.test_cli_runner().invoke(args=["ce", "remind"], env=ENGLISH)
    assert result.output == "No reminders due today.\n"
    spanish = app.test_cli_runner().invoke(args=["ce", "remind"], env=SPANISH)
    assert spanish.output == "Hoy no toca enviar recordatorios.\n"


def test_reminders_report_in_spanish_while_each_email_keeps_its_readers_language(
    app, client, create_user, outbox
):
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    track_credential_due_in(client, "icrc-pr", 25)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["ce", "remind", "--dry-run"], env=SPANISH)
    assert "se enviaría un correo a peer@example.org: " in dry.output
    assert "recordatorio de 30 días" in dry.output and "would email" not in dry.output
    sent = runner.invoke(args=["ce", "remind"], env=SPANISH)
    assert sent.exit_code == 0 and "correo enviado a peer@example.org: " in sent.output
    (mail,) = outbox.glob("*.eml")
    message = email.message_from_bytes(mail.read_bytes(), policy=default)
    assert "days until your IC&RC" in message["Subject"]  # the peer reads English


def test_coverage_prints_its_tables_in_spanish_and_its_json_unchanged(app):
    runner = app.test_cli_runner()
    spanish = runner.invoke(args=["courses", "coverage"], env=SPANISH)
    assert spanish.exit_code == 0, spanish.output
    assert spanish.output.startswith("0 cursos publicados, 0 horas de EC en total.")
    assert "Por dominio de IC&RC" in spanish.output and "renovación: " in spanish.output
    english = runner.invoke(args=["courses", "coverage"], env=ENGLISH)
    assert english.output.startswith("0 live courses, 0 CE hours in all.")
    assert "renewal: " in english.output
    as_json = ["courses", "coverage", "--format", "json"]
    spanish_json = runner.invoke(args=as_json, env=SPANISH).output
    assert spanish_json == runner.invoke(args=as_json, env=ENGLISH).output


def test_a_groups_help_and_its_commands_list_read_in_the_operators_language(app):
    runner = app.test_cli_runner()
    spanish = runner.invoke(args=["courses", "--help"], env=SPANISH)
    assert spanish.exit_code == 0, spanish.output
    assert "Revisa, carga e intercambia paquetes de cursos." in spanish.output
    assert "import-gift        Convierte un archivo GIFT de Moodle en un quiz.md." in spanish.output
    assert "Check, load" not in spanish.output and "Convert a" not in spanish.output
    english = runner.invoke(args=["courses", "--help"], env=ENGLISH)
    assert "Check, load and exchange course packages." in english.output
    assert "import-gift        Convert a Moodle GIFT file into a quiz.md." in english.output
    assert "Revisa" not in english.output


def test_a_commands_help_and_its_options_read_in_the_operators_language(app):
    runner = app.test_cli_runner()
    spanish = runner.invoke(args=["courses", "check", "--help"], env=SPANISH).output
    assert "Revisa los cursos: busca errores y lenguaje que no está centrado en la" in spanish
    assert "PATH es la carpeta de un curso" in spanish  # every paragraph of the docstring
    # an option's own help in Spanish; what click adds after it and the option names unchanged
    assert "--format [text|json]  Un hallazgo por línea, o una lista JSON.  [default:" in spanish
    assert "--help                Muestra este mensaje y termina." in spanish
    assert "Check courses" not in spanish and "One finding" not in spanish
    english = runner.invoke(args=["courses", "check", "--help"], env=ENGLISH).output
    assert "Check courses for mistakes and person-first language." in english
    assert "--format [text|json]  One finding a line, or a JSON array.  [default: text]" in english
    assert "--help                Show this message and exit." in english


def _commands(group: click.Group, path: str = ""):
    """Every group and command under `group`, with its path ("courses check")."""
    for name, command in group.commands.items():
        if name == "db":  # Flask-Migrate's own commands, with its own English help
            continue
        yield f"{path} {name}".strip(), command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")


def test_every_commands_help_is_extracted_and_translated(app):
    """Every help text of every registered command (its docstring or help=, each option's
    help=) is shown translated, reaches the catalog through `make i18n-extract`'s extractor,
    and has its Spanish there."""
    extracted = set()
    for module in sorted((ROOT / "lms").rglob("*.py")):
        with module.open("rb") as source:
            extracted |= {m[2] for m in extract_python_and_help(source, ["_"], [], {})}
    with SPANISH_CATALOG.open("rb") as f:
        catalog = read_po(f, locale="es")
    texts, commands = {}, list(_commands(app.cli))
    assert {"courses check", "ce rules check", "demo", "backup restore"} <= dict(commands).keys()
    for path, command in commands:
        assert isinstance(command, TranslatedHelp), f"{path}: make it with lms.cli_help"
        texts[help_msgid(command.help)] = path
        for param in command.params:
            if getattr(param, "help", None):
                texts[help_msgid(param.help)] = f"{path} {param.opts[0]}"
    assert all(texts), f"a command without help: {texts.get('')}"
    assert [path for text, path in texts.items() if text not in extracted] == []
    untranslated = [p for text, p in texts.items() if not getattr(catalog.get(text), "string", "")]
    assert untranslated == []


def test_the_catalogs_help_text_is_what_click_shows():
    """A docstring is looked up as click shows it: dedented, cut at click's `\\f` (what follows
    is for developers), `\\b` paragraphs kept; the extractor yields that same text."""
    source = (
        b"@courses_cli.command('x')\n"
        b"def x():\n"
        b'    """Shown first.\n\n    \\b\n    kept  as\n    written\n    \\f\n    Not shown."""\n'
    )
    (extracted,) = [m[2] for m in extract_python_and_help(io.BytesIO(source), [], [], {})]
    assert extracted == "Shown first.\n\n\b\nkept  as\nwritten\n"
    assert (
        help_msgid("Shown first.\n\n    \b\n    kept  as\n    written\n    \f\n    Not shown.")
        == extracted
    )
