"""Administration, authoring and supervision in Spanish (issue 24): a Spanish reader sees these
pages, their flashes and their form errors in Spanish, and the emails a supervisor's action
sends reach each person in their own language, whoever acted; names and reasons stay as typed.
"""

import re
from email import message_from_bytes, policy

import pytest

from lms.extensions import db
from lms.models import CERecord, User
from tests.helpers import AuthActions, invoke_ok, signed_in
from tests.journeys import log_outside_ce

SPANISH = {"Accept-Language": "es"}
QUEUE = "/supervision/queue"


def main_text(response) -> str:
    """The words of the page's <main>, tags taken out (what the reader sees, not the menu)."""
    html = response.get_data(as_text=True)
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def speaks_spanish(user: User) -> None:
    user.locale = "es"
    db.session.commit()


def emails(outbox) -> list:
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]


@pytest.fixture
def team(app, client, create_user, runner):
    """A signed-in Spanish-speaking peer (client) and their English-speaking supervisor."""
    peer = create_user(email="lucia@example.org", legal_name="Lucía Gómez")
    speaks_spanish(peer)
    AuthActions(client).signin(peer.email)
    boss = create_user(email="sam@example.org", legal_name="Sam Ortiz", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    return peer, signed_in(app, boss)


def test_an_english_supervisors_rejection_emails_a_spanish_speaking_peer_in_spanish(
    client, team, outbox
):
    _peer, supervisor = team
    log_outside_ce(client, {"title": "Reducción de daños", "hours": "1.5"})
    record = db.session.execute(db.select(CERecord)).scalar_one()
    reason = "The certificate shows another name."
    response = supervisor.submit(
        QUEUE,
        {"decision": "reject", "reason": reason},
        action=f"/supervision/ce/{record.id}/decide",
    )
    # The supervisor reads their own confirmation in English...
    assert "Rejected. The peer sees your reason." in supervisor.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    # ...and the peer's email is in Spanish, with the title, name and reason as they were typed.
    (message,) = emails(outbox)
    assert message["Subject"] == "No se aceptó: su registro de EC externa «Reducción de daños»"
    body = message.get_content()
    assert body.startswith("Hola, ")
    assert "Sam Ortiz no aceptó su registro de EC externa «Reducción de daños» (1,5 horas)" in body
    assert f"Su motivo: {reason}" in body
    assert "did not accept" not in body and "Their reason" not in body


def test_a_verification_emails_an_english_peer_in_english_though_the_supervisor_reads_spanish(
    app, client, create_user, runner, outbox
):
    peer = create_user(email="pat@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    boss = create_user(email="ana@example.org", legal_name="Ana Ruiz", roles=("supervisor",))
    speaks_spanish(boss)
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    supervisor = signed_in(app, boss)
    log_outside_ce(client, {"title": "Ethics refresher", "hours": "2"})
    record = db.session.execute(db.select(CERecord)).scalar_one()
    queue = main_text(supervisor.get(QUEUE))
    assert "Horas por verificar" in queue and "Verificar 2 horas" in queue
    assert "Hours to verify" not in queue and "Reject" not in queue

    response = supervisor.submit(
        QUEUE, {"decision": "verify"}, action=f"/supervision/ce/{record.id}/decide"
    )
    flashed = supervisor.get(response.headers["Location"]).get_data(as_text=True)
    assert "Verificado: las horas ya cuentan." in flashed
    (message,) = emails(outbox)
    assert message["Subject"] == "Verified: your outside CE “Ethics refresher”"
    assert "Ana Ruiz verified your outside CE “Ethics refresher”: 2 hours." in (
        message.get_content()
    )


def test_an_invitation_reaches_a_spanish_speaking_supervisor_in_spanish(
    client, create_user, outbox
):
    boss = create_user(email="boss@example.org", legal_name="Ana Ruiz", roles=("supervisor",))
    speaks_spanish(boss)
    peer = create_user(email="pat@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    page = client.submit("/team/supervisors", {"email": boss.email})
    assert "Invitation sent to boss@example.org" in client.get(page.headers["Location"]).get_data(
        as_text=True
    )
    (message,) = emails(outbox)
    assert message["Subject"] == "Una invitación para supervisar en Peerpath"
    body = message.get_content()
    assert "le pide que sea su supervisor" in body
    assert '"Pat Rivera"' in body and "pat@example.org" in body
    assert "asks you to be their supervisor" not in body


def test_the_supervisor_pages_and_a_form_error_read_in_spanish(client, team):
    _peer, supervisor = team
    dashboard = main_text(supervisor.get("/team/", headers=SPANISH))
    assert "Mi equipo" in dashboard and "Lucía Gómez" in dashboard
    assert "My team" not in dashboard and "Nobody" not in dashboard

    refused = client.submit("/team/supervisors", {"email": ""})
    page = main_text(refused)
    assert refused.status_code == 400
    assert "Escriba el correo electrónico de su supervisor." in page
    assert "Invitar a un supervisor" in page and "Enviar la invitación" in page
    assert "Invite a supervisor" not in page and "Send the invitation" not in page


@pytest.fixture
def admin(client, create_user):
    user = create_user(email="admin@example.org", roles=("admin",), legal_name="Alex Morgan")
    speaks_spanish(user)
    AuthActions(client).signin(user.email)
    return user


def test_the_administration_pages_read_in_spanish(client, admin, create_user):
    overview = main_text(client.get("/admin/"))
    assert "Lo que necesita su atención" in overview and "Copias de seguridad" in overview
    assert "What needs you" not in overview and "Board approvals" not in overview

    people = main_text(client.get("/admin/users"))
    assert "Personas" in people and "Buscar" in people and "Alex Morgan" in people
    assert "Search" not in people and "Deactivated" not in people

    audit = main_text(client.get("/admin/audit"))
    assert "Registro de auditoría" in audit and "Alex Morgan inició sesión" in audit
    assert "signed in" not in audit and "Filter" not in audit


def test_the_credentials_an_admin_can_offer_are_summed_up_in_spanish(client, admin):
    """Each credential's one-line summary: the board's name as written, the rest worded in
    the admin's language (hours, cycle, the requirements named in it)."""
    offered = main_text(client.get("/admin/credentials"))
    assert (
        "Georgia Council for Recovery: 12 horas de EC cada año calendario, incluidas "
        "a través de un CARES Academy Connect (6 horas)"
    ) in offered
    assert "30 horas de EC en los 2 años antes de que venza la credencial" in offered  # PA
    assert "each calendar year" not in offered and "before the credential expires" not in offered


def test_an_admins_role_change_is_confirmed_in_spanish(client, admin, create_user):
    peer = create_user(email="devon@example.org", legal_name="Devon Diaz")
    person = main_text(client.get(f"/admin/users/{peer.id}"))
    assert "Roles (toda cuenta puede aprender como estudiante)" in person
    assert "Deactivate account" not in person and "Their data" not in person
    response = client.submit(
        f"/admin/users/{peer.id}", {"roles": ["trainer"]}, action=f"/admin/users/{peer.id}/roles"
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Roles guardados (se dio el rol trainer)." in page


def test_authoring_reads_in_spanish_with_errors_beside_the_field(client, create_user):
    trainer = create_user(email="tess@example.org", roles=("trainer",), legal_name="Tess Kim")
    speaks_spanish(trainer)
    AuthActions(client).signin(trainer.email)
    index = main_text(client.get("/authoring/"))
    assert "Creación de cursos" in index and "Empezar un curso nuevo" in index
    assert "Start a new course" not in index and "Courses" not in index

    refused = client.submit("/authoring/new", {"title": "", "slug": "Not A Slug"})
    page = main_text(refused)
    assert refused.status_code == 400
    assert "Escriba un título." in page and "Crear el borrador" in page
    assert "Enter a title." not in page and "Upload a package" not in page
