"""Provider approvals as data: certificates print those in force, Oregon counts only approved
hours (issue 16)."""

from datetime import date
from pathlib import Path

from lms.ce.engine import RecordInput, renewal_status
from lms.ce.rulefile import read_rule_file
from lms.extensions import db
from lms.models import Certificate, UserCredential
from lms.renewal.rulesets import rule_set_named
from tests.helpers import AuthActions, BrowserLikeClient, pdf_text
from tests.journeys import answer_all, read_all_lessons, start_attempt

APPROVAL = {"approving_body": "MHACBO", "approval_number": "OR-77", "valid_from": "2020-01-01"}


def _admin(app, create_user):
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(roles=("admin",)).email)
    return admin


def test_provider_page_and_dashboard_warn_while_no_approval_is_in_force(app, create_user):
    admin = _admin(app, create_user)
    warning = "No board approval is in force today."
    assert warning in admin.get("/admin/provider").get_data(as_text=True)
    assert warning in admin.get("/dashboard").get_data(as_text=True)
    admin.submit("/admin/provider/approvals", APPROVAL)
    assert warning not in admin.get("/admin/provider").get_data(as_text=True)
    assert "OR-77" in admin.get("/admin/provider/approvals").get_data(as_text=True)


def test_a_certificate_without_an_approval_says_it_is_not_board_approved(completed):
    _user, certificate, _ = completed
    assert certificate.fields["approvals"] == []
    assert "Not board-approved" in " ".join(pdf_text(certificate.pdf).split())


def test_a_certificate_prints_the_approval_in_force_on_its_completion_date(
    app, client, create_user, create_course
):
    admin = _admin(app, create_user)
    admin.submit("/admin/provider/approvals", APPROVAL)
    expired = {**APPROVAL, "approval_number": "OLD-1", "valid_to": "2021-01-01"}
    admin.submit("/admin/provider/approvals", expired)
    trainee = BrowserLikeClient(app.test_client())
    AuthActions(trainee).signin(create_user().email)
    version = create_course(lessons=1)
    trainee.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    read_all_lessons(trainee, "ethics-basics", 1)
    attempt = start_attempt(trainee, "ethics-basics")
    answer_all(trainee, attempt, right=True, version=version)
    trainee.submit(f"/attempts/{attempt}", {}, action=f"/attempts/{attempt}/submit")
    certificate = db.session.execute(db.select(Certificate)).scalar_one()
    text = " ".join(pdf_text(certificate.pdf).split())
    assert "MHACBO, approval no. OR-77" in text
    assert "OLD-1" not in text and "Not board-approved" not in text


def test_oregon_counts_only_approved_hours_and_lists_the_rest_as_not_accepted(app):
    oregon = rule_set_named("or-crm")
    assert oregon.approved_hours_only
    day = date(2026, 3, 1)
    records = [
        RecordInput(day, 600, ("ethics",), "verified", "live", approved_for=("or-crm",)),
        RecordInput(day, 300, ("ethics",), "verified", "live", approved_for=(), title="Blog"),
    ]
    status = renewal_status(
        oregon, certified_on=date(2026, 1, 1), expires_on=None, records=records, today=day
    )
    assert status.total.verified == 600
    assert [r.title for r in status.not_accepted] == ["Blog"]
    washington = rule_set_named("wa-cpss")
    assert not washington.approved_hours_only


def test_the_renewal_page_says_unapproved_hours_are_not_accepted_by_oregon(client, completed):
    client.submit(
        "/account",
        {"rule_set": "or-crm", "name": "", "number": "N-1", "certified_on": "2025-06-01"},
        action="/account/credentials",
    )
    credential = db.session.execute(
        db.select(UserCredential).where(UserCredential.rule_set == "or-crm")
    ).scalar_one()
    page = client.get(f"/renewal/{credential.id}").get_data(as_text=True)
    assert "not accepted by this board" in page and "Ethics and Boundaries" in page


def test_a_bad_approved_hours_only_value_is_a_line_numbered_finding(app, tmp_path):
    source = Path("lms/ce/rules/or-crm.yaml").read_text()
    bad = tmp_path / "or-crm.yaml"
    bad.write_text(source.replace("approved_hours_only: true", "approved_hours_only: maybe"))
    line = bad.read_text().splitlines().index("approved_hours_only: maybe") + 1
    _rule_set, findings = read_rule_file(bad)
    assert any(f.line == line and "approved_hours_only" in f.message for f in findings)
