"""A forged Host header cannot steer a link in anyone's email, and an unknown host gets a plain
400: links are built from PUBLIC_URL alone, which production must set before it starts."""

import email
import re

import pytest

from lms import create_app

PUBLIC = "https://learn.example.org"


def mail_bodies(outbox) -> list[str]:
    bodies = []
    for path in sorted(outbox.glob("*.eml")) if outbox.exists() else []:
        message = email.message_from_bytes(path.read_bytes())
        bodies.append(message.get_payload(decode=True).decode())
    return bodies


@pytest.mark.parametrize("path", ["/", "/signin", "/reset", "/verify", "/no-such-page"])
def test_a_request_for_an_unknown_host_gets_a_plain_400(client, path):
    response = client.get(path, headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert "host name" in response.get_data(as_text=True)
    assert "attacker.example" not in response.get_data(as_text=True)


def test_a_forged_host_on_a_reset_request_sends_nothing(client, create_user, outbox):
    create_user(email="sam@example.org")
    token = client.csrf_token("/reset")
    response = client.post(
        "/reset",
        data={"email": "sam@example.org", "csrf_token": token},
        headers={"Host": "attacker.example"},
    )
    assert response.status_code == 400
    assert mail_bodies(outbox) == []


def test_reset_link_points_at_the_public_address_whatever_host_was_asked(
    app, client, create_user, outbox
):
    """localhost is a trusted alias here, yet the link names the public site."""
    app.config["PUBLIC_URL"] = PUBLIC + "/"
    create_user(email="sam@example.org")
    client.submit("/reset", {"email": "sam@example.org"})
    (body,) = mail_bodies(outbox)
    link = re.search(r"https?://\S+", body).group(0)
    assert link.startswith(PUBLIC + "/reset/")


def test_invitation_link_points_at_the_public_address(app, client, create_user, auth, outbox):
    app.config["PUBLIC_URL"] = PUBLIC
    create_user(email="pat@example.org")
    auth.signin("pat@example.org")
    response = client.submit("/team/supervisors", {"email": "boss@example.org"})
    assert response.status_code in (200, 302)
    (body,) = mail_bodies(outbox)
    links = re.findall(r"https?://\S+", body)
    assert links and all(link.startswith(PUBLIC + "/team/invites/") for link in links)


def test_production_refuses_to_start_without_a_public_url(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="LMS_PUBLIC_URL"):
        create_app()


@pytest.mark.parametrize("value", ["learn.example.org", "ftp://learn.example.org", "https://"])
def test_production_refuses_a_public_url_that_is_not_an_address(tmp_path, monkeypatch, value):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LMS_PUBLIC_URL", value)
    with pytest.raises(RuntimeError, match="Refusing to start: LMS_PUBLIC_URL"):
        create_app()


def test_production_trusts_only_the_public_host_unless_told_otherwise(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LMS_PUBLIC_URL", PUBLIC)
    assert create_app().config["TRUSTED_HOSTS"] == ["learn.example.org"]
    monkeypatch.setenv("LMS_TRUSTED_HOSTS", "learn.example.org, peers.example.org")
    app = create_app()
    assert app.config["TRUSTED_HOSTS"] == ["learn.example.org", "peers.example.org"]
    ok = app.test_client().get("/healthz", headers={"Host": "peers.example.org"})
    assert ok.status_code == 200
    refused = app.test_client().get("/healthz", headers={"Host": "127.0.0.1"})
    assert refused.status_code == 400
