"""Journey 2 in a real browser: a trainee signs up, adds the credential they hold, enrolls,
reads with a progress bar, fails the quiz once and sees why, passes, and holds a certificate
with its code and QR code at once; the renewal picture then shows the hours against each
requirement and the deadline. Accessibility is checked with axe-core on every page visited."""

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from lms.ce.cycles import cycle_for
from lms.renewal.rulesets import rule_set_named
from tests.browser.helpers import check_accessibility, shoot, sign_in, sign_up
from tests.helpers import make_question

pytestmark = pytest.mark.browser
CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


@pytest.fixture
def ethics_course(create_course):
    questions = [make_question(f"q{n}") for n in range(1, 4)]
    questions[0]["title"] = "A participant offers you a gift card"
    questions[0]["options"][0]["text"] = "Thank them and explain you cannot accept it"
    questions[0]["options"][1]["text"] = "Accept it so they do not feel rejected"
    questions[0]["options"][1]["feedback"] = "Accepting money changes the relationship."
    return create_course(
        slug="ethics-and-boundaries",
        title="Ethics and Boundaries",
        lessons=2,
        ce_minutes=90,
        questions=questions,
    )


def answer_quiz(page, correct: bool, total: int) -> None:
    for _ in range(total):
        label = "Option A" if correct else "Option B"
        option = page.get_by_label(label, exact=False)
        if option.count() == 0:  # the renamed first question
            option = page.get_by_label(
                "Thank them and explain" if correct else "Accept it so they do not"
            )
        option.check()
        page.get_by_role("button", name="Save and").click()


def add_credential(page, label: str, number: str, certified_on: str) -> None:
    page.get_by_role("link", name="Account").click()
    page.get_by_label("Credential", exact=True).select_option(label=label)
    page.get_by_label("Credential number").fill(number)
    page.get_by_label("Certified on").fill(certified_on)
    page.get_by_role("button", name="Add credential").click()
    expect(page.get_by_text(f"{label} — number {number}")).to_be_visible()


def lessons_bar(page):
    return page.get_by_role("progressbar", name="Lessons read in this course")


def qr_code_in(pdf: bytes, workdir: Path) -> str:
    """What a phone camera reads from the certificate's QR code."""
    (workdir / "certificate.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "certificate.pdf", "page"], cwd=workdir, check=True
    )
    image = next(workdir.glob("page*.png"))
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


def test_trainee_fails_once_passes_and_gets_a_certificate(
    app, live_server, page, ethics_course, tmp_path, outbox
):
    sign_up(page, live_server, outbox, "Tanya Rivera", "tanya@example.org", "a quiet long phrase")
    add_credential(page, "IC&RC Peer Recovery (PR)", "PR-2041", "2025-03-01")
    check_accessibility(page)
    shoot(page, "00-credential")
    page.get_by_role("link", name="Courses").first.click()
    check_accessibility(page)
    shoot(page, "01-catalog")
    page.get_by_role("link", name="Ethics and Boundaries").click()
    check_accessibility(page)
    page.get_by_role("button", name="Enroll and start").click()

    expect(page.get_by_text("Lesson 1 of 2")).to_be_visible()
    expect(lessons_bar(page)).to_have_attribute("value", "0")
    expect(lessons_bar(page)).to_have_attribute("max", "2")
    check_accessibility(page)
    shoot(page, "02-lesson")
    page.get_by_role("button", name="Continue to lesson 2").click()
    expect(lessons_bar(page)).to_have_attribute("value", "1")
    page.get_by_role("button", name="Continue to the quiz").click()
    check_accessibility(page)
    page.get_by_role("button", name="Start the quiz").click()
    check_accessibility(page)
    shoot(page, "03-question")
    answer_quiz(page, correct=False, total=3)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("You scored 0% — the pass mark is 75%")).to_be_visible()
    expect(page.get_by_text("Accepting money changes the relationship.")).to_be_visible()
    check_accessibility(page)
    shoot(page, "04-failed-with-feedback")

    page.get_by_role("button", name="Try again").click()
    answer_quiz(page, correct=True, total=3)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("You passed with 100%")).to_be_visible()
    expect(page.get_by_text("your certificate is ready")).to_be_visible()
    check_accessibility(page)
    shoot(page, "05-passed")
    code = page.locator("strong").filter(has_text=CODE).inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    assert download.value.suggested_filename == f"peerpath-certificate-{code}.pdf"
    pdf = download.value.path().read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for printed in (
        "Tanya Rivera",
        "IC&RC Peer Recovery (PR) no. PR-2041",
        "1.5 contact hours",
        code,
    ):
        assert printed in text, printed
    verify_url = f"{app.config['PUBLIC_URL'].rstrip('/')}/verify/{code}"
    assert qr_code_in(pdf, tmp_path) == verify_url

    # The dashboard itself shows the picture: hours against each requirement, and the deadline.
    page.get_by_role("link", name="My learning").click()
    _start, deadline = cycle_for(rule_set_named("icrc-pr"), date(2025, 3, 1), None, date.today())
    dashboard_chart = page.get_by_role("img", name="Hours toward IC&RC Peer Recovery (PR) renewal")
    expect(dashboard_chart).to_be_visible()
    expect(page.get_by_text("Ethics: 1.5 of 6 hours verified, 0 pending")).to_be_attached()
    expect(page.get_by_text(f"this cycle ends on {deadline.isoformat()}")).to_be_visible()
    expect(page.get_by_text("Your road to certification")).to_have_count(0)
    check_accessibility(page)
    shoot(page, "06-dashboard")
    page.get_by_role("link", name="What IC&RC Peer Recovery (PR) still needs").click()
    chart = page.get_by_role("img", name="Hours toward IC&RC Peer Recovery (PR) renewal")
    expect(chart).to_be_visible()
    expect(page.get_by_text("Ethics: 1.5 of 6 hours verified, 0 pending")).to_be_attached()
    expect(page.get_by_text(f"this cycle ends on {deadline.isoformat()}")).to_be_visible()
    check_accessibility(page)
    shoot(page, "07-renewal-picture")


def test_a_quiz_can_be_taken_with_the_keyboard_alone(
    live_server, browser, create_user, create_course
):
    create_course(slug="keys", title="Keyboard Course", lessons=1, questions=[make_question("q1")])
    create_user(email="kim@example.org", password="typing only please", legal_name="Kim Lee")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server, "kim@example.org", "typing only please")
    page.goto(live_server + "/courses/keys")
    page.get_by_role("button", name="Enroll and start").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Continue to the quiz").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Start the quiz").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/1")
    page.keyboard.press("Tab")  # from the page start, reach the first choice by Tab
    for _ in range(40):
        if page.evaluate("document.activeElement.name") == "option":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")  # select the focused radio button (Option A, the right one)
    for _ in range(10):
        page.keyboard.press("Tab")
        if "Save and" in (page.evaluate("document.activeElement.textContent") or ""):
            break
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Submit my answers").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("You passed with 100%")).to_be_visible()
    context.close()
