"""A password-reset link dies with any change of password or email, works once, and its pages
never show the account's address to whoever holds the link."""

import email
import re

import pytest

from lms.extensions import db
from lms.models import AuditEvent
from tests.helpers import DEFAULT_PASSWORD, AuthActions, without_csrf_tokens

NEW = "brand new river phrase"


def reset_links(outbox) -> list[str]:
    links = []
    for path in sorted(outbox.glob("*.eml")):
        body = email.message_from_bytes(path.read_bytes()).get_payload(decode=True).decode()
        links += re.findall(r"http://localhost(/reset/\S+)", body)
    return links


def ask_for_reset(client, address="sam@example.org") -> str:
    """Ask for a reset; return the link in the message it sent."""
    before = set(reset_links(client.outbox)) if client.outbox.exists() else set()
    client.submit("/reset", {"email": address})
    (link,) = set(reset_links(client.outbox)) - before
    return link


@pytest.fixture
def peer(client, create_user, outbox):
    client.outbox = outbox
    return create_user(email="sam@example.org")


def use(client, link):
    return client.submit(link, {"password": NEW, "confirm": NEW})


def test_a_link_stops_working_once_the_password_is_changed_from_the_account(client, peer):
    link = ask_for_reset(client)
    AuthActions(client).signin(peer.email)
    changed = client.submit(
        "/account",
        {"current_password": DEFAULT_PASSWORD, "new_password": "another river phrase"},
        action="/account/password",
    )
    assert changed.status_code == 302
    assert client.get(link).status_code == 404
    assert use(client, link).status_code == 404


def test_a_link_stops_working_once_the_email_is_changed_and_never_shows_the_new_one(client, peer):
    link = ask_for_reset(client)
    AuthActions(client).signin(peer.email)
    changed = client.submit(
        "/account",
        {"current_password": DEFAULT_PASSWORD, "new_email": "sam.new@example.org"},
        action="/account/email",
    )
    assert changed.status_code == 302
    AuthActions(client).signout()
    page = client.get(link)
    assert page.status_code == 404
    assert "sam.new@example.org" not in page.get_data(as_text=True)


def test_using_one_link_ends_the_others_sent_before_it(client, peer):
    first = ask_for_reset(client)
    second = ask_for_reset(client)
    assert use(client, second).status_code == 302
    assert client.get(first).status_code == 404


def test_after_a_reset_the_sign_in_page_does_not_name_the_account(client, peer):
    link = ask_for_reset(client)
    response = use(client, link)
    assert response.status_code == 302
    assert "sam" not in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "sam@example.org" not in page


def test_a_reset_for_an_unknown_address_looks_and_works_the_same_from_outside(
    client, create_user, outbox
):
    """Same page, one message to the typed address and one audit event either way: neither the
    answer nor the work behind it tells who has an account."""
    create_user(email="sam@example.org")
    pages, messages = [], []
    for address in ("sam@example.org", "nobody@example.org"):
        before = set(outbox.glob("*.eml")) if outbox.exists() else set()
        page = client.submit("/reset", {"email": address})
        pages.append(without_csrf_tokens(page.get_data(as_text=True).replace(address, "ADDRESS")))
        (new,) = set(outbox.glob("*.eml")) - before
        messages.append(email.message_from_bytes(new.read_bytes()))
    assert pages[0] == pages[1]
    assert [m["To"] for m in messages] == ["sam@example.org", "nobody@example.org"]
    assert messages[0]["Subject"] == messages[1]["Subject"]
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert actions.count("password.reset_requested") == actions.count("password.reset_unknown") == 1
