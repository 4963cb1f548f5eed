"""An administrator corrects verified outside CE: with a reason, on the version shown, audited.

Peers cannot change verified hours (lms.verification); when something in them is wrong, this
is where it is put right, and the record's trail keeps what it was and why it changed.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from lms.admin.blueprint import bp
from lms.extensions import db
from lms.hours import format_hours
from lms.i18n import _
from lms.localtime import today_for
from lms.models import CERecord, User
from lms.permissions import requires
from lms.renewal import outside
from lms.renewal.forms import CorrectionForm
from lms.verification import ChangedSinceShown, DecisionError


@bp.route("/records/<int:record_id>/correct", methods=["GET", "POST"])
@requires("admin.manage")
def correct_record(record_id: int):
    record = db.session.get(CERecord, record_id) or abort(404)
    if record.source != "external" or record.status != "verified":
        abort(404)
    owner = db.session.get(User, record.user_id)
    form = CorrectionForm(today=today_for(owner))
    if not form.is_submitted():
        form.process(obj=record, hours=format_hours(record.minutes), version=record.version)
    elif form.validate():
        try:
            outside.correct(
                record,
                form.values(),
                reason=form.reason.data,
                shown_version=form.version.data,
                actor=current_user,
            )
            db.session.commit()
        except ChangedSinceShown as changed:
            db.session.rollback()
            return _page(form, record, str(changed), changed.changes), 409
        except DecisionError as error:
            db.session.rollback()
            return _page(form, record, str(error)), 400
        flash(_("Corrected. The record's trail keeps what it was and why it changed."), "success")
        return redirect(url_for(".person", user_id=record.user_id))
    return _page(form, record), (400 if form.errors else 200)


def _page(form: CorrectionForm, record: CERecord, problem: str = "", changes=()):
    owner = db.session.get(User, record.user_id)
    return render_template(
        "admin/correct_record.html",
        form=form,
        record=record,
        owner=owner,
        problem=problem,
        changes=changes,
    )
