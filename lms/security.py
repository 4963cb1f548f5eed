"""Response headers that every page carries, and the sign-in user loader."""

from flask import Flask, Response, render_template, request
from sqlalchemy.orm import joinedload

from lms.extensions import db, login_manager
from lms.models import User

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
    login_manager.login_message = "Please sign in to see that page."
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
                title="Part of what you sent holds a hidden control character",
                advice="Type the text again instead of pasting it, then send the form again. "
                "Nothing was saved.",
            ), 400
        return None

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """Sessions carry the user's session token, so rotating it signs every session out."""
    # Roles come in the same query: this runs on every signed-in request.
    return (
        db.session.execute(
            db.select(User)
            .where(User.session_token == session_token, User.active.is_(True))
            .options(joinedload(User.role_rows))
        )
        .unique()
        .scalar_one_or_none()
    )
