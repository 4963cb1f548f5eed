"""Landing page, dashboard and /healthz."""

from flask import Blueprint, Response, redirect, render_template, url_for
from flask_login import current_user, login_required

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


@bp.get("/dashboard")
@login_required
def dashboard():
    return render_template("main/dashboard.html")


@bp.get("/healthz")
def healthz() -> Response:
    """The framework's floor for benchmarks: no database, no session, no template."""
    return Response("ok\n", mimetype="text/plain")
