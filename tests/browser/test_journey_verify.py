"""Journey 5 in a real browser: a board employee, not signed in, types the code from a
certificate at /verify and sees that it is valid, whose it is, the course, hours, topics, date
and provider — and nothing more personal. A mistyped code and a revoked certificate each get a
clear answer. Accessibility is checked with axe-core on every page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from lms.db import writing
from lms.extensions import db
from lms.models import Certificate, User
from lms.provider import add_approval
from tests.browser.helpers import check_accessibility, shoot
from tests.helpers import AuthActions, BrowserLikeClient
from tests.journeys import answer_all, read_all_lessons, start_attempt

pytestmark = pytest.mark.browser


def complete_course(client, create_course, slug: str, title: str, **course) -> Certificate:
    """Through the real forms: enroll, read, pass the quiz; returns the certificate issued."""
    version = create_course(slug=slug, title=title, lessons=1, **course)
    client.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll")
    read_all_lessons(client, slug, 1)
    attempt_id = start_attempt(client, slug)
    answer_all(client, attempt_id, right=True, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    newest = db.select(Certificate).order_by(Certificate.id.desc()).limit(1)
    return db.session.execute(newest).scalar_one()


@pytest.fixture
def certificates(app, client, create_user, create_course):
    """Maria holds an IC&RC credential and two certificates; an administrator revoked one."""
    admin = create_user(email="admin@example.org", roles=("admin",))
    with writing():
        add_approval(
            {
                "approving_body": "NAADAC",
                "approval_number": "AP-77812",
                "valid_from": date(2020, 1, 1),
                "valid_to": None,
                "covers": [],
            },
            actor=admin,
        )
        db.session.commit()
    maria = create_user(email="maria.santos@example.org", legal_name="Maria Elena Santos")
    AuthActions(client).signin(maria.email)
    client.submit(
        "/account",
        {"rule_set": "icrc-pr", "number": "PR-2041", "certified_on": "2025-03-01"},
        action="/account/credentials",
    )
    valid = complete_course(
        client,
        create_course,
        "ethics-and-boundaries",
        "Ethics and Boundaries",
        ce_minutes=90,
        topics=("ethics", "confidentiality"),
    )
    revoked = complete_course(client, create_course, "self-care", "Caring for Yourself")
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(roles=("admin",)).email)
    page = f"/admin/certificates/{revoked.display_code}"
    admin.submit(page, {"reason": "Issued in error", "confirm": "yes"}, action=page + "/revoke")
    assert db.session.get(User, maria.id).credentials[0].number == "PR-2041"
    return valid, revoked


def check_code(page, base: str, typed: str) -> None:
    page.goto(base + "/verify")
    page.get_by_label("Certificate code").fill(typed)
    page.get_by_role("button", name="Check the code").click()


def test_a_board_employee_verifies_a_code_and_sees_only_what_the_certificate_says(
    live_server, page, certificates
):
    valid, revoked = certificates
    fields = valid.fields
    page.goto(live_server + "/verify")
    expect(page.get_by_role("heading", name="Verify a certificate")).to_be_visible()
    check_accessibility(page)
    shoot(page, "01-verify-form")

    # Typed from paper: lower case, spaces instead of dashes.
    check_code(page, live_server, valid.display_code.lower().replace("-", " "))
    expect(page.get_by_role("heading", name="Valid certificate")).to_be_visible()
    facts = page.locator("dl.facts-list")
    for shown in (
        valid.display_code,
        "Maria Elena Santos",
        "Ethics and Boundaries",
        "1.5 contact hours",
        "Ethics, Confidentiality and privacy",
        fields["completion_date"],
        "Peerpath Training Center",
        "NAADAC, no. AP-77812",
    ):
        expect(facts).to_contain_text(shown)
    seen = page.content() + page.locator("body").inner_text()  # markup and what is read
    for private in ("maria.santos@example.org", "PR-2041", "IC&RC", "Caring for Yourself"):
        assert private not in seen, f"the verification page shows {private!r}"
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    check_accessibility(page)
    shoot(page, "02-valid")

    mistyped = valid.code[:-1] + ("X" if valid.code[-1] != "X" else "Y")
    check_code(page, live_server, mistyped)
    expect(
        page.get_by_role("heading", name=f"No certificate has the code {mistyped}")
    ).to_be_visible()
    expect(page.get_by_text("Check the code against the certificate")).to_be_visible()
    assert "Maria Elena Santos" not in page.content()
    check_accessibility(page)
    shoot(page, "03-mistyped")
    page.get_by_role("link", name="try again").click()
    expect(page.get_by_label("Certificate code")).to_be_visible()

    check_code(page, live_server, revoked.display_code)
    expect(page.get_by_role("heading", name="Revoked")).to_be_visible()
    expect(page.get_by_text("is no longer valid")).to_be_visible()
    expect(page.get_by_text("Valid certificate")).to_have_count(0)
    assert "Issued in error" not in page.content()  # the reason is for the record, not the public
    check_accessibility(page)
    shoot(page, "04-revoked")
