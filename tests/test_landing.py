"""Each role lands where their work is after signing in, and the admin overview shows what
needs an administrator: hours from people with no supervisor, a missing board approval, and
emails the mail server refused."""

import smtplib

import pytest

from lms.mail import send_mail
from tests.helpers import AuthActions, invoke_ok
from tests.journeys import log_outside_ce


@pytest.mark.parametrize(
    ("roles", "landing"),
    [
        ((), "/dashboard"),
        (("trainer",), "/authoring/"),
        (("supervisor",), "/team/"),
        (("admin",), "/admin/"),
        (("supervisor", "trainer"), "/team/"),
    ],
)
def test_each_role_lands_where_their_work_is(client, create_user, roles, landing):
    user = create_user(email="someone@example.org", roles=roles)
    response = AuthActions(client).signin(user.email)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(landing)
    assert client.get(response.headers["Location"]).status_code == 200


def test_the_demo_trainer_lands_on_a_course_of_their_own(runner, client):
    invoke_ok(runner, ["demo"])
    invoke_ok(runner, ["demo"])  # twice: still one demo course
    AuthActions(client).signin("trainer@example.org", "trainer-demo-pass")
    page = client.get("/authoring/").get_data(as_text=True)
    assert page.count("<h3>demo-your-first-course</h3>") == 1


def test_the_admin_overview_shows_what_needs_them(app, client, create_user):
    peer = create_user(email="alone@example.org", legal_name="Ana Alone")
    AuthActions(client).signin(peer.email)
    log_outside_ce(client)  # nobody supervises Ana: an administrator decides
    AuthActions(client).signout()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=9)  # nothing listens there
    with app.test_request_context(), pytest.raises((OSError, smtplib.SMTPException)):
        send_mail("ana@example.org", "Your hours were verified", "Hello")
    admin = create_user(email="admin@example.org", roles=("admin",))
    AuthActions(client).signin(admin.email)
    page = client.get("/admin/").get_data(as_text=True)
    assert "1 item (1 outside CE, 0 practice log) waits for you" in page
    assert "No board approval is in force today" in page
    assert "“Your hours were verified” to ana@example.org" in page
    assert "Nothing needs you right now" not in page
