"""Routes of the supervised practice log: the trainee's entries and monthly supervision (the
supervisor's decision on an entry is in lms.supervision, with the queue)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms.certification import practice_log
from lms.certification.blueprint import bp
from lms.certification.log_forms import FORMS, SESSION_FORMATS
from lms.content.labels import local_vocabulary
from lms.extensions import db
from lms.hours import format_hours
from lms.i18n import _
from lms.localtime import today_for
from lms.models import PracticeEntry
from lms.permissions import who_verifies
from lms.verification import DecisionError, histories, why_read_only


def _own_entry_or_404(entry_id: int) -> PracticeEntry:
    entry = db.session.get(PracticeEntry, entry_id)
    if entry is None or entry.user_id != current_user.id:
        abort(404)
    return entry


@bp.get("/log")
@login_required
def practice_log_page():
    entries = practice_log.entries_of(current_user.id)
    return render_template(
        "certification/log_list.html",
        entries=entries,
        histories=histories(entries),
        verifier=who_verifies(current_user.id),
        totals=practice_log.practice_totals(current_user.id),
        vocabulary=local_vocabulary(),
        formats=SESSION_FORMATS,
    )


@bp.route("/log/<any(practice, supervision):kind>/new", methods=["GET", "POST"])
@login_required
def log_entry(kind: str):
    form = FORMS[kind](today=today_for(current_user))
    if form.validate_on_submit():
        practice_log.log_entry(current_user, kind, form.values())
        db.session.commit()
        flash(
            _("Logged. The hours count as pending until your supervisor verifies them."), "success"
        )
        return redirect(url_for(".practice_log_page"))
    status = 400 if form.errors else 200
    return render_template(
        "certification/log_form.html",
        form=form,
        kind=kind,
        entry=None,
        verifier=who_verifies(current_user.id),
    ), status


@bp.route("/log/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit_log_entry(entry_id: int):
    """Change a pending entry, or correct a rejected one and send it again."""
    entry = _own_entry_or_404(entry_id)
    problem = why_read_only(entry)
    if problem:
        flash(problem, "info")
        return redirect(url_for(".practice_log_page"))
    form = FORMS[entry.kind](today=today_for(current_user))
    if request.method == "GET":
        form.process(obj=entry, hours=format_hours(entry.minutes))
    elif form.validate_on_submit():
        was = entry.status
        practice_log.edit_own(entry, form.values(), actor=current_user)
        db.session.commit()
        flash(
            _("Corrected and sent again: the hours are pending until they are verified.")
            if was == "rejected"
            else _("Changes saved. The hours are still pending."),
            "success",
        )
        return redirect(url_for(".practice_log_page"))
    status = 400 if form.errors else 200
    return render_template(
        "certification/log_form.html",
        form=form,
        kind=entry.kind,
        entry=entry,
        verifier=who_verifies(current_user.id),
    ), status


@bp.post("/log/<int:entry_id>/withdraw")
@login_required
def withdraw_log_entry(entry_id: int):
    entry = _own_entry_or_404(entry_id)
    try:
        practice_log.withdraw(entry, actor=current_user)
    except DecisionError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("Withdrawn. It no longer counts as pending; its history is kept."), "info")
    return redirect(url_for(".practice_log_page"))


@bp.get("/log/supervision")
@login_required
def monthly_supervision():
    months = practice_log.monthly_supervision(current_user.id, today_for(current_user))
    return render_template(
        "certification/log_supervision.html",
        months=months,
        required=practice_log.MONTHLY_SUPERVISION_MINUTES,
        totals=practice_log.practice_totals(current_user.id),
    )
