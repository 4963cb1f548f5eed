"""Sessions end when they should, guessing is slowed down with a page that says when to try
again, production refuses unsafe settings, and the PDF renderer fetches nothing from outside."""

import http.server
import io
import os
import re
import threading

import pytest
from pypdf import PdfReader

from lms import create_app
from lms.certificates.render import ASSETS, render_pdf
from lms.extensions import db
from lms.models import CERecord, User
from tests.helpers import DEFAULT_PASSWORD, AuthActions, BrowserLikeClient
from tests.security.checks import pdf_text


def replay(app, cookie: str) -> BrowserLikeClient:
    """A second browser holding a copy of a session cookie (as a thief would)."""
    thief = BrowserLikeClient(app.test_client())
    thief.set_cookie("session", cookie, domain="localhost")
    return thief


def sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/signin")


def test_a_copied_session_cookie_stops_working_after_sign_out(app, client, create_user, auth):
    """A copy taken before sign-out (a shared computer, a stolen cookie) gets the sign-in page
    afterwards, like the browser that signed out."""
    create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    cookie = client.get_cookie("session").value
    assert replay(app, cookie).get("/dashboard").status_code == 200
    assert auth.signout().status_code == 302
    assert sent_to_sign_in(replay(app, cookie).get("/dashboard"))
    assert sent_to_sign_in(client.get("/dashboard"))


def test_a_password_change_or_reset_ends_copied_sessions(app, client, create_user, auth, outbox):
    """Another browser holding the account's session (a copy of its cookie) is signed out by a
    password change, and again by a reset through the emailed link."""
    create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    stolen = client.get_cookie("session").value
    changed = client.submit(
        "/account",
        {"current_password": DEFAULT_PASSWORD, "new_password": "fresh river phrase"},
        action="/account/password",
    )
    assert changed.status_code == 302
    assert client.get("/dashboard").status_code == 200  # the person changing it stays in
    assert sent_to_sign_in(replay(app, stolen).get("/dashboard"))

    stolen = client.get_cookie("session").value
    other = BrowserLikeClient(app.test_client())
    other.submit("/reset", {"email": "sam@example.org"})
    link = re.search(r"http://localhost(/reset/\S+)", next(outbox.glob("*.eml")).read_text())
    reset = other.submit(
        link.group(1), {"password": "calm lake morning", "confirm": "calm lake morning"}
    )
    assert reset.status_code == 302
    assert sent_to_sign_in(replay(app, stolen).get("/dashboard"))


def said_wait(response) -> int:
    """The minutes the 429 page asks the person to wait."""
    found = re.search(r"Wait about (\d+) minutes?, then try again", response.get_data(as_text=True))
    assert found, response.get_data(as_text=True)
    return int(found.group(1))


def test_sign_in_guessing_is_stopped_with_how_long_to_wait(app, client, create_user, auth):
    """5 failed sign-ins per 15 minutes (lms/auth/views.py, SIGNIN_RATE_LIMIT)."""
    assert app.config["SIGNIN_RATE_LIMIT"] == "5 per 15 minutes"
    create_user(email="sam@example.org")
    for _ in range(5):
        assert auth.signin("sam@example.org", "a wrong guess").status_code == 200
    blocked = auth.signin("sam@example.org")
    assert blocked.status_code == 429
    assert "Too many tries in a short time" in blocked.get_data(as_text=True)
    retry_after = int(blocked.headers["Retry-After"])
    assert 13 * 60 < retry_after <= 15 * 60 + 1
    assert said_wait(blocked) == round(retry_after / 60)


def test_certificate_lookups_are_limited_with_how_long_to_wait(client):
    """30 lookups a minute per address (lms/certificates/views.py): codes cannot be farmed."""
    for number in range(30):
        assert client.get(f"/verify/AAAA-BBBB-{number:04d}").status_code == 404
    blocked = client.get("/verify/AAAA-BBBB-CCCC")
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) <= 61
    assert said_wait(blocked) == 1
    through_the_form = client.get("/verify?code=AAAA-BBBB-CCCC", follow_redirects=True)
    assert through_the_form.status_code == 429


@pytest.mark.parametrize(
    "environment",
    [
        {"LMS_DEBUG": "true"},
        {"FLASK_DEBUG": "1"},
        {"LMS_SECRET_KEY": ""},
        {"LMS_SECRET_KEY": "   "},
        {"LMS_SECRET_KEY": "secret"},
        {"LMS_SECRET_KEY": "changeme"},
        {"LMS_SECRET_KEY": "a-short-made-up-phrase"},
    ],
    ids=["lms-debug", "flask-debug", "empty", "blank", "secret", "changeme", "short"],
)
def test_production_refuses_to_start_with_debug_or_a_weak_secret(
    tmp_path, monkeypatch, environment
):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(RuntimeError, match="Refusing to start"):
        create_app()


def test_production_refuses_debug_set_in_the_instance_config_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    (tmp_path / "config.py").write_text("DEBUG = True\n")
    with pytest.raises(RuntimeError, match="debug"):
        create_app()


def test_production_starts_with_a_long_random_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("LMS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LMS_SECRET_KEY", "key-" + os.urandom(24).hex())
    monkeypatch.setenv("LMS_PUBLIC_URL", "https://learn.example.org")
    assert create_app().config["SESSION_COOKIE_SECURE"] is True


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        body = b'body::before { content: "LEAKED FROM HTTP" }'
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Recorder.requests
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_pdf_renderer_fetches_nothing_outside_its_assets(tmp_path, local_server):
    """A certificate template (or anything injected into one) that names a local file, a
    server on this machine, the internet, a data: stylesheet importing those, or a path that
    climbs out of the assets folder renders without any of them: nothing is fetched."""
    base, requests = local_server
    secret = tmp_path / "secret.css"
    secret.write_text('body::after { content: "LEAKED FROM A FILE" }')
    climbing = os.path.relpath(secret, ASSETS)
    imports = f"@import url('file://{secret}'); @import url('{base}/imported.css');"
    sheets = [
        f"file://{secret}",
        f"{base}/linked.css",
        "https://example.org/linked.css",
        f"data:text/css,{imports}",
        climbing,
        f"asset:{climbing}",
    ]
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in sheets)
    images = f'<img src="file://{tmp_path}/x.png"><img src="{base}/x.png"><img src="{climbing}">'
    html = f"<html><head>{links}</head><body><p>Certificate body</p>{images}</body></html>"

    pdf = render_pdf(html)
    text = pdf_text(pdf)
    assert "Certificate body" in text
    assert "LEAKED" not in text
    assert requests == []
    assert not PdfReader(io.BytesIO(pdf)).pages[0].images


def test_a_nul_character_in_any_form_value_is_refused_and_changes_nothing(client, create_user):
    """PostgreSQL cannot store NUL in text; every form refuses it the same way, before any
    view reads it (the same test runs on both databases)."""
    user = create_user(email="nul@example.org", legal_name="Robin Hale")
    AuthActions(client).signin(user.email)
    for path, data in [
        ("/account", {"legal_name": "Robin\x00Hale", "preferred_name": "", "time_zone": "UTC"}),
        ("/ce/outside/new", {"title": "Ethics\x00webinar", "hours": "1"}),
        ("/certification/log/practice/new", {"description": "Met\x00a peer", "hours": "1"}),
    ]:
        response = client.submit(path, data)
        assert response.status_code == 400, path
        assert "hidden control character" in response.get_data(as_text=True)
    assert client.get("/courses?q=a%00b").status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).legal_name == "Robin Hale"
    assert db.session.execute(db.select(db.func.count(CERecord.id))).scalar_one() == 0


def _age_session(client, **seconds_ago) -> None:
    with client.client.session_transaction() as stored:
        for key, seconds in seconds_ago.items():
            stored[key] -= seconds


def test_a_session_idle_longer_than_the_setting_is_signed_out(app, client, create_user, auth):
    create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    minutes = app.config["SESSION_IDLE_MINUTES"]
    _age_session(client, seen_at=(minutes - 1) * 60, signed_in_at=(minutes - 1) * 60)
    assert client.get("/dashboard").status_code == 200  # a minute short: still in
    _age_session(client, seen_at=minutes * 60 + 5)
    response = client.get("/dashboard", follow_redirects=True)
    assert f"signed out after {minutes} minutes without activity" in response.get_data(True)
    assert client.get("/dashboard").status_code == 302


def test_a_busy_session_still_ends_at_the_absolute_limit(app, client, create_user, auth):
    create_user(email="sam@example.org")
    auth.signin("sam@example.org")
    hours = app.config["SESSION_MAX_HOURS"]
    _age_session(client, signed_in_at=hours * 3600 + 5)  # active a moment ago, signed in long ago
    response = client.get("/dashboard", follow_redirects=True)
    assert f"signed out {hours} hours after signing in" in response.get_data(True)
    assert client.get("/dashboard").status_code == 302
