"""Plain words and small screens in a real browser (issue 21): the audit log in sentences,
question statistics that fit a screen, confirm steps, 44 px choices, long codes that wrap, a
one-row phone header, a favicon, time zones by region, and an editor that numbers its lines."""

import pytest
from playwright.sync_api import expect

from bench.seed import Scale, seed
from lms.extensions import db
from lms.models import CourseVersion
from tests.browser.helpers import ARTIFACTS, check_accessibility, sign_in
from tests.helpers import PDF, invoke_ok
from tests.journeys import log_outside_ce

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Every visible radio button and checkbox, with the box its input and labels cover together.
TARGETS = """() => Array.from(document.querySelectorAll('input[type=checkbox],input[type=radio]'))
  .filter(i => i.offsetParent !== null).map(i => {
    const boxes = [i, ...i.labels].map(e => e.getBoundingClientRect());
    const top = Math.min(...boxes.map(b => b.top)), bottom = Math.max(...boxes.map(b => b.bottom));
    const left = Math.min(...boxes.map(b => b.left)), right = Math.max(...boxes.map(b => b.right));
    return {name: i.name + '=' + i.value, width: right - left, height: bottom - top};
  })"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def screenshot(page, test: str, name: str) -> None:
    folder = ARTIFACTS / "screenshots" / f"{test}-{page.viewport_size['width']}px"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def test_the_audit_log_reads_as_sentences_on_a_phone(live_server, phone, create_user):
    create_user(email="admin@example.org", roles=("admin",), legal_name="Alex Morgan")
    create_user(email="pat@example.org", legal_name="Pat Rivera")
    sign_in(phone, live_server, "admin@example.org")
    phone.goto(live_server + "/admin/users?q=pat")
    phone.get_by_role("link", name="Pat Rivera").click()
    phone.get_by_role("checkbox", name="Supervisor").check()
    phone.get_by_role("button", name="Save roles").click()
    phone.goto(live_server + "/admin/audit")
    expect(phone.get_by_text("Alex Morgan made Pat Rivera a supervisor —")).to_be_visible()
    expect(phone.get_by_text("role.granted")).to_have_count(0)
    check_accessibility(phone)
    no_sideways_scroll(phone)
    screenshot(phone, "audit_sentences", "01-audit-log")


def test_question_statistics_of_the_demo_data_fit_a_screen_and_open_per_question(
    live_server, browser, create_user
):
    seed(Scale(trainees=12, supervisors=1, attempts=240, ce_records=12))
    versions = db.session.execute(db.select(CourseVersion)).scalars().all()
    biggest = max(versions, key=lambda v: v.question_count)
    create_user(email="boss@example.org", roles=("admin",))
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        sign_in(page, live_server, "boss@example.org")
        page.goto(f"{live_server}/authoring/courses/{biggest.course.slug}/statistics")
        summary = page.locator("table.question-summary").first
        expect(summary).to_be_visible()
        rows = summary.locator(":scope > tbody > tr")
        assert rows.count() == biggest.question_count
        if viewport is DESKTOP:
            height = summary.bounding_box()["height"]
            assert height < 3000, f"the summary of {biggest.question_count} questions is {height}px"
        flagged = summary.locator("tr.flagged")
        for n in range(flagged.count()):
            expect(flagged.nth(n).locator(".tag")).not_to_have_count(0)
        first = rows.first.locator("details")
        expect(first.locator("table")).to_be_hidden()
        first.locator("summary").click()
        expect(first.locator("table")).to_be_visible()
        check_accessibility(page)
        screenshot(page, "question_statistics", "01-summary")
        context.close()


def test_ending_a_supervision_asks_first_on_a_phone(live_server, phone, create_user, runner):
    create_user(email="admin@example.org", roles=("admin",))
    peer = create_user(email="pat@example.org", legal_name="Pat Rivera")
    create_user(email="sam@example.org", legal_name="Sam Lee", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", "sam@example.org", "pat@example.org"])
    sign_in(phone, live_server, "admin@example.org")
    phone.goto(f"{live_server}/admin/users/{peer.id}")
    phone.get_by_role("button", name="End link").click()
    expect(phone.get_by_role("heading", name="supervision of Pat Rivera?")).to_be_visible()
    check_accessibility(phone)
    no_sideways_scroll(phone)
    screenshot(phone, "confirm_end_link", "01-confirm")
    phone.get_by_role("button", name="Yes, end the link").click()
    expect(phone.get_by_text("The link is ended.")).to_be_visible()


def test_choices_are_44px_targets_and_pages_with_long_codes_do_not_scroll_sideways(
    live_server, phone, client, completed, create_user
):
    user, certificate, _ = completed
    log_outside_ce(client, file=(PDF, "certificate-of-attendance-" + "x" * 90 + ".pdf"))
    create_user(email="admin@example.org", roles=("admin",))
    sign_in(phone, live_server, user.email)
    for path in ("/ce", "/ce/outside/new", "/certificates", f"/verify/{certificate.code}"):
        phone.goto(live_server + path)
        no_sideways_scroll(phone)
        small = [t for t in phone.evaluate(TARGETS) if t["height"] < 44 or t["width"] < 44]
        assert not small, f"{path}: {small}"
    screenshot(phone, "long_codes", "01-verify")
    phone.goto(live_server + "/ce")
    screenshot(phone, "long_codes", "02-evidence-names")

    phone.get_by_role("button", name="Sign out").click()
    sign_in(phone, live_server, "admin@example.org")
    for path in ("/admin/credentials", f"/admin/users/{user.id}"):
        phone.goto(live_server + path)
        targets = phone.evaluate(TARGETS)
        assert targets and all(t["height"] >= 44 and t["width"] >= 44 for t in targets), targets
        no_sideways_scroll(phone)
    check_accessibility(phone)
    screenshot(phone, "choices", "01-person-roles")
    phone.goto(live_server + "/admin/credentials")
    check_accessibility(phone)
    screenshot(phone, "choices", "02-credentials-offered")


def test_the_phone_header_is_one_row_and_the_site_has_a_favicon(live_server, phone, completed):
    user, _, _ = completed
    sign_in(phone, live_server, user.email)
    header = phone.locator(".site-header").bounding_box()
    brand = phone.locator(".brand").bounding_box()
    last = phone.locator(".nav-links > li").last.bounding_box()
    assert header["height"] < 70, header
    assert abs(last["y"] - brand["y"]) < 20  # the links sit on the brand's row
    no_sideways_scroll(phone)
    icon = phone.locator("link[rel=icon]").get_attribute("href")
    response = phone.request.get(live_server + icon)
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    screenshot(phone, "phone_header", "01-dashboard")


def test_time_zones_come_by_region_with_the_us_first(live_server, phone, completed):
    user, _, _ = completed
    sign_in(phone, live_server, user.email)
    phone.goto(live_server + "/account")
    groups = phone.locator("#time_zone optgroup")
    assert groups.first.get_attribute("label") == "Common in the United States"
    assert groups.first.locator("option").first.inner_text() == "Eastern (New York)"
    assert "Europe" in [groups.nth(n).get_attribute("label") for n in range(groups.count())]
    phone.get_by_label("Time zone").select_option("Europe/Lisbon")
    phone.get_by_role("button", name="Save profile").click()
    phone.goto(live_server + "/account")
    expect(phone.get_by_label("Time zone")).to_have_value("Europe/Lisbon")
    check_accessibility(phone)


def test_the_editor_numbers_lines_and_a_finding_goes_to_its_line(live_server, phone, create_user):
    create_user(email="tess@example.org", roles=("trainer",))
    sign_in(phone, live_server, "tess@example.org")
    phone.goto(live_server + "/authoring/new")
    phone.get_by_label("Course title").fill("Listening Skills")
    phone.get_by_label("Short name for the address (slug)").fill("listening-skills")
    phone.get_by_role("button", name="Create the draft").click()
    phone.get_by_label("New lesson file name").fill("03-next-steps")
    phone.get_by_role("button", name="Add the lesson").click()

    findings = phone.locator("#findings-here-list")
    expect(findings).to_contain_text("is the template's placeholder")
    box = phone.locator("textarea[name=text]")
    layout = box.evaluate(
        """t => ({lineHeight: parseFloat(getComputedStyle(t).lineHeight),
                  scrolls: t.scrollHeight > t.clientHeight + 1})"""
    )
    first, fourth = (phone.locator(f"#line-{n}").bounding_box() for n in (1, 4))
    assert not layout["scrolls"]  # the text area holds every line, beside its number
    assert abs((fourth["y"] - first["y"]) - 3 * layout["lineHeight"]) < 1
    findings.get_by_role("link", name="Line 4").click()
    selected = box.evaluate("t => t.value.slice(t.selectionStart, t.selectionEnd)")
    assert selected.startswith("Write the lesson here.")
    check_accessibility(phone)
    no_sideways_scroll(phone)
    screenshot(phone, "editor_lines", "01-editor")
