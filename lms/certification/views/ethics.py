"""Routes for reading and affirming the code of ethics."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms.certification import ethics
from lms.certification.blueprint import bp
from lms.extensions import db
from lms.i18n import _


@bp.get("/ethics")
@login_required
def ethics_page():
    return _page()


@bp.post("/ethics")
@login_required
def affirm_ethics():
    typed = request.form.get("typed_name", "")[:200]
    try:
        ethics.affirm(current_user, typed)
    except ethics.EthicsError as error:
        db.session.rollback()
        return _page(error=str(error), typed=typed), 400
    db.session.commit()
    flash(_("Thank you. Your affirmation of the code of ethics is recorded."), "success")
    return redirect(url_for(".ethics_page"))


def _page(error: str | None = None, typed: str = ""):
    code = ethics.current_code()
    status = ethics.affirmation_statuses([current_user.id])[current_user.id]
    return render_template(
        "certification/ethics.html",
        code=code,
        status=status,
        error=error,
        typed=typed,
    )
