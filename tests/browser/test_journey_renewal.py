"""Journey 3 in a real browser: a peer logs a 2-hour outside webinar with its certificate; it is
pending until their supervisor opens the evidence and verifies it; the picture updates."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_accessibility, shoot, sign_in
from tests.helpers import PDF, invoke_ok

pytestmark = pytest.mark.browser


def test_outside_ce_is_verified_by_the_supervisor_and_the_picture_updates(
    live_server, page, browser, create_user, runner, tmp_path
):
    create_user(email="pat@example.org", password="peer pass phrase", legal_name="Pat Rivera")
    create_user(email="sam@example.org", password="boss pass phrase", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", "sam@example.org", "pat@example.org"])
    certificate = tmp_path / "webinar-certificate.pdf"
    certificate.write_bytes(PDF)
    today = date.today()

    sign_in(page, live_server, "pat@example.org", "peer pass phrase")
    page.get_by_role("link", name="Account").click()
    page.get_by_label("Credential", exact=True).select_option("icrc-pr")
    page.get_by_label("Certified on").fill((today - timedelta(days=200)).isoformat())
    page.get_by_role("button", name="Add credential").click()
    page.get_by_role("link", name="Renewal").first.click()
    page.get_by_role("link", name="IC&RC Peer Recovery").click()
    expect(page.get_by_text("Ethics: 0 of 6 hours verified, 0 pending")).to_be_attached()
    check_accessibility(page)

    page.get_by_role("link", name="Log CE earned elsewhere").click()
    page.get_by_label("Title of the training").fill("Ethics in peer work webinar")
    page.get_by_label("Provider (who ran it)").fill("Harbor Training")
    page.get_by_label("Date completed").fill((today - timedelta(days=3)).isoformat())
    page.get_by_label("CE hours").fill("2")
    page.get_by_label("Ethics", exact=True).check()
    page.get_by_label("Format").select_option("webinar")
    page.get_by_label("Certificate or proof").set_input_files(str(certificate))
    check_accessibility(page)
    shoot(page, "01-log-outside-ce")
    page.get_by_role("button", name="Log these hours").click()
    expect(page.get_by_text("Pending — waiting for your supervisor")).to_be_visible()

    supervisor = browser.new_context(viewport=page.viewport_size).new_page()
    sign_in(supervisor, live_server, "sam@example.org", "boss pass phrase")
    supervisor.get_by_role("link", name="My team").click()
    supervisor.get_by_role("link", name="Verify 1 pending item").click()
    expect(supervisor.get_by_text("Pat Rivera: Ethics in peer work webinar")).to_be_visible()
    check_accessibility(supervisor)
    expect(supervisor.get_by_role("link", name="Open the evidence")).to_be_visible()
    with supervisor.expect_download() as download:
        supervisor.get_by_role("link", name="Download the evidence 1").click()
    assert download.value.path().read_bytes() == PDF
    supervisor.get_by_role("button", name="Verify 2 hours").click()
    expect(supervisor.get_by_text("Verified: the hours now count.")).to_be_visible()
    supervisor.context.close()

    page.get_by_role("link", name="Renewal").first.click()
    page.get_by_role("link", name="IC&RC Peer Recovery").click()
    expect(
        page.get_by_text("Ethics: 2 of 6 hours verified, 0 pending, 4 still needed.")
    ).to_be_attached()
    counted = page.locator("h3:text-is('Ethics') + ul li")
    expect(counted).to_contain_text("Ethics in peer work webinar")
    expect(counted).to_contain_text(": 2 hours")
    box = counted.bounding_box()
    assert box and box["x"] + box["width"] <= page.viewport_size["width"]  # fits a 390 px phone
    check_accessibility(page)
    shoot(page, "02-renewal-picture")
