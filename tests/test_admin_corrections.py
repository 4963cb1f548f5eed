"""Verified hours are read-only to the peer; an administrator corrects them with a reason, on
the version they saw, and the record's trail keeps what they were (issue 16)."""

import re

import pytest

from lms.extensions import db
from lms.models import AuditEvent, CERecord
from tests.helpers import AuthActions, hidden_fields, invoke_ok, signed_in
from tests.journeys import OUTSIDE_CE_FORM, log_outside_ce

QUEUE = "/supervision/queue"


@pytest.fixture
def verified(app, client, create_user, runner):
    """Pat's 2 outside hours, verified by their supervisor; returns (record, admin client)."""
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    boss = create_user(email="sam@example.org", legal_name="Sam Ortiz", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    log_outside_ce(client, {"hours": "2"})
    record = db.session.execute(db.select(CERecord)).scalar_one()
    supervisor = signed_in(app, boss)
    action = f"/supervision/ce/{record.id}/decide"
    page = supervisor.get(QUEUE).get_data(as_text=True)
    data = {"csrf_token": supervisor.csrf_token(QUEUE), **hidden_fields(page, action)}
    assert supervisor.post(action, data={**data, "decision": "verify"}).status_code == 302
    admin = signed_in(app, create_user(email="admin@example.org", roles=("admin",)))
    db.session.refresh(record)
    return record, admin


def correction(record, **changes) -> dict:
    return {**OUTSIDE_CE_FORM, "hours": "2", "reason": "", **changes}


def send(admin, record, page_html: str, data: dict):
    path = f"/admin/records/{record.id}/correct"
    form = {"csrf_token": admin.csrf_token(path), **data, "version": _version(page_html)}
    return admin.post(path, data=form)


def _version(page_html: str) -> str:
    """The version of the record the correction form showed (its hidden field)."""
    return re.search(r'name="version"[^>]*value="(\d+)"', page_html).group(1)


def test_an_admin_corrects_verified_hours_with_a_reason_and_the_trail_keeps_both(verified):
    record, admin = verified
    person = admin.get(f"/admin/users/{record.user_id}").get_data(as_text=True)
    assert f"/admin/records/{record.id}/correct" in person
    page = admin.get(f"/admin/records/{record.id}/correct").get_data(as_text=True)
    reason = "The certificate says 1.5 hours; 2 was typed by mistake."
    response = send(admin, record, page, correction(record, hours="1.5", reason=reason))
    assert response.status_code == 302
    db.session.refresh(record)
    assert (record.status, record.minutes) == ("verified", 90)
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "ce.corrected")
    ).scalar_one()
    assert event.detail["reason"] == reason
    assert (event.detail["before"]["minutes"], event.detail["after"]["minutes"]) == (120, 90)


def test_a_correction_without_a_reason_changes_nothing(verified):
    record, admin = verified
    page = admin.get(f"/admin/records/{record.id}/correct").get_data(as_text=True)
    response = send(admin, record, page, correction(record, hours="1.5"))
    assert response.status_code == 400
    assert "Give the reason for the correction" in response.get_data(as_text=True)
    db.session.refresh(record)
    assert record.minutes == 120


def test_a_correction_on_a_record_changed_since_it_was_opened_is_refused(verified):
    record, admin = verified
    stale = admin.get(f"/admin/records/{record.id}/correct").get_data(as_text=True)
    fresh = admin.get(f"/admin/records/{record.id}/correct").get_data(as_text=True)
    assert (
        send(admin, record, fresh, correction(record, hours="1.5", reason="typo")).status_code
        == 302
    )
    refused = send(admin, record, stale, correction(record, hours="3", reason="another"))
    assert refused.status_code == 409
    assert "This record changed since you opened it" in refused.get_data(as_text=True)
    db.session.refresh(record)
    assert record.minutes == 90


def test_only_administrators_correct_and_the_peer_still_cannot(verified, client):
    record, _admin = verified
    assert client.get(f"/admin/records/{record.id}/correct").status_code == 403
    edit = client.get(f"/ce/{record.id}/edit", follow_redirects=True).get_data(as_text=True)
    assert "Verified hours are read-only" in edit
