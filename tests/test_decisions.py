"""Decisions on exactly what was seen (issue 16): a supervisor's verify or reject names the
version of the record the queue showed, and a record changed since is refused with what
changed; verified hours are read-only to the peer; rejected hours are corrected and sent again
with their history; the peer is emailed each decision; the hours of a peer with no supervisor go
to the administrators, and the peer is told who will verify them."""

from email import message_from_bytes, policy

import pytest

from lms.extensions import db
from lms.models import AuditEvent, CERecord, PracticeEntry
from tests.helpers import PDF, AuthActions, hidden_fields, invoke_ok, signed_in
from tests.journeys import log_outside_ce, log_practice

QUEUE = "/supervision/queue"


@pytest.fixture
def team(app, client, create_user, runner):
    """A signed-in peer (client) and their signed-in supervisor, Sam Ortiz."""
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    boss = create_user(email="sam@example.org", legal_name="Sam Ortiz", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    return peer, signed_in(app, boss)


def only(model):
    return db.session.execute(db.select(model)).scalar_one()


def edit_outside(client, record_id: int, **changes):
    """The peer sends the change form of their outside CE with `changes` over what it holds."""
    form = {
        "title": "Motivational interviewing webinar",
        "provider": "Harbor Training",
        "approval_number": "NAADAC 123",
        "earned_on": "2026-03-14",
        "hours": "1",
        "topics": ["ethics", "communication"],
        "delivery": "webinar",
        **changes,
    }
    path = f"/ce/{record_id}/edit"
    return client.submit(path, form, content_type="multipart/form-data")


def post_decision(supervisor, queue_html: str, action: str, decision: str, reason: str = ""):
    """Send the decision form exactly as it was on `queue_html` (the page the supervisor had
    open), with its token and the version it showed."""
    data = {
        "csrf_token": supervisor.csrf_token(QUEUE),
        **hidden_fields(queue_html, action),
        "decision": decision,
        "reason": reason,
    }
    return supervisor.post(action, data=data)


def test_a_verify_on_hours_changed_after_the_queue_was_opened_is_refused_with_what_changed(
    client, team
):
    _peer, supervisor = team
    log_outside_ce(client, {"hours": "1"})
    record = only(CERecord)
    action = f"/supervision/ce/{record.id}/decide"
    opened = supervisor.get(QUEUE).get_data(as_text=True)
    assert "Verify 1 hour" in opened

    assert edit_outside(client, record.id, hours="100").status_code == 302

    refused = post_decision(supervisor, opened, action, "verify")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "This record changed since you opened it" in page
    assert "Hours: 1 hour → 100 hours" in page
    db.session.refresh(record)
    assert (record.status, record.minutes) == ("pending", 6000)
    decisions = db.select(AuditEvent).where(AuditEvent.action == "ce.verified")
    assert db.session.execute(decisions).first() is None


def test_a_decision_on_the_version_shown_goes_through_and_one_without_a_version_does_not(
    client, team
):
    _peer, supervisor = team
    log_outside_ce(client, {"hours": "1"})
    record = only(CERecord)
    action = f"/supervision/ce/{record.id}/decide"
    opened = supervisor.get(QUEUE).get_data(as_text=True)
    edit_outside(client, record.id, hours="1.5")

    no_version = {"csrf_token": supervisor.csrf_token(QUEUE), "decision": "verify"}
    assert supervisor.post(action, data=no_version).status_code == 409
    assert post_decision(supervisor, opened, action, "verify").status_code == 409

    reopened = supervisor.get(QUEUE).get_data(as_text=True)
    assert "Verify 1.5 hours" in reopened
    assert post_decision(supervisor, reopened, action, "verify").status_code == 302
    db.session.refresh(record)
    assert (record.status, record.minutes) == ("verified", 90)
    verified = db.select(AuditEvent).where(AuditEvent.action == "ce.verified")
    event = db.session.execute(verified).scalar_one()
    assert event.detail["before"]["version"] == record.version - 1


def test_verified_hours_are_read_only_to_the_peer(client, team):
    _peer, supervisor = team
    log_outside_ce(client)
    record = only(CERecord)
    supervisor.submit(QUEUE, {"decision": "verify"}, action=f"/supervision/ce/{record.id}/decide")

    opened = client.get(f"/ce/{record.id}/edit", follow_redirects=True).get_data(as_text=True)
    assert "Verified hours are read-only" in opened
    assert "ask an administrator to correct it" in opened
    client.post(f"/ce/{record.id}/edit", data={"hours": "100"})
    db.session.refresh(record)
    assert (record.status, record.minutes) == ("verified", 120)
    assert f"/ce/{record.id}/edit" not in client.get("/ce").get_data(as_text=True)


def test_rejected_hours_are_corrected_and_sent_again_keeping_their_history(client, team):
    _peer, supervisor = team
    log_outside_ce(client, {"hours": "2"})
    record = only(CERecord)
    action = f"/supervision/ce/{record.id}/decide"
    reason = "The certificate shows 1 hour, not 2."
    supervisor.submit(QUEUE, {"decision": "reject", "reason": reason}, action=action)
    assert "Correct and send again" in client.get("/ce").get_data(as_text=True)

    form = client.get(f"/ce/{record.id}/edit").get_data(as_text=True)
    assert f"It was not accepted: {reason}" in form
    assert edit_outside(client, record.id, hours="1").status_code == 302

    db.session.refresh(record)
    assert (record.status, record.minutes, record.decision_reason) == ("pending", 60, "")
    assert record.version == 3  # logged, rejected, sent again
    history = client.get("/ce").get_data(as_text=True)
    assert f"Not accepted — {reason}" in history
    assert "Corrected and sent again" in history
    actions = db.session.execute(
        db.select(AuditEvent.action).where(
            AuditEvent.subject_type == "cerecord", AuditEvent.subject_id == str(record.id)
        )
    ).scalars()
    assert list(actions) == ["ce.logged", "ce.rejected", "ce.resubmitted"]
    assert "Verify 1 hour" in supervisor.get(QUEUE).get_data(as_text=True)


def test_the_peer_is_emailed_each_decision_with_the_reason(client, team, outbox):
    peer, supervisor = team
    log_outside_ce(client, {"title": "Trauma-informed care"})
    log_outside_ce(client, {"title": "Harm reduction basics"})
    first, second = db.session.execute(db.select(CERecord).order_by(CERecord.id)).scalars()
    supervisor.submit(QUEUE, {"decision": "verify"}, action=f"/supervision/ce/{first.id}/decide")
    reason = "The certificate is for someone else."
    decision = {"decision": "reject", "reason": reason}
    supervisor.submit(QUEUE, decision, action=f"/supervision/ce/{second.id}/decide")

    messages = [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in outbox.glob("*.eml")
    ]
    by_subject = {message["Subject"]: message for message in messages}
    assert {message["To"] for message in messages} == {peer.email}
    verified = by_subject["Verified: your outside CE “Trauma-informed care”"]
    assert "Sam Ortiz verified" in verified.get_content()
    rejected = by_subject["Not accepted: your outside CE “Harm reduction basics”"]
    body = rejected.get_content()
    assert f"Their reason: {reason}" in body
    assert "http://localhost/ce" in body


def test_the_peer_is_told_their_supervisor_verifies_their_hours(client, team):
    assert "Your supervisor, Sam Ortiz, will verify these hours." in client.get(
        "/ce/outside/new"
    ).get_data(as_text=True)
    assert "Your supervisor, Sam Ortiz, will verify these hours." in client.get("/ce").get_data(
        as_text=True
    )


def test_hours_of_a_peer_with_no_supervisor_go_to_an_administrator(app, client, create_user):
    loner = create_user(email="loner@example.org", legal_name="Lee Loner")
    AuthActions(client).signin(loner.email)
    told = "No supervisor is linked to you: an administrator will verify these hours."
    assert told in client.get("/ce/outside/new").get_data(as_text=True)
    log_outside_ce(client)
    assert told in client.get("/ce").get_data(as_text=True)
    assert told in client.get("/certification/log/practice/new").get_data(as_text=True)

    admin = signed_in(app, create_user(email="admin@example.org", roles=("admin",)))
    record = only(CERecord)
    assert "Lee Loner: Motivational interviewing webinar" in admin.get(QUEUE).get_data(as_text=True)
    admin.submit(QUEUE, {"decision": "verify"}, action=f"/supervision/ce/{record.id}/decide")
    db.session.refresh(record)
    assert record.status == "verified"


def test_an_administrator_does_not_decide_for_a_supervised_peer_nor_for_themselves(
    app, client, team, create_user
):
    log_outside_ce(client)
    admin_user = create_user(email="admin@example.org", roles=("admin",))
    admin = signed_in(app, admin_user)
    record = only(CERecord)
    assert "Nothing to verify" in admin.get(QUEUE).get_data(as_text=True)
    action = f"/supervision/ce/{record.id}/decide"
    assert admin.submit(QUEUE, {"decision": "verify"}, action=action).status_code == 404

    log_outside_ce(admin, {"title": "My own webinar"}, file=(PDF, "mine.pdf"))
    assert "My own webinar" not in admin.get(QUEUE).get_data(as_text=True)


def test_a_practice_entry_changed_after_the_queue_was_opened_is_refused_too(client, team):
    _peer, supervisor = team
    log_practice(client, data={"hours": "1"})
    entry = only(PracticeEntry)
    action = f"/certification/supervision/practice/{entry.id}/decide"
    opened = supervisor.get(QUEUE).get_data(as_text=True)
    client.submit(
        f"/certification/log/{entry.id}/edit",
        {
            "done_on": "2026-03-14",
            "hours": "100",
            "setting": "hospital",
            "domain": "advocacy",
            "description": "Sat with a peer in the emergency department.",
        },
    )

    refused = post_decision(supervisor, opened, action, "verify")
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "This record changed since you opened it" in page
    assert "Hours: 1 hour → 100 hours" in page
    db.session.refresh(entry)
    assert (entry.status, entry.minutes) == ("pending", 6000)
    reopened = supervisor.get(QUEUE).get_data(as_text=True)
    assert post_decision(supervisor, reopened, action, "verify").status_code == 302
    db.session.refresh(entry)
    assert entry.status == "verified"
