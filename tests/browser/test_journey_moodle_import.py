"""Issue 23's "Done" in a real browser: a trainer imports a Moodle XML bank (a bold word, an
embedded image, an image the file does not carry, a numeric question) into a draft, sees the
image they must upload, uploads it, publishes, and a learner sees the bold word."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from lms.authoring import drafts
from lms.db import writing
from lms.extensions import db
from tests.browser.helpers import check_accessibility, shoot, sign_in

pytestmark = pytest.mark.browser

BANK = Path(__file__).parents[1] / "content" / "fixtures" / "moodle" / "hinge.xml"
SLUG = "listening-skills"


@pytest.fixture
def draft_and_learner(create_user):
    trainer = create_user(email="tess@example.org", roles=("trainer",))
    create_user(email="lee@example.org")
    with writing():
        drafts.create_from_template(SLUG, "Listening Skills", trainer)
        db.session.commit()


def test_a_trainer_imports_a_moodle_bank_and_a_learner_sees_the_bold_word(
    live_server, page, draft_and_learner, tmp_path
):
    sign_in(page, live_server, "tess@example.org")
    page.goto(f"{live_server}/authoring/drafts/{SLUG}/edit?file=quiz.md")
    quiz = page.get_by_label("Text of quiz.md")  # draw every question, the imported ones too
    quiz.fill(quiz.input_value().replace("questions_per_attempt: 6\n", ""))
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    page.get_by_label("GIFT or Moodle XML file").set_input_files(str(BANK))
    page.get_by_role("button", name="Preview the import").click()
    expect(
        page.get_by_role("heading", name=re.compile("Import preview: 3 questions"))
    ).to_be_visible()
    expect(page.locator("strong", has_text="never").first).to_be_visible()
    expect(page.get_by_text("4 ± 0.5")).to_be_visible()
    expect(page.get_by_text("gift-card.png, which the file does not carry").first).to_be_visible()
    check_accessibility(page)
    shoot(page, "01-import-preview")
    page.get_by_role("button", name="Add these 3 questions to the draft").click()
    expect(page.get_by_text("Added 3 questions to quiz.md.")).to_be_visible()

    image = tmp_path / "gift-card.png"
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(picture, "PNG")
    image.write_bytes(picture.getvalue())
    page.get_by_label("media/gift-card.png").set_input_files(str(image))
    check_accessibility(page)
    page.get_by_role("button", name="Upload media/gift-card.png").click()
    expect(page.get_by_text("Uploaded media/gift-card.png.")).to_be_visible()
    shown = page.locator("#preview-body img[alt='A gift card']")
    expect(shown).to_be_visible()
    assert shown.evaluate("img => img.naturalWidth") == 40
    shoot(page, "02-image-uploaded")

    page.get_by_role("link", name="Check and publish").click()
    acknowledge = page.get_by_label("I have read the warnings and want to publish anyway.")
    if acknowledge.count():
        acknowledge.check()
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Published version 1.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, "lee@example.org")
    page.goto(f"{live_server}/courses/{SLUG}")
    page.get_by_role("button", name="Enroll and start").click()
    page.get_by_role("button", name="Continue to lesson 2").click()
    page.get_by_role("button", name="Continue to the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    first = page.url
    for number in range(1, 16):  # the template's 12 questions and the 3 imported, shuffled
        page.goto(re.sub(r"/questions/\d+$", f"/questions/{number}", first))
        if page.get_by_text("Gift from a peer").count():
            break
    else:
        pytest.fail("The imported question was not in the learner's attempt.")
    expect(page.locator("strong", has_text="never")).to_be_visible()
    expect(page.get_by_role("img", name="A gift card")).to_be_visible()
    check_accessibility(page)
    shoot(page, "03-learner-sees-the-bold-word")
