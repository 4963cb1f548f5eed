"""The learner's side of Peerpath in Spanish: signing up, the account, the dashboard, the
catalog, a course, its quiz and the error pages read in Spanish for someone who reads Spanish;
account emails reach their owner in the owner's language, whoever asked; names, codes and
course titles stay exactly as they are."""

import email
import html as htmlmod
import re

from lms.extensions import db
from lms.models import User
from tests.helpers import AuthActions
from tests.journeys import sign_up, signup_link, start_attempt

SPANISH = {"Accept-Language": "es-MX,es;q=0.9"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}
# English words that never appear in Spanish interface text (course content is left out).
ENGLISH_WORDS = re.compile(r"\b(the|your|you|and|with|this|of|to|is|are|not|yet|sign|in)\b")


def _main_text(response, *content: str) -> str:
    """The words in <main>, without the course content named in `content` and the lists of a
    <select> (course vocabulary and time-zone cities: data, in English)."""
    page = response.get_data(as_text=True)
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<select.*?</select>", " ", main, flags=re.S)
    text = htmlmod.unescape(re.sub(r"<[^>]+>", " ", main.split(">", 1)[1]))
    for piece in content:
        text = text.replace(piece, " ")
    return " ".join(text.split())


def _english_left(text: str) -> list[str]:
    return ENGLISH_WORDS.findall(text)


def _mail_to(outbox, address: str) -> email.message.Message:
    messages = [email.message_from_bytes(p.read_bytes()) for p in outbox.glob("*.eml")]
    (message,) = [m for m in messages if m["To"] == address]
    return message


def _body(message) -> str:
    return message.get_payload(decode=True).decode()


def _subject(message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def test_a_spanish_speaker_signs_up_in_spanish_and_keeps_spanish_in_their_profile(client, outbox):
    page = client.get("/signup", headers=SPANISH)
    assert "Cree su cuenta" in page.get_data(as_text=True)
    assert not _english_left(_main_text(page))
    refused = client.submit(
        "/signup", {"legal_name": "", "email": "ana@", "password": "short"}, headers=SPANISH
    )
    text = _main_text(refused)
    assert "Por favor, corrija lo que está marcado abajo. Todavía no se guardó nada." in text
    assert "Escriba su nombre tal como lo conoce su junta certificadora." in text
    assert "Use por lo menos 8 caracteres." in text
    form = {"legal_name": "Ana Lucía Pérez", "email": "ana@example.org", "password": "río piedra"}
    sent = client.submit("/signup", form, headers=SPANISH)
    assert "Revise su correo" in _main_text(sent) and not _english_left(_main_text(sent))
    finished = client.submit(signup_link(outbox, "ana@example.org"), {}, headers=SPANISH)
    message = _mail_to(outbox, "ana@example.org")
    assert _subject(message) == "Termine de crear su cuenta de Peerpath"
    assert _body(message).startswith("Hola:\n\nPara terminar de crear su cuenta de Peerpath")
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.locale == "es" and user.legal_name == "Ana Lucía Pérez"
    # Signed in, on a browser set to English: the profile's Spanish wins.
    dashboard = client.get(finished.headers["Location"], headers=ENGLISH)
    text = _main_text(dashboard)
    assert "Le damos la bienvenida a Peerpath. Su cuenta está lista." in text
    assert "Hola, Ana Lucía Pérez" in text and "Cursos en progreso" in text
    assert "Horas de EC obtenidas en" in text and "Vea los cursos" in text


def test_an_english_sign_up_is_unchanged_and_keeps_english(client, outbox):
    sign_up(client, outbox, "Sam Reed", "sam@example.org", "river stone path", headers=ENGLISH)
    assert _subject(_mail_to(outbox, "sam@example.org")) == "Finish creating your Peerpath account"
    assert db.session.execute(db.select(User)).scalar_one().locale == "en"


def test_account_emails_reach_their_owner_in_the_owners_language_whoever_asks(
    client, create_user, outbox
):
    owner = create_user(email="lucia@example.org", legal_name="Lucía Gómez")
    owner.locale = "es"
    db.session.commit()
    client.submit(
        "/signup",
        {"legal_name": "Other", "email": "lucia@example.org", "password": "another good one"},
        headers=ENGLISH,
    )
    taken = _mail_to(outbox, "lucia@example.org")
    assert _subject(taken) == "Termine de crear su cuenta de Peerpath"
    assert "Usted ya tiene una" in _body(taken) and "Hola, Lucía Gómez:" in _body(taken)
    next(outbox.glob("*.eml")).unlink()
    sent = client.submit("/reset", {"email": "lucia@example.org"}, headers=ENGLISH)
    assert "Check your email" in sent.get_data(as_text=True)  # the page is the visitor's
    reset = _mail_to(outbox, "lucia@example.org")
    assert _subject(reset) == "Cambie su contraseña de Peerpath"
    assert re.search(r"http://localhost/reset/\S+", _body(reset))  # the link is unchanged


def test_the_account_page_and_its_form_errors_read_in_spanish(client, create_user):
    create_user(email="rosa@example.org", legal_name="Rosa Martínez")
    AuthActions(client).signin("rosa@example.org")
    client.submit("/account", {"locale": "es", "next": "/account"}, action="/locale")
    page = client.get("/account")
    text = _main_text(page)
    assert "Mi cuenta" in text and "Guardar perfil" in text
    assert "Los certificados lo imprimen exactamente así: Rosa Martínez" in text
    assert not _english_left(text)
    refused = client.submit("/account", {"rule_set": "", "name": ""}, action="/account/credentials")
    assert refused.status_code == 400
    assert "Escriba el nombre de la credencial o elíjala de la lista." in _main_text(refused)


def test_a_spanish_learner_reads_the_catalog_course_quiz_and_result_in_spanish(client, completed):
    user, certificate, attempt_id = completed
    client.get("/dashboard")  # shows (and so ends) the English "Course complete" message
    user.locale = "es"
    db.session.commit()
    content = ("Ethics and Boundaries", "About Ethics and Boundaries.", "Check your understanding")
    content += ("Ethics, Confidentiality and privacy", "Ethics", "Confidentiality and privacy")
    content += tuple(f"Option A of q{n}" for n in range(1, 5))  # the quiz's own text

    catalog = _main_text(client.get("/courses"), *content)
    assert "1 curso" in catalog and "Terminado" in catalog and "1,5 horas de EC" in catalog
    course = _main_text(client.get("/courses/ethics-basics"), *content)
    assert "Usted terminó este curso. 1,5 horas de EC están en su registro." in course
    assert "Descargar su certificado (PDF)" in course
    result = _main_text(client.get(f"/attempts/{attempt_id}"), *content)
    assert "Aprobó con 100%" in result
    assert f"Código del certificado: {certificate.display_code}" in result
    quiz = _main_text(client.get("/courses/ethics-basics/quiz"), *content)
    assert "Usted aprobó este cuestionario." in quiz
    dashboard = _main_text(client.get("/dashboard"), *content)
    assert "Hola, Maria Elena Santos" in dashboard and "Cursos terminados" in dashboard
    for text in (catalog, course, result, quiz):
        assert not _english_left(text), text


def test_a_quiz_answer_left_out_is_pointed_out_in_spanish(client, create_user, create_course):
    user = create_user(email="ines@example.org")
    user.locale = "es"
    db.session.commit()
    create_course(lessons=1)
    AuthActions(client).signin("ines@example.org")
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    attempt_id = start_attempt(client, "ethics-basics")
    path = f"/attempts/{attempt_id}/questions/1"
    client.submit(path, {"move": "next"})
    page = _main_text(client.get(path))
    assert "Elija una respuesta y luego continúe." in page
    assert "Pregunta 1 de 4" in page and "Guardar y continuar" in page


def test_error_pages_follow_the_visitors_language(client):
    missing = client.get("/no-such-page", headers=SPANISH)
    assert missing.status_code == 404
    text = _main_text(missing)
    assert "No encontramos esa página" in text
    assert "Revise la dirección o vuelva a empezar desde la página de inicio." in text
    english = client.get("/no-such-page", headers=ENGLISH).get_data(as_text=True)
    assert "We could not find that page" in english


def test_the_navigation_and_footer_are_in_spanish(client):
    page = client.get("/", headers=SPANISH).get_data(as_text=True)
    for text in ("Saltar al contenido principal", "Iniciar sesión", "Verificar un certificado"):
        assert text in page
    assert "Su capacitación y su renovación, en un solo lugar" in page
    assert not _english_left(_main_text(client.get("/", headers=SPANISH)))


def test_the_catalog_length_filter_works_when_the_page_is_in_spanish(client, create_course):
    """Its choices print "1,5 horas" but send a value the server reads ("1.5")."""
    create_course(slug="short-course", title="Short Course", ce_minutes=60)
    create_course(slug="long-course", title="Long Course", ce_minutes=180)
    page = client.get("/courses", headers=SPANISH).get_data(as_text=True)
    assert '<option value="1.5" >Hasta 1,5 horas</option>' in page
    filtered = client.get("/courses?max_hours=1.5", headers=SPANISH).get_data(as_text=True)
    assert "Short Course" in filtered and "Long Course" not in filtered
    assert '<option value="1.5" selected>Hasta 1,5 horas</option>' in filtered


def test_the_course_evaluation_asks_and_answers_in_spanish(client, create_user, create_course):
    user = create_user(email="elena@example.org")
    user.locale = "es"
    db.session.commit()
    create_course(lessons=1, evaluation=True)
    AuthActions(client).signin("elena@example.org")
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    path = "/courses/ethics-basics/evaluation"
    page = _main_text(client.get(path))
    assert "El curso cumplió los objetivos que anunció." in page
    assert "5 — totalmente de acuerdo" in page and "Enviar evaluación" in page
    assert not _english_left(page)
    refused = client.submit(path, {"objectives": "5"})
    assert refused.status_code == 400
    assert "Elija una calificación del 1 al 5." in _main_text(refused)
