"""A peer invites their supervisor by email; the link works once, only for the supervisor
account with that address, and for 14 days. Links end from either side and stay in history."""

import email
import re
from datetime import timedelta

import pytest

from lms.extensions import db
from lms.models import AuditEvent, SupervisorInvite, SupervisorLink, utcnow
from tests.helpers import AuthActions, BrowserLikeClient, invoke_ok, signed_in

LINK = re.compile(r"http://localhost(/team/invites/[A-Za-z0-9_-]+)")


@pytest.fixture
def peer(client, create_user):
    """A signed-in peer (the `client`)."""
    user = create_user(email="pat@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(user.email)
    return user


def invite(client, address="boss@example.org"):
    return client.submit("/team/supervisors", {"email": address})


def invitation_path(outbox) -> str:
    (message_file,) = outbox.glob("*.eml")
    message = email.message_from_bytes(message_file.read_bytes())
    assert message["To"] == "boss@example.org"
    assert message["Subject"] == "An invitation to supervise on Peerpath"
    return LINK.search(message.get_payload(decode=True).decode()).group(1)


def test_an_invited_supervisor_accepts_once_and_the_peer_then_sees_them(
    app, client, peer, create_user, outbox
):
    boss = create_user(email="boss@example.org", roles=("supervisor",), legal_name="Sam Okafor")
    response = invite(client, " Boss@Example.org ")
    assert response.status_code == 302
    assert "boss@example.org" in client.get("/team/supervisors").get_data(as_text=True)
    path = invitation_path(outbox)
    token = path.rsplit("/", 1)[1]
    stored = db.session.execute(db.select(SupervisorInvite)).scalar_one()
    assert stored.token_hash != token and token not in stored.token_hash
    assert stored.expires_at - stored.created_at == timedelta(days=14)

    supervisor = signed_in(app, boss)
    shown = supervisor.get(path).get_data(as_text=True)
    assert "Pat Rivera (pat@example.org) asks you to be their supervisor" in shown
    accepted = supervisor.submit(path, {})
    assert accepted.status_code == 302 and accepted.location.endswith("/team/")
    assert "Pat Rivera" in supervisor.get("/team/").get_data(as_text=True)
    assert supervisor.get(f"/team/{peer.id}").status_code == 200
    assert "Sam Okafor" in client.get("/team/supervisors").get_data(as_text=True)

    # Single use: the same link cannot link anyone again, even its own supervisor.
    again = supervisor.post(path, data={"csrf_token": supervisor.csrf_token("/team/")})
    assert again.status_code == 403 and "already used" in again.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(SupervisorLink.id))).scalar() == 1
    actions = set(db.session.execute(db.select(AuditEvent.action)).scalars())
    assert {"supervision.invited", "supervision.linked", "supervision.invite_accepted"} <= actions


@pytest.mark.parametrize(
    ("email_address", "roles", "message"),
    [
        ("someone-else@example.org", ("supervisor",), "sent to a different email address"),
        ("boss@example.org", (), "does not have the supervisor role"),
    ],
)
def test_the_wrong_account_cannot_accept_and_nothing_changes(
    app, client, peer, create_user, outbox, email_address, roles, message
):
    invite(client)
    path = invitation_path(outbox)
    other = signed_in(app, create_user(email=email_address, roles=roles))
    assert message in other.get(path).get_data(as_text=True)
    refused = other.post(path, data={"csrf_token": other.csrf_token("/team/supervisors")})
    assert refused.status_code == 403 and message in refused.get_data(as_text=True)
    assert db.session.execute(db.select(SupervisorLink)).first() is None
    assert db.session.execute(db.select(SupervisorInvite.accepted_at)).scalar_one() is None


def test_an_expired_invitation_is_refused(app, client, peer, create_user, outbox):
    invite(client)
    path = invitation_path(outbox)
    stored = db.session.execute(db.select(SupervisorInvite)).scalar_one()
    stored.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    boss = signed_in(app, create_user(email="boss@example.org", roles=("supervisor",)))
    refused = boss.post(path, data={"csrf_token": boss.csrf_token("/team/supervisors")})
    assert refused.status_code == 403 and "expired" in refused.get_data(as_text=True)
    assert db.session.execute(db.select(SupervisorLink)).first() is None


def test_an_unknown_token_is_404_and_signed_out_visitors_are_sent_to_sign_in(
    app, client, peer, outbox
):
    invite(client)
    path = invitation_path(outbox)
    assert client.get("/team/invites/not-a-token").status_code == 404
    anonymous = BrowserLikeClient(app.test_client())
    response = anonymous.get(path)
    assert response.status_code == 302 and "/signin" in response.location


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Enter your supervisor&#39;s email address."),
        ("not an email", "Enter an email like name@example.org."),
        ("pat@example.org", "That is your own email."),
    ],
)
def test_a_bad_invitation_says_why_next_to_the_field_and_sends_nothing(
    client, peer, outbox, address, message
):
    response = invite(client, address)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.execute(db.select(SupervisorInvite)).first() is None
    assert not list(outbox.glob("*.eml"))


def test_inviting_someone_who_already_supervises_you_is_refused(client, peer, create_user, runner):
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    response = invite(client)
    assert response.status_code == 400
    assert "already supervises you" in response.get_data(as_text=True)


def test_accepting_when_already_linked_changes_nothing(
    app, client, peer, create_user, outbox, runner
):
    invite(client)
    path = invitation_path(outbox)
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    supervisor = signed_in(app, boss)
    refused = supervisor.post(path, data={"csrf_token": supervisor.csrf_token("/team/")})
    assert refused.status_code == 403 and "already supervise" in refused.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(SupervisorLink.id))).scalar() == 1
