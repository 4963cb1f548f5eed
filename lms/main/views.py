"""Landing page, dashboard and /healthz."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms.certification.readiness import readiness
from lms.content.labels import local_vocabulary
from lms.content.language import load_terms, term_sources
from lms.extensions import db
from lms.i18n import COOKIE, COOKIE_SECONDS, LOCALES, _, current_locale
from lms.learning.dashboard import hours_by_topic, my_courses
from lms.localtime import today_for
from lms.main.blueprint import bp
from lms.permissions import allowed
from lms.provider import approvals_in_force
from lms.renewal.status import credential_statuses, picture
from lms.urls import same_site_path


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
        vocabulary=local_vocabulary(),
        road=road,
        pictures=pictures,
        untracked=[c for c in current_user.credentials if c.id not in tracked],
        no_board_approval=allowed(current_user, "admin.manage") and not approvals_in_force(today),
    )


@bp.get("/language")
def language():
    """The person-first terms the course checker knows, with what to say instead and why: the
    list of the reader's language (the one the checker uses for courses in that language)."""
    language = current_locale()
    return render_template(
        "main/language.html", terms=load_terms(language), sources=term_sources(language)
    )


@bp.get("/healthz")
def healthz() -> Response:
    """The framework's floor for benchmarks: no database, no session, no template."""
    return Response("ok\n", mimetype="text/plain")


@bp.post("/locale")
def choose_locale():
    """Switch the interface language: saved in a signed-in person's profile, in a cookie for a
    visitor; then back to the page they were on."""
    choice = request.form.get("locale", "")
    back = same_site_path(request.form.get("next")) or url_for("main.index")
    if choice not in LOCALES:
        flash(
            _("Choose one of the languages offered: %(names)s.", names=", ".join(LOCALES.values())),
            "error",
        )
        return redirect(back, 303)
    if current_user.is_authenticated:
        current_user.locale = choice
        db.session.commit()
    response = redirect(back, 303)
    response.set_cookie(
        COOKIE,
        choice,
        max_age=COOKIE_SECONDS,
        samesite="Lax",
        secure=request.is_secure,
        httponly=True,
    )
    return response
