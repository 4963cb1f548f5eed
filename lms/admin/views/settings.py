"""Administration of the provider details printed on certificates, and of the credentials
peers may track."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from lms.admin.blueprint import bp
from lms.admin.forms import ApprovalForm, ProviderForm
from lms.extensions import db
from lms.i18n import _
from lms.localtime import today_for
from lms.permissions import requires
from lms.provider import (
    add_approval,
    all_approvals,
    approvals_in_force,
    current_provider,
    png_data_uri,
    save_provider,
)
from lms.renewal.rulesets import all_rule_sets, offered_rule_sets, set_offered

TEXT_FIELDS = (
    "organisation",
    "contact",
    "approval_statement",
    "signatory_name",
    "signatory_title",
    "paper",
)


@bp.route("/provider", methods=["GET", "POST"])
@requires("admin.manage")
def provider():
    current = current_provider()
    if ProviderForm().is_submitted():
        form = ProviderForm()
    else:
        saved_share = current.min_time_on_task_share
        form = ProviderForm(
            obj=current, time_on_task_share="" if saved_share is None else f"{saved_share:g}"
        )
    if form.validate_on_submit():
        values = {name: (getattr(form, name).data or "").strip() for name in TEXT_FIELDS}
        values["min_time_on_task_share"] = form.share()
        values["logo_png"] = _image(form.logo, form.remove_logo.data, current.logo_png)
        values["signature_png"] = _image(
            form.signature, form.remove_signature.data, current.signature_png
        )
        save_provider(values, actor=current_user)
        db.session.commit()
        flash(_("Provider details saved. Certificates issued from now on print them."), "success")
        return redirect(url_for(".provider"))
    status = 400 if form.errors else 200
    no_approval = not approvals_in_force(today_for(current_user))
    images = {
        "logo": png_data_uri(current.logo_png),
        "signature": png_data_uri(current.signature_png),
    }
    page = render_template(
        "admin/provider.html",
        form=form,
        current=current,
        images=images,
        no_board_approval=no_approval,
    )
    return page, status


@bp.route("/provider/approvals", methods=["GET", "POST"])
@requires("admin.manage")
def approvals():
    """The board approvals the provider holds; certificates print those in force."""
    form = ApprovalForm()
    form.covers.choices = [(key, rule.name) for key, rule in all_rule_sets().items()]
    if form.validate_on_submit():
        values = {
            "approving_body": form.approving_body.data.strip(),
            "approval_number": form.approval_number.data.strip(),
            "valid_from": form.valid_from.data,
            "valid_to": form.valid_to.data,
            "covers": list(form.covers.data or []),
        }
        add_approval(values, actor=current_user)
        db.session.commit()
        flash(
            _("Approval recorded. Certificates completed while it is in force print it."), "success"
        )
        return redirect(url_for(".approvals"))
    today = today_for(current_user)
    return render_template(
        "admin/approvals.html",
        form=form,
        approvals=all_approvals(),
        in_force={a.id for a in approvals_in_force(today)},
        no_board_approval=not approvals_in_force(today),
    ), (400 if form.errors else 200)


def _image(field, remove: bool, kept: bytes | None) -> bytes | None:
    if remove:
        return None
    return getattr(field, "png", None) or kept


@bp.route("/credentials", methods=["GET", "POST"])
@requires("admin.manage")
def credentials():
    """Choose which credential rule sets peers may pick from."""
    rule_sets = sorted(all_rule_sets().values(), key=lambda r: r.name)
    offered = {r.key for r in offered_rule_sets()}
    if request.method == "POST":
        chosen = set(request.form.getlist("offered")) & {r.key for r in rule_sets}
        if not chosen:
            flash(_("Offer at least one credential, or peers cannot track renewal."), "error")
            return redirect(url_for(".credentials"))
        set_offered(chosen, actor=current_user)
        db.session.commit()
        flash(_("Saved. Peers now choose from the credentials you ticked."), "success")
        return redirect(url_for(".credentials"))
    return render_template("admin/credentials.html", rule_sets=rule_sets, offered=offered)
