"""Response headers that every page carries, and the sign-in user loader."""

import time

from flask import Flask, Response, current_app, flash, render_template, request, session
from flask_login import logout_user, user_logged_in
from sqlalchemy import bindparam, select

from lms.db import DriverRead, as_loaded, mapped_columns
from lms.extensions import login_manager
from lms.hours import N_
from lms.i18n import _, ngettext
from lms.models import User, UserRole

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.signin"
    # Flask-Login flashes this through `localize_callback`, so it reads in the visitor's language.
    login_manager.login_message = N_("Please sign in to see that page.")
    login_manager.localize_callback = _
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    from lms.permissions import can

    app.jinja_env.globals["can"] = can

    @app.before_request
    def refuse_nul_characters():
        """No form has a use for a NUL character, and PostgreSQL cannot store one in text:
        refuse the request before anything reads it, with what to do."""
        values = [*request.args.listvalues(), *request.form.listvalues()]
        if any("\x00" in value for group in values for value in group):
            return render_template(
                "errors/error.html",
                code=400,
                title=_("Part of what you sent holds a hidden control character"),
                advice=_(
                    "Type the text again instead of pasting it, then send the form again. "
                    "Nothing was saved."
                ),
            ), 400
        return None

    user_logged_in.connect(_start_session_clock, app)
    app.before_request(end_session_when_idle_or_old)

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


# How often a signed-in request refreshes the idle clock in the session cookie: often enough to
# measure idleness in minutes, rarely enough that most responses set no cookie.
SEEN_RESOLUTION_SECONDS = 60


def _start_session_clock(_app, user, **_extra) -> None:
    now = int(time.time())
    session["signed_in_at"] = session["seen_at"] = now


def end_session_when_idle_or_old() -> None:
    """Sign out a session idle for SESSION_IDLE_MINUTES or older than SESSION_MAX_HOURS."""
    if "_user_id" not in session:
        return
    now = int(time.time())
    config = current_app.config
    signed_in_at = session.setdefault("signed_in_at", now)
    seen_at = session.setdefault("seen_at", now)
    idle, most = config["SESSION_IDLE_MINUTES"], config["SESSION_MAX_HOURS"]
    if now - seen_at > idle * 60:
        _sign_out(
            ngettext(
                "You were signed out after %(num)d minute without activity, to keep your "
                "account safe. Please sign in again.",
                "You were signed out after %(num)d minutes without activity, to keep your "
                "account safe. Please sign in again.",
                idle,
            )
        )
    elif now - signed_in_at > most * 3600:
        _sign_out(
            ngettext(
                "You were signed out %(num)d hour after signing in, to keep your account "
                "safe. Please sign in again.",
                "You were signed out %(num)d hours after signing in, to keep your account "
                "safe. Please sign in again.",
                most,
            )
        )
    elif now - seen_at >= SEEN_RESOLUTION_SECONDS:
        session["seen_at"] = now


def _sign_out(message: str) -> None:
    logout_user()
    session.pop("signed_in_at", None)
    session.pop("seen_at", None)
    flash(message, "info")


# Read afresh on every signed-in request, so a revocation (a rotated session token, a
# deactivation, a removed role) holds on the very next request on every worker and host. The
# user and their roles are one statement sent straight to the driver and handed to the ORM as if
# a query had loaded them (lms.db.as_loaded): ~0.2 ms less a request than an ORM query with its
# roles joined, on every page (docs/performance.md).
_USER_COLUMNS = mapped_columns(User)
USER_BY_SESSION_TOKEN = DriverRead(
    "SignedIn",
    select(*_USER_COLUMNS, *mapped_columns(UserRole))
    .outerjoin(UserRole, UserRole.user_id == User.id)
    .where(User.session_token == bindparam("token"), User.active.is_(True))
    .order_by(UserRole.id),
)


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """Sessions carry the user's session token, so rotating it signs every session out: the
    row is read on every request (no cache), so a revocation holds at once on every worker."""
    rows = USER_BY_SESSION_TOKEN.all(token=session_token)
    if not rows:
        return None
    split = len(_USER_COLUMNS)
    roles = [row[split:] for row in rows if row[split] is not None]
    return as_loaded(User, rows[0][:split], role_rows=roles)
