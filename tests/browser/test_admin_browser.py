"""Administration in a real browser: find a person, give them a role, link a supervisor,
deactivate them, and read the trail in the audit log — accessible and usable on a phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_accessibility, shoot, sign_in

pytestmark = pytest.mark.browser


def test_an_admin_manages_a_person_and_reads_the_trail(live_server, page, create_user):
    create_user(email="admin@example.org", roles=("admin",), legal_name="Alex Morgan")
    create_user(email="pat@example.org", legal_name="Pat Rivera")
    create_user(email="sam@example.org", legal_name="Sam Whitfield")
    sign_in(page, live_server, "admin@example.org")

    page.get_by_role("link", name="Administration").click()
    page.get_by_role("link", name="People").click()
    page.get_by_label("Name or email contains").fill("whit")
    page.get_by_role("button", name="Search").click()
    check_accessibility(page)
    shoot(page, "01-people")
    page.get_by_role("link", name="Sam Whitfield").click()
    page.get_by_role("checkbox", name="Supervisor").check()
    page.get_by_role("button", name="Save roles").click()
    expect(page.get_by_text("Roles saved (granted supervisor).")).to_be_visible()

    page.get_by_label("Add a peer they supervise").fill("nobody@example.org")
    page.get_by_role("button", name="Link peer").click()
    expect(page.get_by_text("No account uses nobody@example.org.")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Add a peer they supervise").fill("pat@example.org")
    page.get_by_role("button", name="Link peer").click()
    expect(page.get_by_role("link", name="Pat Rivera")).to_be_visible()
    shoot(page, "02-person")

    page.get_by_role("link", name="Pat Rivera").click()
    page.get_by_role("button", name="Deactivate account").click()
    expect(page.get_by_text("is deactivated and signed out")).to_be_visible()

    page.get_by_role("link", name="Audit log").click()
    page.get_by_label("Person (email; by or about them)").fill("pat@example.org")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("Alex Morgan deactivated the account of Pat Rivera")).to_be_visible()
    check_accessibility(page)
    shoot(page, "03-audit")


def test_admin_pages_do_not_scroll_sideways_on_a_small_phone(live_server, browser, create_user):
    person = create_user(email="pat@example.org", legal_name="Pat Rivera")
    create_user(email="admin@example.org", roles=("admin",))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, live_server, "admin@example.org")
    for path in ("/admin/users", f"/admin/users/{person.id}", "/admin/audit"):
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide at 320px"
    context.close()


def test_an_admin_revokes_a_certificate_from_the_person_page_with_a_reason(
    live_server, page, completed, create_user
):
    user, certificate, _ = completed
    create_user(email="admin@example.org", roles=("admin",), legal_name="Alex Morgan")
    sign_in(page, live_server, "admin@example.org")
    page.goto(f"{live_server}/admin/users/{user.id}")
    expect(page.get_by_role("heading", name="Certificates")).to_be_visible()
    page.get_by_role("link", name=certificate.display_code).click()
    page.get_by_role("textbox", name="Reason").last.fill("Quiz answers were shared")
    page.get_by_role("button", name="Revoke this certificate").click()
    confirm = page.get_by_role("heading", name=f"Revoke certificate {certificate.display_code}?")
    expect(confirm).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Yes, revoke it").click()
    expect(page.get_by_text("The certificate is revoked.")).to_be_visible()
    page.goto(f"{live_server}/admin/users/{user.id}")
    expect(page.get_by_text("revoked — Quiz answers were shared")).to_be_visible()
    page.goto(f"{live_server}/verify/{certificate.display_code}")
    expect(page.get_by_role("heading", name="Revoked")).to_be_visible()
