"""Journey 4 in a real browser: a trainer edits a lesson, the live preview shows a person-first
finding with its line, they fix it, the draft saves itself, and they publish version 2 while a
learner mid-course stays on version 1."""

import pytest
from playwright.sync_api import expect

from lms.authoring import drafts, publish
from lms.db import writing
from lms.extensions import db
from lms.models import Course, Enrollment
from tests.browser.helpers import check_accessibility, shoot, sign_in
from tests.journeys import TEMPLATE_LESSON as LESSON

pytestmark = pytest.mark.browser


@pytest.fixture
def published_course(create_user):
    trainer = create_user(
        email="tess@example.org", password="trainer pass phrase", roles=("trainer",)
    )
    learner = create_user(email="lee@example.org")
    with writing():
        draft = drafts.create_from_template("listening-skills", "Listening Skills", trainer)
        version = publish.publish(draft, trainer, warnings_acknowledged=False)
        db.session.add(
            Enrollment(user_id=learner.id, course_id=version.course_id, version_id=version.id)
        )
        db.session.commit()
    return version


def test_trainer_fixes_a_language_finding_and_publishes_version_2(
    live_server, page, published_course
):
    sign_in(page, live_server, "tess@example.org", "trainer pass phrase")
    page.goto(live_server + "/authoring/")
    check_accessibility(page)
    page.get_by_role("link", name="Edit the draft of listening-skills").click()
    page.get_by_role("link", name=LESSON).click()
    editor = page.get_by_label(f"Text of {LESSON}")
    text = editor.input_value().split("\n")
    text[8] = "He stayed clean for a year, and now he listens to others."
    editor.fill("\n".join(text))

    findings = page.locator("#findings-here-list")
    expect(findings).to_contain_text("Line 9: He stayed clean for a year")
    expect(findings).to_contain_text("'clean for a year'")
    expect(findings).to_contain_text("prefer 'in recovery'")
    expect(page.locator("#preview-body")).to_contain_text("and now he listens to others")
    check_accessibility(page)
    shoot(page, "01-finding-beside-its-line")

    text[8] = "He has been in recovery for a year, and now he listens to others."
    editor.fill("\n".join(text))
    expect(findings).to_contain_text("No findings in this file.")
    expect(page.get_by_role("status")).to_contain_text("Draft saved automatically", timeout=15_000)

    page.reload()  # a closed tab loses nothing
    expect(page.get_by_label(f"Text of {LESSON}")).to_have_value("\n".join(text))
    files = page.get_by_role("navigation", name="Files of this draft")
    files.get_by_role("link", name="course.md").click()  # the new edition gets its own label
    course_md = page.get_by_label("Text of course.md")
    course_md.fill(course_md.input_value().replace('version: "1.0"', 'version: "1.1"'))
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.get_by_role("link", name="Check and publish").click()
    expect(page.get_by_text("No errors or warnings.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Publish the next version").click()
    expect(page.get_by_text("Published version 2.")).to_be_visible()
    check_accessibility(page)
    shoot(page, "02-version-history")
    page.get_by_role("link", name="Question statistics").click()
    expect(page.get_by_text("No submitted quiz attempts yet.")).to_be_visible()
    check_accessibility(page)
    page.goto(live_server + "/authoring/new")
    check_accessibility(page)

    course = db.session.execute(db.select(Course)).scalar_one()
    assert [v.number for v in course.versions] == [1, 2]
    assert course.live_version_id == course.versions[1].id
    enrollment = db.session.execute(db.select(Enrollment)).scalar_one()
    assert enrollment.version_id == published_course.id
