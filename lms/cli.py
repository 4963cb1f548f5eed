"""Command-line commands: `flask --app lms users …` and `flask --app lms demo`."""

import sys

import click
from flask import Flask, current_app

from lms.auth import accounts
from lms.auth.passwords import password_problem
from lms.cli_help import AppGroup, Command
from lms.db import writing
from lms.extensions import db
from lms.i18n import _
from lms.models import ROLES
from lms.permissions import supervises
from lms.supervision import links

users_cli = AppGroup("users", help="Create accounts and manage roles.")

# Functions of areas above this module (the factory lists them) that give the demo trainer
# something of their own, called with that account inside the demo's transaction.
DEMO_SEEDS = "lms.demo_seeds"

DEMO_ACCOUNTS = (
    ("trainee@example.org", "Tanya Rivera", (), "trainee-demo-pass"),
    ("trainer@example.org", "Theo Okafor", ("trainer",), "trainer-demo-pass"),
    ("supervisor@example.org", "Sam Whitfield", ("supervisor",), "supervisor-demo-pass"),
    ("admin@example.org", "Alex Morgan", ("admin",), "admin-demo-pass"),
)


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\n")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", "legal_name", default="", help="Full legal name (default: the email).")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES), help="Repeatable.")
def create_user_command(email: str, legal_name: str, roles: tuple[str, ...]) -> None:
    """Create an account. The password is read from a prompt, or from stdin when piped."""
    password = _read_password()
    problem = password_problem(password)
    if problem:
        raise click.ClickException(_("Password not accepted: %(problem)s", problem=problem))
    with writing():
        try:
            user = accounts.create_user(email, password, legal_name or email, roles=roles)
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from error
        db.session.commit()
    roles_text = ", ".join(sorted(user.roles))
    click.echo(_("Created %(email)s with roles: %(roles)s.", email=user.email, roles=roles_text))


@users_cli.command("grant")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
def grant_role_command(email: str, role: str) -> None:
    """Give an existing account a role."""
    with writing():
        user = accounts.find_user(email)
        if user is None:
            raise click.ClickException(_no_account(email))
        accounts.grant_role(user, role, actor=None)
        db.session.commit()
    roles_text = ", ".join(sorted(user.roles))
    click.echo(_("%(email)s now has roles: %(roles)s.", email=user.email, roles=roles_text))


@users_cli.command("link")
@click.argument("supervisor_email")
@click.argument("peer_email")
@click.option("--end", is_flag=True, help="End the link instead (it stays in history).")
def link_command(supervisor_email: str, peer_email: str, end: bool) -> None:
    """Link a supervisor to a peer they oversee (or end the link with --end)."""
    with writing():
        supervisor, peer = accounts.find_user(supervisor_email), accounts.find_user(peer_email)
        for email, user in ((supervisor_email, supervisor), (peer_email, peer)):
            if user is None:
                raise click.ClickException(_no_account(email))
        try:
            if end:
                links.unlink(supervisor, peer, actor=None)
            else:
                links.link(supervisor, peer, actor=None)
        except ValueError as error:
            raise click.ClickException(str(error)) from error
        db.session.commit()
    emails = {"supervisor": supervisor.email, "peer": peer.email}
    if end:
        click.echo(_("Ended: %(supervisor)s → %(peer)s.", **emails))
    else:
        click.echo(_("Linked: %(supervisor)s → %(peer)s.", **emails))


def _no_account(email: str) -> str:
    return _("No account uses %(email)s. Check the spelling.", email=email)


@click.command("demo", cls=Command)
def demo_command() -> None:
    """Create one demo account per role (development only) and print their sign-in details."""
    if current_app.config["ENVIRONMENT"] != "development":
        raise click.ClickException(
            _("Demo accounts exist only in development (LMS_ENVIRONMENT=development).")
        )
    created = []
    with writing():
        for email, name, roles, password in DEMO_ACCOUNTS:
            if accounts.find_user(email) is None:
                accounts.create_user(email, password, name, roles=roles)
                created.append((email, password))
        db.session.flush()
        # The demo supervisor oversees the demo trainee, so both sides can be tried at once.
        trainee, supervisor = (
            accounts.find_user(e) for e in ("trainee@example.org", "supervisor@example.org")
        )
        if not supervises(supervisor, trainee.id):
            links.link(supervisor, trainee, actor=None)
        for seed in current_app.extensions.get(DEMO_SEEDS, ()):
            seed(accounts.find_user("trainer@example.org"))
        db.session.commit()
    if created:
        click.echo(_("Demo accounts (development only):"))
        for email, password in created:
            click.echo(
                "  "
                + _("%(email)s password: %(password)s", email=f"{email:<28}", password=password)
            )
    else:
        click.echo(_("Demo accounts already exist (their sign-in details are in the README)."))


def init_app(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
