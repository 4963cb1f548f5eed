"""Accounts: sign up, sign in and out, reset by email, profile, sessions and audit."""

import email
import re

import pytest

from lms.extensions import db
from lms.models import AuditEvent, User
from tests.helpers import DEFAULT_PASSWORD, AuthActions, BrowserLikeClient, without_csrf_tokens
from tests.journeys import sign_up, signup_link


def audit_actions() -> list[str]:
    return list(db.session.execute(db.select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def test_sign_up_creates_a_trainee_once_the_mailed_link_is_used_and_signs_them_in(client, outbox):
    sent = client.submit(
        "/signup",
        {
            "legal_name": "Maria Santos",
            "email": "Maria@Example.org",
            "password": "river stone path",
        },
    )
    assert "Check your email" in sent.get_data(as_text=True)
    assert db.session.execute(db.select(User)).first() is None  # nothing until the link is used
    link = signup_link(outbox, "maria@example.org")
    assert client.get(link).status_code == 200  # opening the link changes nothing
    assert db.session.execute(db.select(User)).first() is None
    response = client.submit(link, {})
    assert response.status_code == 302
    assert client.submit(link, {}).status_code == 404  # the link works once
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.email == "maria@example.org"
    assert user.roles == {"trainee"}
    assert user.password_hash.startswith("scrypt:")
    assert "Hello, Maria Santos" in client.get("/dashboard").get_data(as_text=True)


def test_sign_up_rejects_short_and_common_passwords_with_a_reason(client):
    short = client.submit(
        "/signup", {"legal_name": "A B", "email": "a@example.org", "password": "short"}
    )
    assert "Use at least 8 characters" in short.get_data(as_text=True)
    common = client.submit(
        "/signup", {"legal_name": "A B", "email": "a@example.org", "password": "password123"}
    )
    assert "list of common passwords" in common.get_data(as_text=True)
    assert db.session.execute(db.select(User)).first() is None


def test_sign_up_answers_the_same_for_a_taken_address_and_tells_only_its_owner(
    client, create_user, outbox
):
    """Same page and same work either way; the owner's mail says what happened, no link."""
    create_user(email="taken@example.org")
    pages = []
    for address in ("TAKEN@example.org", "free@example.org"):
        form = {"legal_name": "Other", "email": address, "password": "another good phrase"}
        page = client.submit("/signup", form).get_data(as_text=True).replace(address, "X")
        pages.append(without_csrf_tokens(page))
    assert pages[0] == pages[1]
    assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 1
    bodies = {
        m["To"]: m.get_payload(decode=True).decode()
        for m in (email.message_from_bytes(p.read_bytes()) for p in outbox.glob("*.eml"))
    }
    assert "you already have one" in bodies["taken@example.org"]
    assert "/signup/finish/" not in bodies["taken@example.org"]
    assert "/signup/finish/" in bodies["free@example.org"]
    actions = audit_actions()
    assert actions.count("signup.address_taken") == actions.count("signup.requested") == 1


def test_invite_only_sites_refuse_open_sign_up(app, client):
    app.config["SIGNUP_OPEN"] = False
    response = client.get("/signup")
    assert response.status_code == 403
    assert "invitation" in response.get_data(as_text=True)


def test_sign_in_and_sign_out_are_audited(client, create_user, auth):
    user = create_user(email="sam@example.org")
    assert auth.signin("sam@example.org", "wrong password here").status_code == 200
    assert auth.signin("sam@example.org").status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert auth.signout().status_code == 302
    assert client.get("/dashboard").status_code == 302
    assert audit_actions()[-2:] == ["signin.failed", "signin.succeeded"]
    failed = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "signin.failed")
    ).scalar_one()
    assert failed.actor_id == user.id


def test_wrong_password_message_does_not_say_which_part_was_wrong(client, create_user, auth):
    create_user(email="sam@example.org")
    for address in ("sam@example.org", "nobody@example.org"):
        html = auth.signin(address, "not the password").get_data(as_text=True)
        assert "That email and password do not match" in html


def test_sign_out_is_post_only(client, create_user, auth):
    create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    assert client.get("/signout").status_code == 405
    assert client.get("/dashboard").status_code == 200


def test_state_changes_without_a_csrf_token_are_refused(client, create_user, auth):
    create_user(email="sam@example.org")
    response = client.post(
        "/signin", data={"email": "sam@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 400
    assert "Nothing was changed" in response.get_data(as_text=True)
    auth.signin("sam@example.org")
    assert client.post("/signout").status_code == 400
    assert client.get("/dashboard").status_code == 200


def test_repeated_failed_sign_ins_from_one_address_are_limited(client, create_user, auth):
    create_user(email="sam@example.org")
    for _ in range(5):
        assert auth.signin("sam@example.org", "wrong guess 123").status_code == 200
    blocked = auth.signin("sam@example.org")  # even the right password waits now
    assert blocked.status_code == 429
    assert "Too many tries" in blocked.get_data(as_text=True)


def test_failed_sign_ins_are_limited_per_address_across_accounts(client, auth):
    for n in range(5):
        auth.signin(f"guess{n}@example.org", "wrong guess 123")
    assert auth.signin("another@example.org", "wrong guess 123").status_code == 429


def test_successful_sign_ins_do_not_count_toward_the_limit(client, create_user, auth):
    create_user(email="sam@example.org")
    for _ in range(7):
        assert auth.signin("sam@example.org").status_code == 302


def test_next_parameter_never_redirects_off_site(client, create_user):
    create_user(email="sam@example.org")
    for target, expected in [
        ("/account", "/account"),
        ("https://evil.example/", "/dashboard"),
        ("//evil.example/", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
    ]:
        response = client.submit(
            "/signin",
            {"email": "sam@example.org", "password": DEFAULT_PASSWORD},
            action=f"/signin?next={target}",
        )
        assert response.headers["Location"] == expected
        client.submit("/dashboard", {}, action="/signout")


def test_password_reset_link_works_once(client, create_user, outbox):
    user = create_user(email="sam@example.org")
    client.submit("/reset", {"email": "sam@example.org"})
    message = next(outbox.glob("*.eml")).read_text()
    link = re.search(r"http://localhost(/reset/\S+)", message).group(1)
    response = client.submit(link, {"password": "brand new phrase", "confirm": "brand new phrase"})
    assert response.status_code == 302
    assert client.get(link).status_code == 404  # single use
    db.session.refresh(user)
    assert (
        client.submit(
            "/signin", {"email": "sam@example.org", "password": "brand new phrase"}
        ).status_code
        == 302
    )
    assert "password.reset" in audit_actions()


def test_password_reset_for_an_unknown_email_reveals_nothing_and_sends_no_link(client, outbox):
    response = client.submit("/reset", {"email": "nobody@example.org"})
    assert "If an account uses nobody@example.org" in response.get_data(as_text=True)
    (message,) = outbox.glob("*.eml")
    body = email.message_from_bytes(message.read_bytes()).get_payload(decode=True).decode()
    assert "no Peerpath account uses it" in body
    assert "/reset/" not in body


def test_expired_reset_link_is_refused(app, client, create_user, outbox):
    create_user(email="sam@example.org")
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    client.submit("/reset", {"email": "sam@example.org"})
    link = re.search(r"http://localhost(/reset/\S+)", next(outbox.glob("*.eml")).read_text())
    assert client.get(link.group(1)).status_code == 404


def test_profile_saves_legal_name_and_time_zone(client, create_user, auth):
    user = create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    response = client.submit(
        "/account",
        {
            "legal_name": "Samuel J. Whitfield",
            "preferred_name": "Sam",
            "time_zone": "America/Denver",
        },
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.legal_name, user.preferred_name, user.time_zone) == (
        "Samuel J. Whitfield",
        "Sam",
        "America/Denver",
    )


def test_profile_rejects_an_unknown_time_zone_and_changes_nothing(client, create_user, auth):
    user = create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    response = client.submit("/account", {"legal_name": "New Name", "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    db.session.refresh(user)
    assert user.legal_name == "Jordan Lee"


def test_a_peer_records_the_credential_numbers_they_hold(client, create_user, auth):
    create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    client.submit(
        "/account",
        {"rule_set": "", "name": "IC&RC Peer Recovery", "number": "PR-2041"},
        action="/account/credentials",
    )
    assert "IC&amp;RC Peer Recovery — number PR-2041" in client.get("/account").get_data(
        as_text=True
    )


def test_changing_password_needs_the_current_one_and_ends_other_sessions(
    app, client, create_user, auth
):
    user = create_user(email="sam@example.org")
    other_device = BrowserLikeClient(app.test_client())
    auth.signin("sam@example.org")
    AuthActions(other_device).signin("sam@example.org")
    assert other_device.get("/dashboard").status_code == 200

    wrong = client.submit(
        "/account",
        {"current_password": "not it at all", "new_password": "fresh river phrase"},
        action="/account/password",
    )
    assert "current password was not right" in wrong.get_data(as_text=True)

    ok = client.submit(
        "/account",
        {"current_password": DEFAULT_PASSWORD, "new_password": "fresh river phrase"},
        action="/account/password",
    )
    assert ok.status_code == 302
    assert client.get("/dashboard").status_code == 200  # this device stays signed in
    assert other_device.get("/dashboard").status_code == 302  # the other one is signed out
    db.session.refresh(user)
    assert "password.changed" in audit_actions()


def test_changing_email_needs_the_current_password_and_is_audited(client, create_user, auth):
    user = create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    client.submit(
        "/account",
        {"current_password": DEFAULT_PASSWORD, "new_email": "sam.w@example.org"},
        action="/account/email",
    )
    db.session.refresh(user)
    assert user.email == "sam.w@example.org"
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "email.changed")
    ).scalar_one()
    assert event.detail == {"old": "sam@example.org", "new": "sam.w@example.org"}


def test_new_accounts_take_the_sites_time_zone_until_the_person_picks_one(app, client, outbox):
    app.config["DEFAULT_TIME_ZONE"] = "America/Los_Angeles"
    sign_up(client, outbox, "Lee Park", "lee@example.org", "river stone path")
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.time_zone == "America/Los_Angeles"
    account = client.get("/account").get_data(as_text=True)
    assert '<option selected value="America/Los_Angeles">' in account


def test_the_slow_password_check_holds_no_write_lock(app, client, create_user, monkeypatch):
    """On SQLite one writer at a time: while a sign-in hashes the password (about 0.2 s of
    scrypt), other people's writes must not wait for it."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the write lock is SQLite's; PostgreSQL locks rows, not the database")
    import sqlite3

    from lms.auth import accounts

    create_user(email="lock@example.org", password="river stone path")
    path = db.engine.url.database
    free_during_check = []
    real_verify = accounts.verify_password

    def verify_and_probe(stored, password):
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails at once if anyone holds the write lock
            other.execute("ROLLBACK")
            free_during_check.append(True)
        except sqlite3.OperationalError:
            free_during_check.append(False)
        finally:
            other.close()
        return real_verify(stored, password)

    monkeypatch.setattr(accounts, "verify_password", verify_and_probe)
    response = client.submit(
        "/signin", {"email": "lock@example.org", "password": "river stone path"}
    )
    assert response.status_code == 302
    assert free_during_check == [True]
