"""What the session guard says reads in the reader's language: the sign-in prompt a visitor
meets on a members' page, the notice that an idle or old session was signed out, and the
refusal of a hidden control character."""

from lms.extensions import db
from lms.models import User
from tests.helpers import AuthActions

SPANISH = {"Accept-Language": "es-MX,es;q=0.9"}


def test_a_visitor_reading_spanish_is_asked_to_sign_in_in_spanish(client):
    response = client.get("/dashboard", headers=SPANISH, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Inicie sesión para ver esa página." in page
    assert "Please sign in to see that page." not in page
    english = client.get("/dashboard", follow_redirects=True).get_data(as_text=True)
    assert "Please sign in to see that page." in english


def test_an_idle_session_is_signed_out_with_a_notice_in_the_persons_language(
    app, client, create_user
):
    user = create_user(email="lucia@example.org")
    user.locale = "es"
    db.session.commit()
    AuthActions(client).signin(user.email)
    minutes = app.config["SESSION_IDLE_MINUTES"]
    with client.client.session_transaction() as stored:
        stored["seen_at"] -= minutes * 60 + 5
    page = client.get("/dashboard", follow_redirects=True).get_data(as_text=True)
    assert f"Se cerró su sesión después de {minutes} minutos sin actividad" in page
    assert "You were signed out" not in page


def test_a_hidden_control_character_is_refused_in_spanish(client, create_user):
    user = create_user(email="nul-es@example.org", legal_name="Lucía Ortega")
    user.locale = "es"
    db.session.commit()
    AuthActions(client).signin(user.email)
    data = {"legal_name": "Lucía\x00Ortega", "preferred_name": "", "time_zone": "UTC"}
    response = client.submit("/account", data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "un carácter de control oculto" in page
    assert "hidden control character" not in page
    db.session.expire_all()
    assert db.session.get(User, user.id).legal_name == "Lucía Ortega"
