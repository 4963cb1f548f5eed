"""Command-line accounts: `users create`, `users grant` and the development demo accounts."""

from lms.auth import accounts
from lms.extensions import db
from lms.models import AuditEvent
from tests.helpers import AuthActions, invoke_ok


def test_users_create_reads_the_password_from_stdin_and_grants_roles(runner):
    result = runner.invoke(
        args=["users", "create", "lead@example.org", "--name", "Lee Ada", "--role", "admin"],
        input="correct horse battery\n",
    )
    assert result.exit_code == 0, result.output
    assert "roles: admin, trainee" in result.output
    user = accounts.find_user("lead@example.org")
    assert user.legal_name == "Lee Ada"
    assert accounts.authenticate("lead@example.org", "correct horse battery") is not None


def test_users_create_refuses_a_weak_password_and_creates_nothing(runner):
    result = runner.invoke(args=["users", "create", "lead@example.org"], input="password\n")
    assert result.exit_code == 1
    assert "Password not accepted" in result.output
    assert accounts.find_user("lead@example.org") is None


def test_users_create_refuses_a_taken_email(runner, create_user):
    create_user(email="lead@example.org")
    result = runner.invoke(args=["users", "create", "lead@example.org"], input="a fine phrase\n")
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_users_grant_adds_a_role_with_an_audit_event(runner, create_user):
    create_user(email="sam@example.org")
    result = runner.invoke(args=["users", "grant", "sam@example.org", "supervisor"])
    assert result.exit_code == 0, result.output
    assert accounts.find_user("sam@example.org").has_role("supervisor")
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "role.granted")
    ).scalar_one()
    assert event.detail == {"role": "supervisor"}


def test_demo_accounts_are_created_once_and_printed_once(runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0
    assert "admin@example.org" in first.output and "password:" in first.output
    second = runner.invoke(args=["demo"])
    assert "already exist" in second.output and "password:" not in second.output
    assert accounts.find_user("supervisor@example.org").has_role("supervisor")


def test_demo_accounts_are_refused_outside_development(app, runner):
    app.config["ENVIRONMENT"] = "production"
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 1
    assert "only in development" in result.output
    assert accounts.find_user("admin@example.org") is None


def test_each_demo_account_signs_in_through_the_form_and_sees_its_navigation(runner, client):
    from lms.cli import DEMO_ACCOUNTS

    invoke_ok(runner, ["demo"])
    expected = {"trainer": "Authoring", "supervisor": "My team", "admin": "Administration"}
    for email, _name, roles, password in DEMO_ACCOUNTS:
        response = AuthActions(client).signin(email, password)
        assert response.status_code == 302, email
        nav = client.get("/dashboard").get_data(as_text=True).split("</nav>")[0]
        for role in roles:
            assert f">{expected[role]}</a>" in nav
        AuthActions(client).signout()
