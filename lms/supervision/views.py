"""Supervision routes: the team dashboard, a supervisee's page and exports; the verification
queue and its decisions; and the invitation and link pages every peer uses to choose their
supervisors. Thin: the rules live in the area's plain modules."""

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from lms.auth.accounts import find_user
from lms.certificates.queries import status as certificate_status
from lms.certification import practice_log, readiness
from lms.content.labels import local_vocabulary
from lms.downloads import send_bytes
from lms.extensions import db, limiter
from lms.i18n import _, for_person
from lms.localtime import today_for
from lms.mail import send_mail
from lms.models import CERecord, PracticeEntry, User
from lms.numbers import query_number
from lms.permissions import requires
from lms.renewal import outside
from lms.renewal.status import credential_statuses
from lms.supervision import dashboard, exports, invites, links
from lms.supervision.blueprint import bp
from lms.supervision.decisions import tell_owner
from lms.supervision.forms import DecisionForm, InviteForm
from lms.supervision.packet import audit_packet
from lms.supervision.queue import pending_ce_records, pending_practice_entries, supervised_item
from lms.supervision.supervisee import peer_view, supervisee_of
from lms.urls import public_url
from lms.verification import ChangedSinceShown, DecisionError


@bp.get("/team/")
@requires("supervision.view")
def team_dashboard():
    sort = request.args.get("sort", "deadline")
    sort = sort if sort in dashboard.SORTS else "deadline"
    team = dashboard.load_team(current_user, sort)
    return render_template("supervision/dashboard.html", team=team, sort=sort)


@bp.get("/team/status.csv")
@requires("supervision.view")
def status_csv():
    team = dashboard.load_team(current_user, request.args.get("sort", "name"))
    return send_bytes(
        exports.status_csv(team.rows), filename="peerpath-team-status.csv", mimetype="text/csv"
    )


def _supervisee_or_404(peer_id: int):
    found = supervisee_of(current_user, peer_id)
    if found is None:
        abort(404)
    return found


@bp.get("/team/<int:peer_id>")
@requires("supervision.view")
def supervisee(peer_id: int):
    person = _supervisee_or_404(peer_id)
    view = peer_view(current_user, person)
    today = today_for(person)
    return render_template(
        "supervision/peer.html",
        view=view,
        road=readiness.readiness(person, today),
        months=practice_log.monthly_supervision(person.id, today),
        monthly_required=practice_log.MONTHLY_SUPERVISION_MINUTES,
        vocabulary=local_vocabulary(),
        certificate_status=certificate_status,
    )


@bp.get("/team/<int:peer_id>/packet.zip")
@requires("supervision.view")
def packet(peer_id: int):
    person = _supervisee_or_404(peer_id)
    credential_id = query_number(request.args, "credential")
    found = [
        item
        for item in credential_statuses(person, today_for(person))
        if item.credential.id == credential_id
    ]
    if not found:
        abort(404)
    status = found[0].status
    data = audit_packet(person, status, found[0].credential.name)
    name = f"peerpath-audit-{person.id}-{status.cycle_start}-{status.cycle_end}.zip"
    return send_bytes(data, filename=name, mimetype="application/zip")


@bp.route("/team/supervisors", methods=["GET", "POST"])
@login_required
@limiter.limit("20 per hour", methods=["POST"])
def supervisors():
    """A peer's own page: current supervisors, invitations waiting, and the invite form."""
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invite, token = invites.create_invite(current_user, form.email.data)
        except invites.InviteError as error:
            form.email.errors.append(str(error))
        else:
            _send_invitation(invite, token)
            db.session.commit()
            flash(
                _("Invitation sent to %(email)s. The link works for 14 days.", email=invite.email),
                "success",
            )
            return redirect(url_for(".supervisors"))
    return render_template(
        "supervision/supervisors.html",
        form=form,
        supervisors=links.supervisors_of(current_user),
        invitations=invites.pending_invites(current_user),
    ), (400 if form.errors else 200)


def _send_invitation(invite, token: str) -> None:
    """Email the invitation in the invited person's language when they have an account here
    (English otherwise): it is for them, not for the peer who sends it."""
    url = public_url("supervision.invitation", token=token)
    with for_person(find_user(invite.email)):
        body = render_template(
            "supervision/invite_email.txt", peer=current_user, url=url, expires=invite.expires_at
        )
        send_mail(invite.email, str(invites.MAIL_SUBJECT), body)


@bp.route("/team/invites/<token>", methods=["GET", "POST"])
@login_required
def invitation(token: str):
    invite = invites.find_invite(token)
    if invite is None:
        abort(404)
    problem = invites.problem(invite, current_user)
    if request.method == "POST" and problem is None:
        invites.accept(invite, current_user)
        db.session.commit()
        flash(_("You now supervise this person; they appear on your team dashboard."), "success")
        return redirect(url_for(".team_dashboard"))
    inviter = db.session.get(User, invite.peer_id)
    status = 403 if problem and request.method == "POST" else 200
    return render_template(
        "supervision/invitation.html", token=token, inviter=inviter, problem=problem
    ), status


@bp.post("/team/links/<int:link_id>/end")
@login_required
def end_link(link_id: int):
    link = links.current_link_of(current_user, link_id)
    if link is None:
        abort(404)
    supervisor, peer = db.session.get(User, link.supervisor_id), db.session.get(User, link.peer_id)
    mine = link.supervisor_id == current_user.id
    if request.form.get("confirm") != "yes":
        return render_template(
            "confirm.html",
            question=_(
                "End %(supervisor)s's supervision of %(peer)s?",
                supervisor=supervisor.legal_name,
                peer=peer.legal_name,
            ),
            consequences=[
                _(
                    "%(supervisor)s will no longer see %(peer)s's records or verify their "
                    "hours; hours waiting for a decision go to whoever supervises %(peer)s "
                    "next, or to an administrator.",
                    supervisor=supervisor.legal_name,
                    peer=peer.legal_name,
                ),
                _("The link stays in the history. To supervise again, link or invite again."),
            ],
            action=url_for(".end_link", link_id=link.id),
            yes=_("Yes, end the supervision"),
            cancel=url_for(".supervisee", peer_id=peer.id) if mine else url_for(".supervisors"),
        )
    links.end_link(link, actor=current_user)
    db.session.commit()
    flash(_("Supervision ended. The link is kept in the history."), "info")
    if mine:
        return redirect(url_for(".team_dashboard"))
    return redirect(url_for(".supervisors"))


@bp.get("/supervision/queue")
@requires("supervision.view")
def queue():
    """Outside CE and practice-log entries waiting for this person's decision."""
    return _queue_page()


def _queue_page(conflicts: dict | None = None, status: int = 200, errors: dict | None = None):
    """The queue; `conflicts` maps ("ce" | "practice", id) to what changed since it was shown,
    `errors` to why a decision on that item was refused (shown beside its reason field)."""
    return render_template(
        "supervision/queue.html",
        items=pending_ce_records(current_user),
        practice_items=pending_practice_entries(current_user),
        provider_tags=outside.provider_tags(),
        form=DecisionForm(),
        vocabulary=local_vocabulary(),
        conflicts=conflicts or {},
        errors=errors or {},
    ), status


@bp.post("/supervision/ce/<int:record_id>/decide")
@requires("supervision.view")
def decide_ce_record(record_id: int):
    record = supervised_item(CERecord, record_id, current_user) or abort(404)
    tag = request.form.get("provider_tag", "")[:100]

    def decide_with_tag(item, verified, reason, **seen):
        outside.decide(item, verified, reason, provider_tag=tag, **seen)

    return _decide_from_form(record, decide_with_tag, kind="ce", who="peer")


@bp.post("/certification/supervision/practice/<int:entry_id>/decide")
@requires("supervision.view")
def decide_practice_entry(entry_id: int):
    entry = supervised_item(PracticeEntry, entry_id, current_user) or abort(404)
    return _decide_from_form(entry, practice_log.decide, kind="practice", who="trainee")


def _decide_from_form(item, decide, *, kind: str, who: str):
    """Apply the queue's verify/reject form to the version of a pending item it showed, tell
    the owner, and go back to the queue. A changed item is shown again with what changed."""
    form = DecisionForm()
    verified = request.form.get("decision") == "verify"
    if not form.validate_on_submit():
        flash(_("The form expired or was incomplete; nothing was decided. Try again."), "error")
        return redirect(url_for(".queue"))
    try:
        decide(
            item,
            verified,
            form.reason.data or "",
            shown_version=form.version.data,
            supervisor=current_user,
        )
        db.session.commit()
    except ChangedSinceShown as changed:
        db.session.rollback()
        flash(str(changed), "error")
        return _queue_page({(kind, item.id): changed.changes}, status=409)
    except StaleDataError:
        # The owner's change was committed between the version check and this write (possible
        # on PostgreSQL, where write requests do not take turns): nothing was decided.
        db.session.rollback()
        flash(str(ChangedSinceShown([])), "error")
        return _queue_page({}, status=409)
    except DecisionError as error:
        db.session.rollback()
        if item.status != "pending":  # decided meanwhile: no longer in the queue to sit beside
            flash(str(error), "error")
            return redirect(url_for(".queue"))
        return _queue_page(errors={(kind, item.id): str(error)}, status=400)
    tell_owner(item)
    if verified:
        flash(_("Verified: the hours now count."), "success")
    elif who == "peer":
        flash(_("Rejected. The peer sees your reason."), "success")
    else:
        flash(_("Rejected. The trainee sees your reason."), "success")
    return redirect(url_for(".queue"))
