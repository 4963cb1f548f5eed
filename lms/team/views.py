"""Supervisor routes: the team dashboard, a supervisee's page, exports; and the invitation and
link pages every peer uses to choose their supervisors."""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from lms.certificates.queries import status as certificate_status
from lms.certification import practice_log, readiness
from lms.content.vocabulary import load_vocabulary
from lms.extensions import db, limiter
from lms.learning.completion import local_today
from lms.mail import send_mail
from lms.models import User
from lms.permissions import requires
from lms.renewal.status import credential_statuses
from lms.team import dashboard, exports, invites, links, peer
from lms.team.forms import InviteForm
from lms.urls import public_url

bp = Blueprint("team", __name__, url_prefix="/team")


@bp.get("/")
@requires("supervision.view")
def team_dashboard():
    sort = request.args.get("sort", "deadline")
    sort = sort if sort in dashboard.SORTS else "deadline"
    team = dashboard.load_team(current_user, sort)
    return render_template("team/dashboard.html", team=team, sort=sort)


@bp.get("/status.csv")
@requires("supervision.view")
def status_csv():
    team = dashboard.load_team(current_user, request.args.get("sort", "name"))
    response = Response(exports.status_csv(team.rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="peerpath-team-status.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _supervisee_or_404(peer_id: int):
    found = peer.supervisee(current_user, peer_id)
    if found is None:
        abort(404)
    return found


@bp.get("/<int:peer_id>")
@requires("supervision.view")
def supervisee(peer_id: int):
    person = _supervisee_or_404(peer_id)
    view = peer.peer_view(current_user, person)
    today = local_today(person)
    return render_template(
        "team/peer.html",
        view=view,
        road=readiness.readiness(person, today),
        months=practice_log.monthly_supervision(person.id, today),
        monthly_required=practice_log.MONTHLY_SUPERVISION_MINUTES,
        vocabulary=load_vocabulary(),
        certificate_status=certificate_status,
    )


@bp.get("/<int:peer_id>/packet.zip")
@requires("supervision.view")
def packet(peer_id: int):
    person = _supervisee_or_404(peer_id)
    credential_id = request.args.get("credential", type=int)
    found = [
        item
        for item in credential_statuses(person, local_today(person))
        if item.credential.id == credential_id
    ]
    if not found:
        abort(404)
    status = found[0].status
    data = exports.audit_packet(
        person, status.cycle_start, status.cycle_end, current_app.config["PROVIDER_NAME"]
    )
    name = f"peerpath-audit-{person.id}-{status.cycle_start}-{status.cycle_end}.zip"
    response = Response(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/supervisors", methods=["GET", "POST"])
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
            flash(f"Invitation sent to {invite.email}. The link works for 14 days.", "success")
            return redirect(url_for(".supervisors"))
    return render_template(
        "team/supervisors.html",
        form=form,
        supervisors=links.supervisors_of(current_user),
        invitations=invites.pending_invites(current_user),
    ), (400 if form.errors else 200)


def _send_invitation(invite, token: str) -> None:
    url = public_url("team.invitation", token=token)
    body = render_template(
        "team/invite_email.txt", peer=current_user, url=url, expires=invite.expires_at
    )
    send_mail(invite.email, f"{current_user.display_name} asks you to be their supervisor", body)


@bp.route("/invites/<token>", methods=["GET", "POST"])
@login_required
def invitation(token: str):
    invite = invites.find_invite(token)
    if invite is None:
        abort(404)
    problem = invites.problem(invite, current_user)
    if request.method == "POST" and problem is None:
        invites.accept(invite, current_user)
        db.session.commit()
        flash("You now supervise this person; they appear on your team dashboard.", "success")
        return redirect(url_for(".team_dashboard"))
    inviter = db.session.get(User, invite.peer_id)
    status = 403 if problem and request.method == "POST" else 200
    return render_template(
        "team/invitation.html", token=token, inviter=inviter, problem=problem
    ), status


@bp.post("/links/<int:link_id>/end")
@login_required
def end_link(link_id: int):
    link = links.current_link_of(current_user, link_id)
    if link is None:
        abort(404)
    links.end_link(link, actor=current_user)
    db.session.commit()
    flash("Supervision ended. The link is kept in the history.", "info")
    if link.supervisor_id == current_user.id:
        return redirect(url_for(".team_dashboard"))
    return redirect(url_for(".supervisors"))
