"""Issue 24's journey in a real browser at 390 px: a Spanish-speaking trainee signs up and sees
the site in Spanish, takes the Spanish foundations course, and gets a Spanish certificate that
counts as the same course as the English one; their supervisor, working in English, verifies
their outside hours. axe-core checks every page the trainee sees."""

import io
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from lms.content.quiz import parse_quiz
from lms.extensions import db
from lms.models import CERecord, User
from tests.browser.helpers import ARTIFACTS, check_accessibility, shoot, sign_in
from tests.helpers import AuthActions, BrowserLikeClient, invoke_ok
from tests.journeys import log_outside_ce, signup_link

pytestmark = pytest.mark.browser
BUNDLED = Path(__file__).resolve().parents[2] / "courses"
COURSES = ("foundations-of-peer-support", "fundamentos-del-apoyo-entre-pares")


@pytest.fixture
def foundations_in_both_languages(app, runner, tmp_path):
    """The two bundled foundations courses, English and Spanish, installed as `make run` does."""
    root = tmp_path / "courses"
    for slug in COURSES:
        shutil.copytree(BUNDLED / slug, root / slug)
    app.config["COURSE_ROOTS"] = [str(root)]
    invoke_ok(runner, ["courses", "sync"])
    text = (root / COURSES[1] / "quiz.md").read_text(encoding="utf-8")
    quiz, _findings = parse_quiz(text, "quiz.md")
    return {question.title: question for question in quiz.questions}


def answer_rightly(page, questions: dict) -> None:
    """Answer each drawn question with its keyed options, as a learner who studied would."""
    while True:
        title = page.locator("h1.question-title").inner_text().strip()
        question = questions[title]
        assert question.kind in ("single", "multiple", "true_false", "matching"), question.kind
        for pair in question.pairs:
            page.locator(f"#pair-{pair.id}").select_option(pair.right)
        for option in question.options:
            if option.correct:
                page.locator(f"#option-{option.id}").check()
        forward = page.get_by_role("button", name="Guardar y")
        last = "revisar" in forward.inner_text()
        forward.click()
        if last:
            return


def test_a_spanish_speaker_studies_in_spanish_and_an_english_supervisor_verifies_their_hours(
    app, live_server, browser, foundations_in_both_languages, create_user, runner, outbox
):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-MX")
    page = context.new_page()
    page.screenshot_dir = ARTIFACTS / "screenshots" / "spanish-journey-390px"
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    check_accessibility(page)
    page.get_by_role("link", name="Empezar").first.click()
    page.get_by_label("Nombre legal completo").fill("Lucía Hernández")
    page.get_by_label("Correo electrónico").fill("lucia@example.org")
    page.get_by_label("Contraseña").fill("una frase larga y tranquila")
    page.get_by_role("button", name="Crear cuenta").click()
    expect(page.get_by_role("heading", name="Revise su correo")).to_be_visible()
    page.goto(live_server + signup_link(outbox, "lucia@example.org"))
    page.get_by_role("button", name="Terminar de crear mi cuenta").click()
    expect(page.get_by_role("heading", name="Hola, Lucía Hernández")).to_be_visible()
    check_accessibility(page)

    # The catalog shows her language first and says the course is also in English.
    page.get_by_role("link", name="Cursos").first.click()
    first = page.locator("main h2 a").first
    expect(first).to_have_text("Fundamentos del apoyo entre pares en la recuperación")
    expect(page.get_by_role("link", name="También en inglés")).to_be_visible()
    check_accessibility(page)
    first.click()
    page.get_by_role("button", name="Inscribirse y empezar").click()
    lesson = 1
    while page.get_by_role("button", name=f"Continuar a la lección {lesson + 1}").count():
        if lesson == 1:
            expect(page.get_by_text("Lección 1 de")).to_be_visible()
            check_accessibility(page)
            shoot(page, "01-leccion")
        page.get_by_role("button", name=f"Continuar a la lección {lesson + 1}").click()
        lesson += 1
    page.get_by_role("button", name="Continuar al cuestionario").click()
    page.get_by_role("button", name="Empezar el cuestionario").click()
    check_accessibility(page)
    answer_rightly(page, foundations_in_both_languages)
    page.get_by_role("button", name="Enviar mis respuestas").click()
    expect(page.get_by_role("heading", name="Aprobó con 100%")).to_be_visible()
    check_accessibility(page)
    shoot(page, "02-aprobado")

    page.get_by_role("link", name="Dé su evaluación del curso para terminar").click()
    for rating in page.locator("fieldset.rating").all():
        rating.get_by_label("5 — totalmente de acuerdo").check()
    check_accessibility(page)
    page.get_by_role("button", name="Enviar evaluación").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar su certificado (PDF)").click()
    pdf = download.value.path().read_bytes()
    printed = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for words in ("Certificado de finalización", "Lucía Hernández", "Idioma", "Español"):
        assert words in printed, words
    # A board reads it as the foundations course: one CE record, under the English course.
    db.session.rollback()  # read what the server committed
    peer = db.session.execute(db.select(User).filter_by(email="lucia@example.org")).scalar_one()
    (record,) = db.session.execute(db.select(CERecord).filter_by(user_id=peer.id)).scalars()
    assert record.ce_identity == "foundations-of-peer-support" and record.minutes == 60

    # Outside hours she logs, verified by a supervisor who reads English.
    create_user(email="sam@example.org", legal_name="Sam Ortiz", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", "sam@example.org", "lucia@example.org"])
    own = BrowserLikeClient(app.test_client())
    AuthActions(own).signin("lucia@example.org", "una frase larga y tranquila")
    log_outside_ce(own, {"hours": "2"})
    supervisor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(supervisor, live_server, "sam@example.org")
    supervisor.goto(live_server + "/supervision/queue")
    expect(supervisor.locator("html")).to_have_attribute("lang", "en")
    supervisor.get_by_role("button", name="Verify 2 hours for Lucía Hernández").click()
    expect(supervisor.get_by_text("Verified: the hours now count.")).to_be_visible()

    page.goto(live_server + "/ce")
    expect(page.get_by_text("Verificadas").first).to_be_visible()
    check_accessibility(page)
    shoot(page, "03-registros")
    context.close()
