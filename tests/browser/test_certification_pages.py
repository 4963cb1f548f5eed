"""The road to certification in a real browser: a new peer sees their readiness picture from
the dashboard, affirms the code of ethics and logs practice hours; their supervisor verifies
the hours in the queue; the picture updates. axe-core runs on every page."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_accessibility, shoot, sign_in
from tests.helpers import invoke_ok

pytestmark = pytest.mark.browser


def practice_row(page):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Practice hours"))


def test_practice_hours_verified_by_the_supervisor_move_the_readiness_picture(
    live_server, page, browser, create_user, runner
):
    create_user(email="new@example.org", password="first day phrase", legal_name="Jo Park")
    create_user(email="sam@example.org", password="boss pass phrase", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", "sam@example.org", "new@example.org"])

    sign_in(page, live_server, "new@example.org", "first day phrase")
    expect(page.get_by_text("IC&RC Peer Recovery (PR): 0 of 8 requirements met.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="See your whole road to certification").click()
    expect(practice_row(page)).to_contain_text("500 h")
    check_accessibility(page)
    shoot(page, "01-readiness-first-day")

    page.get_by_role("link", name="Read the code of ethics and affirm it.").click()
    check_accessibility(page)
    page.get_by_role("textbox").first.fill("jo  park")
    page.get_by_role("button").filter(has_text="ffirm").first.click()
    expect(page.get_by_text("You affirmed this version")).to_be_visible()

    page.goto(live_server + "/certification/")
    page.get_by_text("All steps").click()  # the first steps show; the rest sit behind this
    page.get_by_role("link", name="Log your practice hours").click()
    page.get_by_label("Date").fill((date.today() - timedelta(days=2)).isoformat())
    page.get_by_label("Hours").fill("6")
    page.get_by_label("Setting").select_option("community")
    page.get_by_label("IC&RC domain the work belongs to").select_option("advocacy")
    page.get_by_label("What you did").fill("Ran a recovery meeting and helped two peers plan.")
    check_accessibility(page)
    page.get_by_role("button", name="Log these hours").click()
    expect(page.get_by_text("Pending — waiting for your supervisor")).to_be_visible()
    page.goto(live_server + "/certification/")
    expect(practice_row(page)).to_contain_text("6 h")  # pending, not yet counted
    page.get_by_text("All steps").click()
    expect(page.get_by_text("6 logged hours are waiting for your supervisor")).to_be_visible()

    supervisor = browser.new_context(viewport=page.viewport_size).new_page()
    supervisor.screenshot_dir = page.screenshot_dir
    sign_in(supervisor, live_server, "sam@example.org", "boss pass phrase")
    supervisor.get_by_role("link", name="My team").click()
    expect(supervisor.get_by_role("row").filter(has_text="Jo Park").first).to_contain_text(
        "Affirmed"
    )
    check_accessibility(supervisor)
    supervisor.get_by_role("link", name="Verify 1 pending item").click()
    check_accessibility(supervisor)
    logged = re.compile(r"^Verify 6 hours of Practice on \d{4}-\d\d-\d\d for Jo Park$")
    supervisor.get_by_role("button", name=logged).click()
    expect(supervisor.get_by_text("Nothing to verify")).to_be_visible()
    shoot(supervisor, "02-supervisor-verified")
    supervisor.context.close()

    page.reload()
    expect(practice_row(page)).to_contain_text("494 h")
    expect(page.get_by_text("waiting for your supervisor")).to_have_count(0)
    check_accessibility(page)
    shoot(page, "03-readiness-after-verification")

    page.get_by_role("link", name="Practice exam").first.click()
    expect(page.get_by_text("earns no CE hours").first).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button").filter(has_text="tart").first.click()
    expect(page.get_by_text("Question 1 of")).to_be_visible()
    check_accessibility(page)
    shoot(page, "04-practice-question")
