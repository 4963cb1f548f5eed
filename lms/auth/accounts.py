"""Account state changes, each with its audit event, in the caller's transaction."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app

from lms import audit
from lms.auth import throttle
from lms.auth.passwords import hash_password, verify_password
from lms.db import reading
from lms.extensions import db
from lms.i18n import _
from lms.models import ROLES, PasswordResetToken, SignupRequest, User, UserRole, utcnow

# Verifying against this keeps sign-in time the same whether or not the email exists.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


class AccountError(ValueError):
    """A request about an account that cannot be carried out; the message says why."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.execute(
        db.select(User).where(User.email == normalise_email(email))
    ).scalar_one_or_none()


def create_user(
    email: str,
    password: str,
    legal_name: str,
    *,
    roles: tuple[str, ...] = (),
    time_zone: str = "",
    password_hash: str = "",
) -> User:
    """Create an account (from a password, or its hash already made). Raises AccountError if
    the email is taken."""
    if find_user(email) is not None:
        raise AccountError(_("An account with that email already exists. Try signing in instead."))
    user = User(
        email=normalise_email(email),
        password_hash=password_hash or hash_password(password),
        legal_name=legal_name.strip(),
        session_token=secrets.token_urlsafe(32),
    )
    # Until the person picks their own, dates follow the site's time zone.
    user.time_zone = time_zone or current_app.config["DEFAULT_TIME_ZONE"]
    db.session.add(user)
    db.session.flush()
    for role in roles:
        grant_role(user, role, actor=None)
    audit.record("account.created", actor=user, subject=user)
    return user


class SignInThrottled(AccountError):
    """Too many wrong passwords for this account from this address: `wait` before trying."""

    def __init__(self, wait: timedelta):
        super().__init__("Too many wrong passwords for this account. Wait, then try again.")
        self.wait = wait


SIGNUP_LINK_HOURS = 24


def request_signup(email: str, password: str, legal_name: str) -> tuple[str | None, User | None]:
    """Ask for an account: (token for the link to mail, None) for a free address, or (None,
    the existing account). Both hash the password and write once, so neither the answer nor
    the time it takes tells who has an account; the account is made by `finish_signup`."""
    password_hash = hash_password(password)
    existing = find_user(email)
    if existing is not None:
        audit.record("signup.address_taken", subject=existing)
        return None, existing
    token = secrets.token_urlsafe(32)
    db.session.add(
        SignupRequest(
            token_hash=_token_hash(token),
            email=normalise_email(email),
            legal_name=legal_name.strip(),
            password_hash=password_hash,
            expires_at=utcnow() + timedelta(hours=SIGNUP_LINK_HOURS),
        )
    )
    audit.record("signup.requested", email=normalise_email(email)[:254])
    return token, None


def usable_signup(token: str) -> SignupRequest | None:
    row = db.session.execute(
        db.select(SignupRequest).where(SignupRequest.token_hash == _token_hash(token))
    ).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        return None
    return row


def finish_signup(token: str, locale: str | None = None) -> User:
    """Make the account a sign-up link stands for, once; AccountError if it cannot be used.

    `locale` is the language the person signed up in: kept in their profile, so what is sent
    to them later (emails, certificates) is in it too."""
    row = usable_signup(token)
    if row is None:
        raise AccountError(_("This link has expired or was already used. Sign up again."))
    row.used_at = utcnow()
    user = create_user(row.email, "", row.legal_name, password_hash=row.password_hash)
    user.locale = locale
    return user


def authenticate(email: str, password: str, address: str = "") -> User | None:
    """Return the user when the password is right; audit success and failure alike.

    Raises SignInThrottled, without checking the password, while the account's wrong
    passwords from `address` make it wait (lms/auth/throttle.py). The password check is slow
    on purpose (scrypt): it runs between a read transaction and the write that audits it, so
    no database write lock is held while it runs."""
    now = utcnow()
    with reading():
        user = find_user(email)
        known = user is not None and user.active
        password_hash = user.password_hash if known else _DUMMY_HASH
        wait = (
            throttle.wait_after(throttle.sign_in_events(user.id, now), address, now)
            if known
            else None
        )
        db.session.commit()
    if wait:
        audit.record("signin.throttled", subject=user, seconds=int(wait.total_seconds()) + 1)
        current_app.logger.warning(
            "Sign-in to account %s from %s held for %s after wrong passwords",
            user.id,
            address,
            wait,
        )
        raise SignInThrottled(wait)
    right = verify_password(password_hash, password)
    if not known:
        audit.record("signin.failed", email=normalise_email(email)[:254])
        return None
    if not right:
        audit.record("signin.failed", actor=user, subject=user, email=user.email)
        return None
    audit.record("signin.succeeded", actor=user, subject=user)
    return user


def grant_role(user: User, role: str, *, actor: User | None) -> None:
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}. Choose one of: {', '.join(ROLES)}.")
    if role == "trainee" or role in user.roles:
        return
    user.role_rows.append(UserRole(role=role))
    audit.record("role.granted", actor=actor, subject=user, role=role)


def revoke_role(user: User, role: str, *, actor: User | None) -> None:
    for row in list(user.role_rows):
        if row.role == role:
            user.role_rows.remove(row)
            audit.record("role.revoked", actor=actor, subject=user, role=role)


def rotate_session_token(user: User) -> None:
    """End every session signed in as this user (the caller signs the current one in again)."""
    user.session_token = secrets.token_urlsafe(32)


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not verify_password(user.password_hash, current_password):
        raise AccountError(_("Your current password was not right. Nothing was changed."))
    user.password_hash = hash_password(new_password)
    _sign_in_details_changed(user)
    audit.record("password.changed", actor=user, subject=user)


def change_email(user: User, current_password: str, new_email: str) -> None:
    if not verify_password(user.password_hash, current_password):
        raise AccountError(_("Your current password was not right. Nothing was changed."))
    other = find_user(new_email)
    if other is not None and other.id != user.id:
        raise AccountError(_("Another account already uses that email."))
    old = user.email
    user.email = normalise_email(new_email)
    _sign_in_details_changed(user)
    audit.record("email.changed", actor=user, subject=user, old=old, new=user.email)


def _sign_in_details_changed(user: User) -> None:
    """A new password or email ends every session and every reset link sent before it."""
    rotate_session_token(user)
    db.session.execute(
        db.update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=utcnow())
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_reset_token(user: User, max_age_seconds: int) -> str:
    """Create a single-use reset token and return it (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        PasswordResetToken(
            user_id=user.id,
            token_hash=_token_hash(token),
            expires_at=utcnow() + timedelta(seconds=max_age_seconds),
        )
    )
    audit.record("password.reset_requested", subject=user)
    return token


def record_unknown_reset(email: str) -> None:
    """Audit a reset asked for an address no account uses (the same write a real one makes)."""
    _token_hash(secrets.token_urlsafe(32))
    audit.record("password.reset_unknown", email=normalise_email(email)[:254])


def usable_reset_token(token: str) -> PasswordResetToken | None:
    row = db.session.execute(
        db.select(PasswordResetToken).where(PasswordResetToken.token_hash == _token_hash(token))
    ).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        return None
    return row


def reset_password(token: str, new_password: str) -> User:
    row = usable_reset_token(token)
    if row is None:
        raise AccountError(_("This reset link has expired or was already used. Ask for a new one."))
    user = db.session.get(User, row.user_id)
    user.password_hash = hash_password(new_password)
    _sign_in_details_changed(user)
    audit.record("password.reset", actor=user, subject=user)
    return user
