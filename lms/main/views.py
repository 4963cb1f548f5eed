"""Landing page, dashboard and /healthz."""

from flask import Response, redirect, render_template, url_for
from flask_login import current_user, login_required

from lms.certification.readiness import readiness
from lms.content.language import load_terms
from lms.content.vocabulary import load_vocabulary
from lms.learning.dashboard import hours_by_topic, my_courses
from lms.localtime import today_for
from lms.main.blueprint import bp
from lms.permissions import allowed
from lms.provider import approvals_in_force
from lms.renewal.status import credential_statuses, picture


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


@bp.get("/dashboard")
@login_required
def dashboard():
    in_progress, completed = my_courses(current_user)
    year = today_for(current_user).year
    ce_total, ce_by_topic = hours_by_topic(current_user, year)
    today = today_for(current_user)
    pictures = [picture(item) for item in credential_statuses(current_user, today)]
    tracked = {p.item.credential.id for p in pictures}
    # Until a peer holds a credential, their first certification is the news.
    certified = any(c.certified_on for c in current_user.credentials)
    road = None if certified else readiness(current_user, today)
    return render_template(
        "main/dashboard.html",
        in_progress=in_progress,
        completed=completed,
        year=year,
        ce_total=ce_total,
        ce_by_topic=ce_by_topic,
        vocabulary=load_vocabulary(),
        road=road,
        pictures=pictures,
        untracked=[c for c in current_user.credentials if c.id not in tracked],
        no_board_approval=allowed(current_user, "admin.manage") and not approvals_in_force(today),
    )


@bp.get("/language")
def language():
    """The person-first terms the course checker knows, with what to say instead and why."""
    return render_template("main/language.html", terms=load_terms())


@bp.get("/healthz")
def healthz() -> Response:
    """The framework's floor for benchmarks: no database, no session, no template."""
    return Response("ok\n", mimetype="text/plain")
