"""Routes for CE records, outside CE, evidence and renewal status (the supervisor's queue is in
lms.supervision)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms.content.labels import local_vocabulary
from lms.downloads import send_bytes, viewable
from lms.extensions import db, limiter
from lms.hours import format_hours
from lms.i18n import _
from lms.localtime import today_for
from lms.models import CERecord, Evidence
from lms.permissions import may_see_records_of, who_verifies
from lms.renewal import (
    calendar,
    catalog_hints,  # noqa: F401  (the catalog's `counts_toward`)
    outside,
    status,
)
from lms.renewal import evidence as evidence_files
from lms.renewal.blueprint import bp
from lms.renewal.forms import OutsideCEForm
from lms.urls import public_url
from lms.verification import DecisionError, histories, why_read_only


def _own_record_or_404(record_id: int) -> CERecord:
    record = db.session.get(CERecord, record_id)
    if record is None or record.user_id != current_user.id:
        abort(404)
    return record


@bp.get("/ce")
@login_required
def records():
    rows = db.session.execute(
        db.select(CERecord)
        .where(CERecord.user_id == current_user.id)
        .order_by(CERecord.earned_on.desc(), CERecord.id.desc())
    ).scalars()
    records = list(rows)
    return render_template(
        "renewal/records.html",
        records=records,
        histories=histories([r for r in records if r.source == "external"]),
        verifier=who_verifies(current_user.id),
        vocabulary=local_vocabulary(),
        provider_tags=outside.provider_tags(),
    )


def _evidence_from(form: OutsideCEForm) -> dict | None:
    upload = form.evidence.data
    if not getattr(upload, "filename", ""):
        return None
    try:
        return evidence_files.store(upload.read(), upload.filename, current_user.id)
    except evidence_files.EvidenceError as error:
        form.evidence.errors.append(str(error))
        return None


def _uploader() -> str:
    return f"evidence-uploader:{current_user.id}"


# Uploads per person (each request may carry a 10 MB file): a pace no one logging real
# certificates reaches, far below what would fill a disk.
_upload_limit = limiter.limit("30 per hour", methods=["POST"], key_func=_uploader)


@bp.route("/ce/outside/new", methods=["GET", "POST"])
@login_required
@_upload_limit
def log_outside():
    form = OutsideCEForm(today=today_for(current_user))
    if form.validate_on_submit():
        stored = _evidence_from(form)
        if stored is not None:
            outside.log_outside(current_user, form.values(), stored)
            db.session.commit()
            flash(
                _("Logged. The hours count as pending until your supervisor verifies them."),
                "success",
            )
            return redirect(url_for(".records"))
    status = 400 if form.errors else 200
    return render_template(
        "renewal/outside_form.html", form=form, record=None, verifier=who_verifies(current_user.id)
    ), status


@bp.route("/ce/<int:record_id>/edit", methods=["GET", "POST"])
@login_required
@_upload_limit
def edit_outside(record_id: int):
    """Change pending outside CE, or correct rejected outside CE and send it again."""
    record = _own_record_or_404(record_id)
    problem = why_read_only(record) or (
        _("Hours from a Peerpath course cannot be changed.") if record.source != "external" else ""
    )
    if problem:
        flash(problem, "info")
        return redirect(url_for(".records"))
    form = OutsideCEForm(today=today_for(current_user), evidence_required=False)
    if request.method == "GET":
        form.process(obj=record, hours=format_hours(record.minutes))
    elif form.validate_on_submit():
        stored = _evidence_from(form)
        if not form.evidence.errors:
            was = record.status
            outside.edit_own(record, form.values(), stored, actor=current_user)
            db.session.commit()
            flash(_saved_message(was), "success")
            return redirect(url_for(".records"))
    status = 400 if form.errors else 200
    return render_template(
        "renewal/outside_form.html",
        form=form,
        record=record,
        verifier=who_verifies(current_user.id),
    ), status


def _saved_message(was: str) -> str:
    if was == "rejected":
        return _("Corrected and sent again: the hours are pending until they are verified.")
    return _("Changes saved. The hours are still pending.")


@bp.post("/ce/<int:record_id>/withdraw")
@login_required
def withdraw(record_id: int):
    record = _own_record_or_404(record_id)
    try:
        outside.withdraw(record, actor=current_user)
    except DecisionError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("Withdrawn. It no longer counts as pending; its history is kept."), "info")
    return redirect(url_for(".records"))


@bp.get("/evidence/<int:evidence_id>")
@login_required
def evidence(evidence_id: int):
    row = db.session.get(Evidence, evidence_id)
    record = row and db.session.get(CERecord, row.ce_record_id)
    if record is None or not may_see_records_of(current_user, record.user_id):
        abort(404)
    return viewable(
        evidence_files.read(row.stored_name),
        filename=f"evidence-{row.id}{evidence_files.extension_for(row.content_type)}",
        mimetype=row.content_type,
        download=request.args.get("download") == "1",
    )


@bp.get("/renewal")
@login_required
def renewal_overview():
    today = today_for(current_user)
    items = status.credential_statuses(current_user, today)
    tracked = {item.credential.id for item in items}
    return render_template(
        "renewal/overview.html",
        items=items,
        untracked=[c for c in current_user.credentials if c.id not in tracked],
    )


@bp.get("/renewal/<int:credential_id>")
@login_required
def renewal_page(credential_id: int):
    item = _credential_status_or_404(credential_id)
    labels = local_vocabulary().topics
    return render_template(
        "renewal/credential.html",
        item=item,
        chart=status.picture(item).chart,
        next_courses=status.courses_to_take_next(current_user, item.status),
        labels=labels,
    )


@bp.get("/renewal/<int:credential_id>.ics")
@login_required
def renewal_calendar(credential_id: int):
    item = _credential_status_or_404(credential_id)
    body = calendar.deadline_ics(
        uid=f"peerpath-renewal-{item.credential.id}-{item.status.cycle_end.isoformat()}",
        title=_("%(credential)s renewal deadline", credential=item.rule_name),
        day=item.status.cycle_end,
        url=public_url("renewal.renewal_page", credential_id=credential_id),
    )
    return send_bytes(body, filename="renewal-deadline.ics", mimetype="text/calendar")


def _credential_status_or_404(credential_id: int):
    credential = status.credential_of(current_user, credential_id)
    if credential is None:
        abort(404)
    today = today_for(current_user)
    found = [
        i
        for i in status.credential_statuses(current_user, today)
        if i.credential.id == credential_id
    ]
    if not found:
        abort(404)
    return found[0]
