"""The readiness page: how far a trainee is from their first certificate, and what next."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms import audit
from lms.ce.initial import HOURS
from lms.certification import practice_log, readiness
from lms.certification.blueprint import bp
from lms.extensions import db
from lms.i18n import _
from lms.localtime import today_for
from lms.renewal import chart
from lms.renewal.rulesets import rule_label


@bp.get("/")
@login_required
def readiness_page():
    return _page()


@bp.post("/working-toward")
@login_required
def choose_working_toward():
    key = request.form.get("rule_set", "")
    offered = {rule.key: rule for rule in readiness.initial_rule_sets()}
    if key not in offered:
        return _page(error=_("Choose one of the credentials in the list.")), 400
    before = current_user.working_toward
    if key != before:
        current_user.working_toward = key
        audit.record(
            "certification.working_toward",
            actor=current_user,
            subject=current_user,
            before={"working_toward": before},
            after={"working_toward": key},
        )
        db.session.commit()
    flash(
        _("Your picture now shows what %(credential)s asks for.", credential=offered[key].name),
        "success",
    )
    return redirect(url_for(".readiness_page"))


def _page(error: str | None = None):
    choices = readiness.initial_rule_sets()
    picture = readiness.readiness(current_user, today_for(current_user), choices)
    status = picture.status
    bars = []
    if status is not None:
        bars = [
            chart.Bar(rule_label(item.label), item.required, item.verified, item.pending)
            for item in status.items
            if item.kind == HOURS
        ]
    return render_template(
        "certification/readiness.html",
        picture=picture,
        status=status,
        chart=chart.hours_chart(bars, _("Hours toward certification")) if bars else None,
        choices=choices,
        monthly_required=practice_log.MONTHLY_SUPERVISION_MINUTES,
        error=error,
    )
