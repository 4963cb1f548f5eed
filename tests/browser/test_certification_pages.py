"""The certification-path pages in a real browser: affirm the code of ethics, log practice
hours, take a practice exam; axe-core on each page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, shoot

pytestmark = pytest.mark.browser


def test_a_new_peer_affirms_the_code_logs_practice_and_starts_a_practice_exam(
    live_server, page, create_user
):
    create_user(email="new@example.org", password="first day phrase", legal_name="Jo Park")
    page.goto(live_server + "/signin")
    page.get_by_label("Email").fill("new@example.org")
    page.get_by_label("Password").fill("first day phrase")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Read and affirm the code of ethics").click()
    check_accessibility(page)
    page.get_by_role("textbox").first.fill("jo  park")
    page.get_by_role("button").filter(has_text="ffirm").first.click()
    expect(page.get_by_text("You affirmed this version")).to_be_visible()
    shoot(page, "01-ethics-affirmed")

    page.goto(live_server + "/dashboard")
    page.get_by_role("link", name="Log supervised practice and supervision hours").click()
    check_accessibility(page)
    page.goto(live_server + "/certification/log/supervision")
    check_accessibility(page)

    page.goto(live_server + "/dashboard")
    page.get_by_role("link", name="Take a practice exam").click()
    expect(page.get_by_text("earns no CE hours").first).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button").filter(has_text="tart").first.click()
    expect(page.get_by_text("Question 1 of")).to_be_visible()
    check_accessibility(page)
    shoot(page, "02-practice-question")
