"""Administration of people: users, roles, deactivation, supervisor links and data export.

Routes live on the admin blueprint (/admin); the audit log browser is in lms.admin.views.audit.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from lms import audit
from lms.admin import users
from lms.admin.blueprint import bp
from lms.admin.export import person_zip
from lms.auth.accounts import AccountError
from lms.certificates import queries as certificate_queries
from lms.downloads import send_bytes
from lms.extensions import db
from lms.i18n import _
from lms.models import CERecord, SupervisorLink, User
from lms.numbers import query_number
from lms.permissions import requires
from lms.supervision import links


def _page_number() -> int:
    return query_number(request.args, "page", 1) or 1


def _user_or_404(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.get("/users")
@requires("admin.manage")
def user_list():
    query = request.args.get("q", "").strip()[:200]
    page = users.search_users(query, _page_number())
    return render_template("admin/users.html", page=page, query=query)


@bp.get("/users/<int:user_id>")
@requires("admin.manage")
def person(user_id: int):
    return _person_page(_user_or_404(user_id))


def _person_page(user: User, errors: dict[str, str] | None = None, status: int = 200):
    supervisors, peers = users.supervision_history(user)
    return render_template(
        "admin/person.html",
        person=user,
        grantable=users.GRANTABLE_ROLES,
        supervisors=supervisors,
        peers=peers,
        certificates=certificate_queries.of_user(user),
        verified_outside=_verified_outside(user),
        certificate_status=certificate_queries.status,
        errors=errors or {},
        form=request.form if errors else {},
    ), status


def _verified_outside(user: User) -> list[CERecord]:
    return list(
        db.session.execute(
            db.select(CERecord)
            .where(
                CERecord.user_id == user.id,
                CERecord.source == "external",
                CERecord.status == "verified",
            )
            .order_by(CERecord.earned_on.desc())
        ).scalars()
    )


@bp.post("/users/<int:user_id>/roles")
@requires("admin.manage")
def roles(user_id: int):
    user = _user_or_404(user_id)
    try:
        changes = users.set_roles(user, set(request.form.getlist("roles")), actor=current_user)
    except AccountError as error:
        db.session.rollback()
        return _person_page(user, {"roles": str(error)}, 400)
    db.session.commit()
    if changes:
        flash(_("Roles saved (%(changes)s).", changes=", ".join(changes)), "success")
    else:
        flash(_("No roles changed."), "success")
    return redirect(url_for(".person", user_id=user.id))


@bp.post("/users/<int:user_id>/deactivate")
@requires("admin.manage")
def deactivate(user_id: int):
    user = _user_or_404(user_id)
    try:
        users.deactivate(user, actor=current_user)
    except AccountError as error:
        return _person_page(user, {"active": str(error)}, 400)
    db.session.commit()
    flash(
        _("%(email)s is deactivated and signed out. Their records are kept.", email=user.email),
        "success",
    )
    return redirect(url_for(".person", user_id=user.id))


@bp.post("/users/<int:user_id>/reactivate")
@requires("admin.manage")
def reactivate(user_id: int):
    user = _user_or_404(user_id)
    users.reactivate(user, actor=current_user)
    db.session.commit()
    flash(_("%(email)s can sign in again.", email=user.email), "success")
    return redirect(url_for(".person", user_id=user.id))


@bp.post("/users/<int:user_id>/links")
@requires("admin.manage")
def add_link(user_id: int):
    """Link this person to a supervisor (side=supervisor) or to a peer they oversee."""
    user = _user_or_404(user_id)
    side = request.form.get("side", "")
    other = request.form.get("email", "").strip()[:254]
    field = f"{side}_email"
    if side not in ("supervisor", "peer") or not other:
        return _person_page(user, {field: _("Enter the other person's email.")}, 400)
    pair = (other, user.email) if side == "supervisor" else (user.email, other)
    try:
        users.link_people(*pair, actor=current_user)
    except AccountError as error:
        db.session.rollback()
        return _person_page(user, {field: str(error)}, 400)
    db.session.commit()
    flash(
        _("Linked: %(supervisor)s now supervises %(peer)s.", supervisor=pair[0], peer=pair[1]),
        "success",
    )
    return redirect(url_for(".person", user_id=user.id))


@bp.post("/users/<int:user_id>/links/<int:link_id>/end")
@requires("admin.manage")
def end_link(user_id: int, link_id: int):
    user = _user_or_404(user_id)
    link = db.session.get(SupervisorLink, link_id)
    if link is None or user.id not in (link.supervisor_id, link.peer_id):
        abort(404)
    if link.ended_at is None and request.form.get("confirm") != "yes":
        supervisor, peer = (db.session.get(User, i) for i in (link.supervisor_id, link.peer_id))
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
                    "hours; hours waiting for a decision go to their next supervisor, or to an "
                    "administrator.",
                    supervisor=supervisor.legal_name,
                    peer=peer.legal_name,
                ),
                _("The link stays in the history below the person."),
            ],
            action=url_for(".end_link", user_id=user.id, link_id=link.id),
            yes=_("Yes, end the link"),
            cancel=url_for(".person", user_id=user.id),
        )
    if link.ended_at is None:
        links.end_link(link, actor=current_user)
        db.session.commit()
    flash(_("The link is ended. It stays in the history below."), "success")
    return redirect(url_for(".person", user_id=user.id))


@bp.post("/users/<int:user_id>/export")
@requires("admin.manage")
def export(user_id: int):
    """Download everything held about the person (audited: it is personal data leaving)."""
    user = _user_or_404(user_id)
    data = person_zip(user)
    audit.record("account.exported", actor=current_user, subject=user, bytes=len(data))
    db.session.commit()
    name = f"peerpath-person-{user.id}.zip"
    return send_bytes(data, filename=name, mimetype="application/zip")
