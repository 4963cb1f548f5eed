"""Journey 2 in a real browser: a trainee enrols, reads with a progress bar, fails the quiz
once and sees why, passes, and holds a certificate at once. Accessibility is checked with
axe-core on every page the journey visits."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, shoot
from tests.conftest import make_question

pytestmark = pytest.mark.browser


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


def sign_in(page, base, email, password):
    page.goto(base + "/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


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


def test_trainee_fails_once_passes_and_gets_a_certificate(
    live_server, page, create_user, ethics_course
):
    create_user(
        email="tanya@example.org", password="a quiet long phrase", legal_name="Tanya Rivera"
    )
    sign_in(page, live_server, "tanya@example.org", "a quiet long phrase")
    page.get_by_role("link", name="Courses").first.click()
    check_accessibility(page)
    shoot(page, "01-catalog")
    page.get_by_role("link", name="Ethics and Boundaries").click()
    check_accessibility(page)
    page.get_by_role("button", name="Enrol and start").click()

    expect(page.get_by_text("Lesson 1 of 2")).to_be_visible()
    check_accessibility(page)
    shoot(page, "02-lesson")
    page.get_by_role("button", name="Continue to lesson 2").click()
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
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    assert download.value.suggested_filename.startswith("peerpath-certificate-")

    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_text("1.5 hours").first).to_be_visible()
    check_accessibility(page)
    shoot(page, "06-dashboard")


def test_a_quiz_can_be_taken_with_the_keyboard_alone(
    live_server, browser, create_user, create_course
):
    create_course(slug="keys", title="Keyboard Course", lessons=1, questions=[make_question("q1")])
    create_user(email="kim@example.org", password="typing only please", legal_name="Kim Lee")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server, "kim@example.org", "typing only please")
    page.goto(live_server + "/courses/keys")
    page.get_by_role("button", name="Enrol and start").focus()
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
