"""Certificates, renewal and the road to certification in Spanish: pages in the reader's
language; certificates, transcripts, badges and reminders in the language of the person they
belong to, whoever asks for them; the verify page in the visitor's; legal fields unchanged."""

import email
from datetime import date
from email.policy import default

from lms.certificates import badges
from lms.extensions import db
from lms.models import Certificate, User
from tests.helpers import AuthActions, BrowserLikeClient, invoke_ok, pdf_text
from tests.journeys import OUTSIDE_CE_FORM, log_outside_ce, track_credential_due_in

SPANISH = {"Accept-Language": "es"}


def _speaks_spanish(user_id: int) -> None:
    db.session.get(User, user_id).locale = "es"
    db.session.commit()


def _admin(app, create_user) -> BrowserLikeClient:
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(roles=("admin",)).email)
    return admin


def _flat(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


def test_a_spanish_speaker_reads_their_certificates_page_in_spanish(client, completed):
    user, certificate, _ = completed
    _speaks_spanish(user.id)
    html = client.get("/certificates").get_data(as_text=True)
    assert '<html lang="es">' in html
    for spanish in ("Mis certificados", "Abrir el PDF", "Ver su página pública de verificación"):
        assert spanish in html
    for english in ("My certificates", "Open the PDF", "See its public verification page"):
        assert english not in html
    # The course title as issued and the code never change with the language.
    assert "Ethics and Boundaries" in html and certificate.display_code in html


def test_the_verify_page_speaks_the_visitors_language_and_keeps_the_legal_fields(app, completed):
    _user, certificate, _ = completed
    visitor = app.test_client()
    html = visitor.get(f"/verify/{certificate.display_code}", headers=SPANISH).get_data(
        as_text=True
    )
    assert "Certificado válido" in html and "Este certificado es auténtico y está vigente." in html
    assert "Valid certificate" not in html and "<dt>Course</dt>" not in html
    for legal in ("Maria Elena Santos", "Ethics and Boundaries", certificate.display_code):
        assert legal in html
    assert "1,5 horas de contacto" in html  # the same 1.5 hours, printed the Spanish way
    english = visitor.get(f"/verify/{certificate.display_code}").get_data(as_text=True)
    assert "Valid certificate" in english and "1.5 contact hours" in english


def test_an_english_admin_reissues_a_spanish_certificate_in_spanish(app, completed, create_user):
    user, certificate, _ = completed
    _speaks_spanish(user.id)
    admin = _admin(app, create_user)
    page = f"/admin/certificates/{certificate.display_code}"
    admin.submit(page, {"reason": "Name correction", "confirm": "yes"}, action=page + "/reissue")
    new = db.session.execute(db.select(Certificate).order_by(Certificate.id.desc())).scalars()
    text = _flat(next(iter(new)).pdf)
    assert "Certificado de finalización" in text and "Se certifica que" in text
    assert "Certificate of Completion" not in text
    for legal in ("Maria Elena Santos", "Ethics and Boundaries", "PR-2041"):
        assert legal in text
    # The admin's own pages stay in the admin's language.
    assert "Open the PDF as issued" in admin.get(page).get_data(as_text=True)


def test_a_supervisors_download_of_a_certificate_never_changes_its_language(
    app, completed, create_user, runner
):
    user, certificate, _ = completed
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, user.email])
    _speaks_spanish(user.id)
    certificate.pdf = None  # a certificate whose stored PDF failed: rendered at download
    db.session.commit()
    supervisor = BrowserLikeClient(app.test_client())
    AuthActions(supervisor).signin(boss.email)
    pdf = supervisor.get(f"/certificates/{certificate.display_code}.pdf").data
    assert "Certificado de finalización" in _flat(pdf)


def test_a_spanish_transcript_has_spanish_headings_and_the_same_figures(client, completed):
    user, _certificate, _ = completed
    _speaks_spanish(user.id)
    today = date.today()
    period = f"start={today.year}-01-01&end={today.isoformat()}"
    page = client.get(f"/transcript?{period}").get_data(as_text=True)
    assert "Su historial académico de EC" in page and "Your CE transcript" not in page
    text = _flat(client.get(f"/transcript.pdf?{period}").data)
    assert "Historial académico de educación continua" in text
    assert "Curso o actividad" in text and "Ethics and Boundaries" in text and "1,5" in text
    csv = client.get(f"/transcript.csv?{period}").get_data(as_text=True)
    header, row = csv.splitlines()[:2]
    assert header.startswith("fecha,título,proveedor,horas")
    assert ",1.5," in row  # CSV figures stay machine-readable whatever the language


def test_the_badge_describes_the_course_in_the_holders_language(app, completed):
    user, certificate, _ = completed
    _speaks_spanish(user.id)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        credential = badges.credential(certificate, "https://peerpath.example")
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Ethics and Boundaries"
    assert achievement["description"].startswith("Curso de educación continua, versión")
    assert credential["credentialSubject"]["creditsEarned"] == 1.5


def test_outside_ce_form_errors_and_flashes_read_in_spanish(client, create_user):
    user = create_user(email="ana@example.org")
    _speaks_spanish(user.id)
    AuthActions(client).signin(user.email)
    blank = {**OUTSIDE_CE_FORM, "title": "", "topics": []}
    page = client.submit("/ce/outside/new", blank).get_data(as_text=True)
    assert "Escriba el título de la capacitación." in page
    assert "Elija al menos un tema que cubrió la capacitación." in page
    assert "Enter the training" not in page
    log_outside_ce(client)
    done = client.get("/ce").get_data(as_text=True)
    assert "Registrado. Las horas cuentan como pendientes" in done
    assert "Mis registros de EC" in done and "Pendiente — esperando a su supervisor" in done


def test_the_road_to_certification_reads_in_spanish(client, create_user):
    user = create_user(email="luz@example.org")
    _speaks_spanish(user.id)
    AuthActions(client).signin(user.email)
    html = client.get("/certification/").get_data(as_text=True)
    assert "Su camino hacia la certificación" in html and "Qué hacer ahora" in html
    assert "Your road to certification" not in html and "What to do next" not in html
    exam = client.get("/certification/exam").get_data(as_text=True)
    assert "Examen de práctica" in exam and "Sin límite de tiempo" in exam
    assert "Untimed" not in exam


def _mail(outbox, to: str):
    for path in outbox.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        if message["To"] == to:
            return message["Subject"], message.get_content()
    raise AssertionError(f"no mail to {to}")


def test_reminders_go_in_each_recipients_language(app, client, create_user, runner, outbox):
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    track_credential_due_in(client, "icrc-pr", 25)
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    _speaks_spanish(peer.id)
    invoke_ok(runner, ["ce", "remind"])
    subject, body = _mail(outbox, "peer@example.org")
    assert (
        subject.startswith("Faltan ") and " días para la fecha límite de renovación de " in subject
    )
    assert body.startswith("Hola, ") and "Para estar listo para renovar" in body
    assert "still need" not in body
    digest_subject, digest = _mail(outbox, "boss@example.org")
    assert digest_subject == "Supervisees at risk of missing a renewal deadline"
    assert "Pat Rivera, IC&RC Peer Recovery" in digest and " days left, " in digest
