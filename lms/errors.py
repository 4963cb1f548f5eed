"""Friendly error pages that say what happened and what to do next."""

import math
import time

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from lms.extensions import limiter
from lms.i18n import _, _l, ngettext

# Lazy: each page reads them in the language of the request it answers.
MESSAGES = {
    400: (
        _l("Something in that request was not right"),
        _l("Go back, check the form and try again."),
    ),
    401: (_l("Please sign in"), _l("Sign in to see this page.")),
    403: (
        _l("This page is not open to your account"),
        _l("If you think you need it, ask an administrator."),
    ),
    404: (
        _l("We could not find that page"),
        _l("Check the address, or start again from the home page."),
    ),
    405: (
        _l("That action is not available here"),
        _l("Use the buttons on the page instead of the address bar."),
    ),
    413: (
        _l("That file is too large"),
        _l("Choose a smaller file (the limit is shown next to the field) and try again."),
    ),
    429: (_l("Too many tries in a short time"), _l("Wait a few minutes, then try again.")),
    500: (
        _l("Something went wrong on our side"),
        _l("Nothing you typed was saved twice. Please try again in a moment."),
    ),
}


def _when_to_retry() -> str:
    """The 429 advice with the wait in minutes (the Retry-After header says it in seconds)."""
    limit = limiter.current_limit
    if limit is None:
        return MESSAGES[429][1]
    return wait_advice(limit.reset_at - time.time())


def wait_advice(seconds: float) -> str:
    """ "Wait about 3 minutes, then try again." (at least a minute: seconds read as fussy)."""
    minutes = max(1, round(seconds / 60))
    return ngettext(
        "Wait about %(num)d minute, then try again.",
        "Wait about %(num)d minutes, then try again.",
        minutes,
    )


def too_many_tries(seconds: float):
    """The 429 page for a wait decided outside the rate limiter, with its Retry-After."""
    title, _advice = MESSAGES[429]
    page = render_template("errors/error.html", code=429, title=title, advice=wait_advice(seconds))
    return page, 429, {"Retry-After": str(max(1, math.ceil(seconds)))}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return (
            render_template(
                "errors/error.html",
                code=400,
                title=_("This form has expired or was not sent from Peerpath"),
                advice=_("Nothing was changed. Reload the page and submit the form again."),
            ),
            400,
        )

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        # Plain text: the error page builds links from the request's host, the one refused.
        body = "Bad request: this site does not answer to that host name.\n"
        return body, 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code == 401:
            from flask import redirect, request, url_for

            return redirect(url_for("auth.signin", next=request.full_path.rstrip("?")))
        title, advice = MESSAGES.get(error.code or 500, (error.name, error.description))
        if error.code == 429:
            advice = _when_to_retry()
        return render_template(
            "errors/error.html", code=error.code, title=title, advice=advice
        ), error.code

    @app.errorhandler(500)
    def server_error(error: Exception):
        title, advice = MESSAGES[500]
        return render_template("errors/error.html", code=500, title=title, advice=advice), 500
