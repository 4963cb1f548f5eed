"""Issue 21's fixes in a real browser at 390 px and 1280 px: Enter on a practice-exam question
saves and goes on, a question can be skipped and the count of unanswered ones is true; the
renewal chart prints each bar's figures and its table fits a phone; a refused rejection shows
its error beside the record rejected; the admin backup page. axe runs on every page."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_accessibility, shoot, sign_in
from tests.helpers import invoke_ok
from tests.journeys import log_outside_ce

pytestmark = pytest.mark.browser


def test_enter_saves_and_goes_on_and_a_skipped_question_counts_as_unanswered(
    live_server, page, create_user
):
    create_user(email="jo@example.org", password="first day phrase")
    sign_in(page, live_server, "jo@example.org", "first day phrase")
    page.goto(live_server + "/certification/exam")
    page.get_by_label("Untimed").check()
    page.get_by_role("button", name="Start").first.click()
    expect(page.get_by_text("Question 1 of")).to_be_visible()
    # The bank mixes single-answer (radio) and choose-all (checkbox) questions, drawn at random.
    page.locator("input[name=option]").first.check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Question 2 of")).to_be_visible()
    check_accessibility(page)
    shoot(page, "01-question-2")
    page.locator("input[name=option]").first.check()
    page.locator("input[name=option]").first.press("Enter")  # the form's first button: forward
    expect(page.get_by_text("Question 3 of")).to_be_visible()
    page.get_by_role("button", name="Skip for now").click()
    expect(page.get_by_text("Question 4 of")).to_be_visible()
    page.goto(page.url.rsplit("/questions/", 1)[0])
    total = page.locator("main ol li").count()
    expect(page.locator("#unanswered")).to_contain_text(
        f"{total - 2} of {total} questions are unanswered"
    )
    expect(page.get_by_role("button", name=f"Submit with {total - 2} unanswered")).to_be_visible()
    check_accessibility(page)
    shoot(page, "02-check-answers")


def test_the_renewal_chart_prints_its_figures_and_the_table_fits_a_phone(
    live_server, page, create_user
):
    create_user(email="pat@example.org", password="peer pass phrase")
    sign_in(page, live_server, "pat@example.org", "peer pass phrase")
    page.get_by_role("link", name="Account").click()
    page.get_by_label("Credential", exact=True).select_option("icrc-pr")
    page.get_by_label("Certified on").fill((date.today() - timedelta(days=200)).isoformat())
    page.get_by_role("button", name="Add credential").click()
    page.goto(live_server + "/dashboard")
    page.get_by_role("link", name="IC&RC Peer Recovery").first.click()
    expect(page.locator("svg .chart-figures").first).to_have_text("0 of 20 h")
    table = page.locator("table.reflow")
    width = page.viewport_size["width"]
    assert table.evaluate("t => t.scrollWidth") <= width
    wide = page.evaluate(
        "w => [...document.querySelectorAll('table.reflow *, figure.chart')]"
        ".filter(e => e.getBoundingClientRect().right > w)"
        ".map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))",
        width,
    )
    assert not wide, wide
    check_accessibility(page)
    shoot(page, "03-renewal-credential")


def test_a_rejection_without_a_reason_is_refused_beside_that_record(
    live_server, page, client, create_user, runner
):
    from tests.helpers import AuthActions

    create_user(email="pat@example.org", legal_name="Pat Rivera")
    create_user(email="sam@example.org", password="boss pass phrase", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", "sam@example.org", "pat@example.org"])
    AuthActions(client).signin("pat@example.org")
    log_outside_ce(client, {"title": "First webinar"})
    log_outside_ce(client, {"title": "Second webinar"})
    sign_in(page, live_server, "sam@example.org", "boss pass phrase")
    page.goto(live_server + "/supervision/queue")
    page.get_by_role("button", name="Reject Second webinar").click()
    second = page.locator("li.card").filter(has_text="Second webinar")
    first = page.locator("li.card").filter(has_text="First webinar")
    expect(second.locator(".error")).to_contain_text("Say why")
    expect(first.locator(".error")).to_have_count(0)
    expect(second.locator("textarea")).to_be_in_viewport()
    check_accessibility(page)
    shoot(page, "04-queue-error-beside-record")


def test_an_admin_lands_on_the_overview_and_makes_and_downloads_a_backup(
    live_server, page, create_user
):
    create_user(email="alex@example.org", password="admin pass phrase", roles=("admin",))
    sign_in(page, live_server, "alex@example.org", "admin pass phrase")
    expect(page.get_by_role("heading", name="What needs you")).to_be_visible()
    check_accessibility(page)
    shoot(page, "05-admin-overview")
    page.get_by_role("link", name="Backups").click()
    page.get_by_role("button", name="Make a backup now").click()
    expect(page.get_by_text("Backup made:")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").first.click()
    assert download.value.path().read_bytes()[:2] == b"PK"
    check_accessibility(page)
    shoot(page, "06-admin-backups")


def test_an_account_form_error_sits_in_its_own_section_in_view(live_server, page, create_user):
    create_user(email="pat@example.org", password="peer pass phrase")
    sign_in(page, live_server, "pat@example.org", "peer pass phrase")
    page.goto(live_server + "/account")
    section = page.locator("section").filter(has=page.get_by_role("heading", name="Password"))
    section.get_by_label("Current password").fill("not my password at all")
    section.get_by_label("New password").fill("a brand new pass phrase")
    section.get_by_role("button", name="Change password").click()
    expect(section.locator(".error-summary")).to_be_in_viewport()
    expect(section.locator("#password-current-error")).to_be_visible()
    expect(page.locator(".error-summary")).to_have_count(1)
    check_accessibility(page)
    shoot(page, "07-account-error-by-its-field")


def test_renewal_is_never_a_dead_end_and_an_untracked_team_says_so(
    live_server, page, create_user, runner
):
    create_user(email="pat@example.org", legal_name="Pat Rivera")
    create_user(email="sam@example.org", password="boss pass phrase", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", "sam@example.org", "pat@example.org"])
    sign_in(page, live_server, "sam@example.org", "boss pass phrase")
    expect(page.get_by_role("heading", name="My team")).to_be_visible()  # the landing
    expect(page.get_by_text("Nobody on your team tracks a credential yet")).to_be_visible()
    expect(page.get_by_text("No renewal is at risk")).to_have_count(0)
    check_accessibility(page)
    shoot(page, "08-team-nobody-tracks")
    page.goto(live_server + "/renewal")
    expect(page.get_by_text("You are not tracking any credential yet")).to_be_visible()
    page.get_by_role("link", name="Add the credential you hold").click()
    expect(page.get_by_role("heading", name="Credentials you hold")).to_be_visible()
    check_accessibility(page)
