"""Looking after people's accounts: search, roles, deactivation and supervisor links.

Each change runs in the caller's transaction with its audit event; nothing here deletes a row.
"""

from dataclasses import dataclass

from sqlalchemy.orm import aliased

from lms import audit
from lms.auth import accounts
from lms.auth.accounts import AccountError
from lms.extensions import db
from lms.folding import fold
from lms.i18n import _
from lms.models import ROLES, SupervisorLink, User
from lms.supervision import links

PAGE_SIZE = 50
GRANTABLE_ROLES = tuple(role for role in ROLES if role != "trainee")


@dataclass(frozen=True)
class Page:
    items: list
    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number * self.size < self.total


def search_users(query: str, page: int = 1) -> Page:
    """People whose name or email contains `query` (any case, any accents: lms.folding), 50
    to a page, by name."""
    statement = db.select(User)
    query = query.strip()
    if query:
        statement = statement.where(User.search_text.contains(fold(query), autoescape=True))
    total = db.session.execute(
        db.select(db.func.count()).select_from(statement.subquery())
    ).scalar_one()
    rows = db.session.execute(
        statement.order_by(User.legal_name, User.id)
        .limit(PAGE_SIZE)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
    ).scalars()
    return Page(list(rows), max(page, 1), total)


def set_roles(user: User, wanted: set[str], *, actor: User) -> list[str]:
    """Grant and revoke so `user` holds exactly `wanted` (trainee is implicit); returns changes.

    An administrator cannot take away their own admin role: someone must always be left able
    to administer the site, and the last admin removing themself would lock everyone out.
    """
    unknown = wanted - set(GRANTABLE_ROLES)
    if unknown:
        raise AccountError(
            _("Unknown role %(role)s. Nothing was changed.", role=repr(sorted(unknown)[0]))
        )
    if user.id == actor.id and "admin" not in wanted:
        raise AccountError(_("You cannot remove your own admin role. Ask another administrator."))
    changes = []
    for role in GRANTABLE_ROLES:
        if role in wanted and not user.has_role(role):
            accounts.grant_role(user, role, actor=actor)
            changes.append(_("granted %(role)s", role=role))
        elif role not in wanted and user.has_role(role):
            accounts.revoke_role(user, role, actor=actor)
            changes.append(_("revoked %(role)s", role=role))
    return changes


def deactivate(user: User, *, actor: User) -> None:
    """Stop someone signing in and end their sessions. Their records stay as they are."""
    if user.id == actor.id:
        raise AccountError(_("You cannot deactivate your own account. Ask another administrator."))
    if not user.active:
        return
    user.active = False
    accounts.rotate_session_token(user)
    audit.record("account.deactivated", actor=actor, subject=user, email=user.email)


def reactivate(user: User, *, actor: User) -> None:
    if user.active:
        return
    user.active = True
    audit.record("account.reactivated", actor=actor, subject=user, email=user.email)


def link_people(supervisor_email: str, peer_email: str, *, actor: User) -> SupervisorLink:
    """Link a supervisor to a peer by their emails; AccountError says what to fix."""
    supervisor = accounts.find_user(supervisor_email)
    peer = accounts.find_user(peer_email)
    for email, person in ((supervisor_email, supervisor), (peer_email, peer)):
        if person is None:
            raise AccountError(
                _("No account uses %(email)s.", email=email.strip())
                if email.strip()
                else _("No account uses that email.")
            )
    if supervisor.id == peer.id:
        raise AccountError(_("A person cannot supervise themself."))
    try:
        return links.link(supervisor, peer, actor=actor)
    except ValueError as error:
        raise AccountError(str(error)) from error


@dataclass(frozen=True)
class LinkRow:
    link: SupervisorLink
    other: User  # the supervisor (in `supervisors`) or the peer (in `peers`)


def supervision_history(user: User) -> tuple[list[LinkRow], list[LinkRow]]:
    """(links where the user is the peer, links where they supervise), current ones first."""
    other = aliased(User)

    def rows(own_side, other_side) -> list[LinkRow]:
        found = db.session.execute(
            db.select(SupervisorLink, other)
            .join(other, other.id == other_side)
            .where(own_side == user.id)
            .order_by(SupervisorLink.ended_at.is_not(None), SupervisorLink.started_at.desc())
        ).all()
        return [LinkRow(link, person) for link, person in found]

    return (
        rows(SupervisorLink.peer_id, SupervisorLink.supervisor_id),
        rows(SupervisorLink.supervisor_id, SupervisorLink.peer_id),
    )
