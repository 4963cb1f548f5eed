"""Journey 3 on the server: a peer logs outside CE with evidence; it is pending until their
supervisor opens the evidence and verifies it; every step is audited and nothing is lost."""

import re

import pytest

from lms.extensions import db
from lms.localtime import today_for
from lms.models import AuditEvent, CERecord, Evidence
from tests.helpers import PDF, AuthActions, BrowserLikeClient, invoke_ok
from tests.journeys import OUTSIDE_CE_FORM as FORM
from tests.journeys import log_outside_ce as log


@pytest.fixture
def team(app, client, create_user, runner):
    """A signed-in peer (client) and a signed-in supervisor linked to them."""
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    supervisor = BrowserLikeClient(app.test_client())
    AuthActions(supervisor).signin(boss.email)
    return peer, supervisor


def test_logged_hours_are_pending_until_the_supervisor_verifies(app, client, team):
    peer, supervisor = team
    assert log(client).status_code == 302
    record = db.session.execute(db.select(CERecord)).scalar_one()
    assert (record.status, record.minutes, record.topics) == (
        "pending",
        120,
        ["ethics", "communication"],
    )
    assert "Pending — waiting for your supervisor" in client.get("/ce").get_data(as_text=True)

    queue = supervisor.get("/supervision/queue").get_data(as_text=True)
    assert "Pat Rivera: Motivational interviewing webinar" in queue
    evidence = db.session.execute(db.select(Evidence)).scalar_one()
    opened = supervisor.get(f"/evidence/{evidence.id}")
    assert opened.data == PDF and opened.headers["X-Content-Type-Options"] == "nosniff"
    assert opened.headers["Content-Disposition"].startswith("inline")

    supervisor.submit(
        "/supervision/queue",
        {"decision": "verify", "reason": ""},
        action=f"/supervision/ce/{record.id}/decide",
    )
    db.session.refresh(record)
    assert record.status == "verified" and record.decided_at is not None
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "ce.verified")
    ).scalar_one()
    assert event.detail["before"]["status"] == "pending"
    assert event.detail["after"]["status"] == "verified"
    assert "Nothing to verify" in supervisor.get("/supervision/queue").get_data(as_text=True)


def test_rejection_needs_a_reason_the_peer_then_sees(client, team):
    _peer, supervisor = team
    log(client)
    record = db.session.execute(db.select(CERecord)).scalar_one()
    path = f"/supervision/ce/{record.id}/decide"
    supervisor.submit("/supervision/queue", {"decision": "reject", "reason": ""}, action=path)
    db.session.refresh(record)
    assert record.status == "pending"
    supervisor.submit(
        "/supervision/queue",
        {"decision": "reject", "reason": "The certificate shows 1 hour, not 2."},
        action=path,
    )
    db.session.refresh(record)
    assert record.status == "rejected"
    assert "The certificate shows 1 hour, not 2." in client.get("/ce").get_data(as_text=True)


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ((b"MZ\x90\x00 not a document", "cert.pdf"), "not a PDF, PNG or JPEG"),
        ((b"<html><script>alert(1)</script></html>", "cert.png"), "not a PDF, PNG or JPEG"),
        (None, "Attach the certificate"),
    ],
)
def test_wrong_or_disguised_files_are_refused_and_nothing_is_stored(
    app, client, team, file, message
):
    response = log(client, file=file)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.execute(db.select(CERecord)).first() is None
    assert not (
        app.instance_path
        and list((__import__("pathlib").Path(app.instance_path) / "evidence").glob("*"))
    )


def test_an_oversized_upload_gets_413_and_nothing_is_stored(app, client, team):
    # The same limit as production, scaled down: the test client would otherwise spool the
    # 11 MB body to a temporary file it never closes.
    app.config["MAX_CONTENT_LENGTH"] = 300 * 1024
    response = log(client, file=(PDF + b"0" * (400 * 1024), "big.pdf"))
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert db.session.execute(db.select(CERecord)).first() is None


def test_evidence_over_10_mb_inside_the_request_limit_is_refused_with_the_limit():
    from lms.renewal.evidence import EvidenceError, store

    with pytest.raises(EvidenceError, match="the limit is 10 MB"):
        store(PDF + b"0" * (10 * 1024 * 1024), "big.pdf", owner_id=1)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hours", "1.3", "quarter-hour steps"),
        ("hours", "two", "as a number"),
        ("hours", "0", "between 0.25 and 100"),
        ("earned_on", "2999-01-01", "cannot be in the future"),
        ("topics", [], "at least one topic"),
    ],
)
def test_wrong_values_say_what_to_fix_and_change_nothing(client, team, field, value, message):
    response = log(client, {field: value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.execute(db.select(CERecord)).first() is None


def test_a_chosen_file_is_named_and_asked_for_again_when_another_field_fails(client, team):
    response = log(client, {"hours": "two"}, file=(PDF, "march-webinar.pdf"))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "You chose “march-webinar.pdf”, but it was not kept" in html
    assert "Choose the file again before you send." in html
    assert 'aria-describedby="evidence-again"' in html
    assert "You chose" not in client.get("/ce/outside/new").get_data(as_text=True)


def test_hours_fields_ask_phones_for_a_decimal_keypad(client, team):
    html = client.get("/ce/outside/new").get_data(as_text=True)
    (hours_input,) = re.findall(r'<input[^>]*name="hours"[^>]*>', html)
    assert 'inputmode="decimal"' in hours_input


def test_the_peer_can_edit_or_withdraw_while_pending_with_a_trail(client, team):
    log(client)
    record = db.session.execute(db.select(CERecord)).scalar_one()
    client.submit(
        f"/ce/{record.id}/edit", {**FORM, "hours": "1.5"}, content_type="multipart/form-data"
    )
    db.session.refresh(record)
    assert record.minutes == 90
    edit = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "ce.edited")
    ).scalar_one()
    assert (edit.detail["before"]["minutes"], edit.detail["after"]["minutes"]) == (120, 90)
    client.submit("/ce", {}, action=f"/ce/{record.id}/withdraw")
    db.session.refresh(record)
    assert record.status == "withdrawn"
    assert db.session.execute(db.select(db.func.count(CERecord.id))).scalar() == 1


def test_evidence_and_queue_are_closed_to_everyone_else(app, client, team, create_user):
    _peer, _supervisor = team
    log(client)
    record = db.session.execute(db.select(CERecord)).scalar_one()
    evidence = db.session.execute(db.select(Evidence)).scalar_one()
    stranger = BrowserLikeClient(app.test_client())
    AuthActions(stranger).signin(create_user(roles=("supervisor",)).email)
    assert stranger.get(f"/evidence/{evidence.id}").status_code == 404
    assert "Nothing to verify" in stranger.get("/supervision/queue").get_data(as_text=True)
    response = stranger.submit(
        "/supervision/queue", {"decision": "verify"}, action=f"/supervision/ce/{record.id}/decide"
    )
    assert response.status_code == 404
    db.session.refresh(record)
    assert record.status == "pending"


def test_a_verifier_confirms_a_provider_a_credential_counts_on(client, team):
    """Georgia CARES counts 6 of its 12 yearly hours only via a CARES Academy Connect: the
    supervisor confirms that provider while verifying, and the picture counts the hours."""
    peer, supervisor = team
    client.submit(
        "/account",
        {"rule_set": "ga-cares", "name": "Georgia CARES", "certified_on": "2025-06-01"},
        action="/account/credentials",
    )
    today = today_for(peer).isoformat()  # inside the current calendar-year cycle
    log(client, {"earned_on": today, "hours": "6.5", "title": "CARES Academy Connect"})
    record = db.session.execute(db.select(CERecord)).scalar_one()
    queue = supervisor.get("/supervision/queue").get_data(as_text=True)
    assert '<option value="cares-academy-connect">Georgia CARES: Via a CARES Academy' in queue
    assert "Some credentials count hours only from certain approved providers" in queue
    assert 'aria-describedby="provider-' in queue  # the explanation is read with the list

    def decide(decision, tag, reason=""):
        return supervisor.submit(
            "/supervision/queue",
            {"decision": decision, "reason": reason, "provider_tag": tag},
            action=f"/supervision/ce/{record.id}/decide",
        )

    for decision, tag, reason, message in [
        ("verify", "made-up-provider", "", "Choose a provider from the list"),
        ("reject", "cares-academy-connect", "Wrong date", "Only verified hours can be confirmed"),
    ]:
        page = decide(decision, tag, reason)
        assert message in page.get_data(as_text=True)  # beside the record, not on a later page
        db.session.refresh(record)
        assert (record.status, record.provider_tag) == ("pending", ""), page

    decide("verify", "cares-academy-connect")
    db.session.refresh(record)
    assert (record.status, record.provider_tag) == ("verified", "cares-academy-connect")
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "ce.verified")
    ).scalar_one()
    assert event.detail["before"]["provider_tag"] == ""
    assert event.detail["after"]["provider_tag"] == "cares-academy-connect"
    credential_id = peer.credentials[0].id
    renewal = " ".join(client.get(f"/renewal/{credential_id}").get_data(as_text=True).split())
    assert "Via a CARES Academy Connect: 6.5 of 6 hours verified, 0 pending, complete." in renewal
    records = client.get("/ce").get_data(as_text=True)
    assert "Confirmed by your supervisor as from: Georgia CARES: Via a CARES Academy" in records
