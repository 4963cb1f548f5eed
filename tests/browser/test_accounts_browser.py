"""Journey start in a real browser: sign up, sign out, sign in again."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import shoot
from tests.journeys import signup_link

pytestmark = pytest.mark.browser


def test_sign_up_sign_out_and_sign_in_in_a_real_browser(live_server, page, outbox):
    page.goto(live_server + "/")
    shoot(page, "01-landing")
    page.get_by_role("link", name="Get started").click()
    page.get_by_label("Full legal name").fill("Robin Ellis")
    page.get_by_label("Email").fill("robin@example.org")
    page.get_by_label("Password").fill("quiet morning walk")
    shoot(page, "02-signup")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.goto(live_server + signup_link(outbox, "robin@example.org"))
    shoot(page, "02b-signup-finish")
    page.get_by_role("button", name="Finish creating my account").click()
    expect(page.get_by_role("heading", name="Hello, Robin Ellis")).to_be_visible()
    shoot(page, "03-dashboard")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()

    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email").fill("robin@example.org")
    page.get_by_label("Password").fill("not the right one")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That email and password do not match")).to_be_visible()
    shoot(page, "04-signin-error")
    page.get_by_label("Password").fill("quiet morning walk")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Hello, Robin Ellis")).to_be_visible()


def test_pages_do_not_scroll_sideways_on_a_small_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ("/", "/signin", "/signup", "/reset"):
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide at 320px"
    context.close()
