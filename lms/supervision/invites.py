"""A peer invites a supervisor by email; the supervisor accepts through a single-use link.

Only the SHA-256 of the token is stored, so a copy of the database cannot accept invitations.
An invitation is for one email address: the account accepting it must have that address and
hold the supervisor role.
"""

import hashlib
import secrets
from datetime import timedelta

from lms import audit
from lms.auth.accounts import find_user, normalise_email
from lms.extensions import db
from lms.i18n import _, _l
from lms.models import SupervisorInvite, SupervisorLink, User, utcnow
from lms.permissions import supervises
from lms.supervision import links

LIFETIME = timedelta(days=14)
# The invitation's subject holds nothing the inviter typed: a name in a subject line reads as
# our words. The body quotes the name, labelled as the sender's own (invite_email.txt).
MAIL_SUBJECT = _l("An invitation to supervise on Peerpath")


class InviteError(ValueError):
    """An invitation that cannot be sent or accepted; the message says what to do."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(peer: User, email: str) -> tuple[SupervisorInvite, str]:
    """Store an invitation and return it with the token to email (never stored in clear)."""
    email = normalise_email(email)
    if email == peer.email:
        raise InviteError(_("That is your own email. Enter your supervisor's email address."))
    invited = find_user(email)
    if invited is not None and supervises(invited, peer.id):
        raise InviteError(_("This person already supervises you."))
    token, now = secrets.token_urlsafe(32), utcnow()
    invite = SupervisorInvite(
        peer_id=peer.id,
        email=email,
        token_hash=_hash(token),
        created_at=now,
        expires_at=now + LIFETIME,
    )
    db.session.add(invite)
    db.session.flush()
    audit.record("supervision.invited", actor=peer, subject=invite, email=email)
    return invite, token


def find_invite(token: str) -> SupervisorInvite | None:
    return db.session.execute(
        db.select(SupervisorInvite).where(SupervisorInvite.token_hash == _hash(token))
    ).scalar_one_or_none()


def problem(invite: SupervisorInvite, user: User) -> str | None:
    """Why `user` cannot accept `invite`, or None when they can."""
    if invite.accepted_at is not None:
        return _("This invitation was already used. Ask the person to send a new one if needed.")
    if invite.expires_at < utcnow():
        return _("This invitation has expired. Ask the person to send a new one.")
    if normalise_email(user.email) != invite.email:
        return _(
            "This invitation was sent to a different email address. Sign in with the account "
            "for that address, or ask the person to invite the address you use here."
        )
    if not user.has_role("supervisor"):
        return _("Your account does not have the supervisor role yet. Ask an administrator.")
    if user.id == invite.peer_id:
        return _("You cannot supervise yourself.")
    if supervises(user, invite.peer_id):
        return _("You already supervise this person; nothing needs to change.")
    return None


def accept(invite: SupervisorInvite, user: User) -> SupervisorLink:
    """Link the supervisor to the peer and use up the invitation, in the caller's transaction."""
    reason = problem(invite, user)
    if reason:
        raise InviteError(reason)
    peer = db.session.get(User, invite.peer_id)
    try:
        link = links.link(user, peer, actor=user)
    except ValueError as error:
        raise InviteError(str(error)) from error
    invite.accepted_at = utcnow()
    invite.accepted_by_id = user.id
    audit.record("supervision.invite_accepted", actor=user, subject=invite, peer=peer.email)
    return link


def pending_invites(peer: User) -> list[SupervisorInvite]:
    """Invitations the peer sent that can still be accepted."""
    return list(
        db.session.execute(
            db.select(SupervisorInvite)
            .where(
                SupervisorInvite.peer_id == peer.id,
                SupervisorInvite.accepted_at.is_(None),
                SupervisorInvite.expires_at >= utcnow(),
            )
            .order_by(SupervisorInvite.created_at.desc())
        ).scalars()
    )
