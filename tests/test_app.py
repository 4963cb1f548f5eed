"""The application core: layered config, the secret key, production safety, headers."""

import pytest

from lms import create_app
from lms.extensions import db
from lms.models import AuditEvent
from tests.helpers import BrowserLikeClient, empty_tables


def test_secret_key_is_generated_into_instance_once(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    first = create_app({"TESTING": True})
    second = create_app({"TESTING": True})
    key_file = tmp_path / "secret_key"
    assert key_file.exists()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert first.secret_key == second.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) >= 64


def test_creating_the_app_writes_no_database(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    create_app({"TESTING": True})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]


def test_config_layers_instance_file_then_environment_then_test_dict(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    (tmp_path / "config.py").write_text(
        "SIGNUP_OPEN = False\nDEFAULT_TIME_ZONE = 'Europe/Dublin'\n"
    )
    monkeypatch.setenv("LMS_DEFAULT_TIME_ZONE", "America/Chicago")
    app = create_app({"TESTING": True, "MAIL_SENDER": "x@example.org"})
    assert app.config["SIGNUP_OPEN"] is False  # instance file over defaults
    assert app.config["DEFAULT_TIME_ZONE"] == "America/Chicago"  # environment over file
    assert app.config["MAIL_SENDER"] == "x@example.org"  # test dict last


@pytest.mark.parametrize("secret", ["dev", "change-me"])
def test_production_refuses_a_default_secret(tmp_path, monkeypatch, secret):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LMS_SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="secret key"):
        create_app()


def test_production_refuses_debug(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LMS_DEBUG", "true")
    with pytest.raises(RuntimeError, match="debug"):
        create_app()


def test_production_sets_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LMS_PUBLIC_URL", "https://learn.example.org")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_healthz_is_plain_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert "Set-Cookie" not in response.headers


def test_every_response_carries_security_headers(client):
    for path in ("/", "/signin", "/healthz", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "default-src 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite_lax(client, create_user, auth):
    user = create_user()
    response = auth.signin(user.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_friendly_404_page_says_what_to_do(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_landing_page_explains_peerpath_to_each_kind_of_user(client):
    html = client.get("/").get_data(as_text=True)
    for phrase in (
        "If you are a peer",
        "If you train peers",
        "If you supervise peers",
        "If you check a certificate",
    ):
        assert phrase in html


@pytest.mark.parametrize(("hops", "recorded"), [(0, "127.0.0.1"), (1, "203.0.113.7")])
def test_the_proxys_forwarded_address_is_trusted_only_when_configured(database, hops, recorded):
    """Behind nginx (PROXY_FIX_HOPS=1) the audit log and rate limits see the visitor's address
    from X-Forwarded-For; with 0 a client cannot claim an address by sending the header."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "ENVIRONMENT": "development",
            "PROXY_FIX_HOPS": hops,
        }
    )
    with app.app_context():
        try:
            client = BrowserLikeClient(app.test_client())
            client.client.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.7"
            client.submit(
                "/signup",
                {"legal_name": "Ada Hill", "email": "ada@example.org", "password": "river stone"},
            )
            event = db.session.execute(
                db.select(AuditEvent).where(AuditEvent.action == "signup.requested")
            ).scalar_one()
            assert event.ip == recorded
        finally:
            empty_tables()
            db.session.remove()
            db.engine.dispose()  # this app's own pool: close its connections now
