"""The supervision journey in a real browser: a peer invites their supervisor by email, the
supervisor accepts, finds the peer at risk on the dashboard and opens their page."""

import email
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_accessibility, shoot, sign_in

pytestmark = pytest.mark.browser
LINK = re.compile(r"http://[^/\s]+(/team/invites/[A-Za-z0-9_-]+)")


def test_a_peer_invites_a_supervisor_who_then_sees_them_at_risk(
    live_server,
    page,
    browser,
    create_user,
    outbox,
):
    create_user(email="pat@example.org", password="peer pass phrase", legal_name="Pat Rivera")
    create_user(
        email="sam@example.org",
        password="boss pass phrase",
        roles=("supervisor",),
        legal_name="Sam Okafor",
    )
    sign_in(page, live_server, "pat@example.org", "peer pass phrase")
    page.get_by_role("link", name="Account").click()
    page.get_by_label("Credential", exact=True).select_option("icrc-pr")
    page.get_by_label("Certified on").fill((date.today() - timedelta(days=700)).isoformat())
    page.get_by_role("button", name="Add credential").click()

    page.goto(live_server + "/team/supervisors")
    page.get_by_label("Your supervisor's email address").fill("sam@example.org")
    check_accessibility(page)
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to sam@example.org")).to_be_visible()
    (message,) = outbox.glob("*.eml")
    body = email.message_from_bytes(message.read_bytes()).get_payload(decode=True).decode()
    path = LINK.search(body).group(1)

    supervisor = browser.new_context(viewport=page.viewport_size).new_page()
    supervisor.screenshot_dir = page.screenshot_dir
    sign_in(supervisor, live_server, "sam@example.org", "boss pass phrase")
    supervisor.goto(live_server + path)
    check_accessibility(supervisor)
    supervisor.get_by_role("button", name="Accept: supervise Pat Rivera").click()
    expect(supervisor.get_by_text("1 renewal needs attention")).to_be_visible()
    expect(supervisor.get_by_role("row", name=re.compile("Pat Rivera.*At risk"))).to_be_visible()
    check_accessibility(supervisor)
    shoot(supervisor, "01-team-dashboard")

    supervisor.get_by_role("link", name="Pat Rivera", exact=True).click()
    expect(supervisor.get_by_role("heading", name="Pat Rivera", level=1)).to_be_visible()
    expect(supervisor.get_by_text("Ethics: 0 of 6 hours verified, 0 pending")).to_be_attached()
    check_accessibility(supervisor)
    shoot(supervisor, "02-supervisee")

    page.goto(live_server + "/team/supervisors")
    expect(page.get_by_role("heading", name="Sam Okafor")).to_be_visible()
