"""`flask …` commands speak the operator's language, read from the environment as any
command-line tool does (LANGUAGE, LC_ALL, LC_CTYPE, LANG); output for machines, check findings
and the emails a command sends (in each recipient's language) stay as they are."""

import email
import json
from email.policy import default
from pathlib import Path

import pytest

from lms.i18n import operator_locale
from tests.helpers import AuthActions
from tests.journeys import track_credential_due_in

ROOT = Path(__file__).resolve().parent.parent
FOUNDATIONS = ROOT / "courses" / "foundations-of-peer-support"
UNSET = {"LANGUAGE": None, "LC_ALL": None, "LC_CTYPE": None}
SPANISH = {**UNSET, "LANG": "es_ES.UTF-8"}
ENGLISH = {**UNSET, "LANG": "C"}


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
    ],
)
def test_the_operators_language_comes_from_the_environment(monkeypatch, environment, expected):
    for name in ("LANGUAGE", "LC_ALL", "LC_CTYPE", "LANG"):
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
