"""Certificate routes: the holder's list and downloads, public verification, admin actions."""

from datetime import date

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from lms.certificates import badges, handouts, issue, queries, transcript
from lms.certificates.blueprint import bp
from lms.downloads import send_bytes, viewable
from lms.extensions import db, limiter
from lms.i18n import _, hours_count
from lms.instance_files import shared_storage
from lms.localtime import today_for
from lms.permissions import requires
from lms.provider import current_provider
from lms.urls import public_base


@bp.get("/certificates")
@login_required
def mine():
    return render_template(
        "certificates/mine.html", certificates=queries.of_user(current_user), status=queries.status
    )


@bp.get("/certificates/<code>.pdf")
@login_required
def download(code: str):
    certificate = queries.by_code(code)
    if certificate is None or not queries.may_view(current_user, certificate):
        abort(404)
    pdf = issue.pdf_of(certificate)  # stored at issue, or rendered now without writing
    if pdf is None:
        abort(500)
    response = viewable(
        pdf,
        filename=f"peerpath-certificate-{certificate.display_code}.pdf",
        mimetype="application/pdf",
        download=request.args.get("download") == "1",
    )
    if certificate.pdf_sha256:
        response.headers["X-Content-SHA256"] = certificate.pdf_sha256
    return response


@bp.get("/verify")
@limiter.limit("30 per minute")
def verify_form():
    typed = request.args.get("code", "").strip()
    if typed:
        return redirect(url_for(".verify", code=typed))
    return _noindex(render_template("certificates/verify_form.html"))


@bp.get("/verify/<code>")
@limiter.limit("30 per minute")
def verify(code: str):
    certificate = queries.by_code(code)
    replacement = None
    state = "unknown"
    if certificate is not None:
        state = queries.status(certificate)
        newest = queries.latest_in_chain(certificate)
        replacement = newest if newest.id != certificate.id else None
    page = render_template(
        "certificates/verify.html",
        typed=code,
        certificate=certificate,
        state=state,
        replacement=replacement,
    )
    return _noindex(page, 200 if certificate else 404)


def _noindex(body: str, status: int = 200) -> Response:
    response = Response(body, status=status, mimetype="text/html")
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.get("/admin/certificates/<code>")
@requires("admin.manage")
def manage(code: str):
    certificate = queries.by_code(code) or abort(404)
    return render_template(
        "certificates/manage.html",
        certificate=certificate,
        state=queries.status(certificate),
        replacement=queries.replacement_of(certificate),
    )


@bp.post("/admin/certificates/<code>/revoke")
@requires("admin.manage")
def revoke(code: str):
    """Revoke with a reason, after a confirm step that says what revoking does."""
    certificate = queries.by_code(code) or abort(404)
    reason = request.form.get("reason", "").strip()[:500]
    if not reason:
        flash(_("Say why the certificate is revoked; the reason is kept in its history."), "error")
        return redirect(url_for(".manage", code=certificate.display_code))
    if request.form.get("confirm") != "yes":
        return _confirm(certificate, "revoke", reason)
    issue.revoke(certificate, reason, actor=current_user)
    db.session.commit()
    flash(_("The certificate is revoked."), "success")
    return redirect(url_for(".manage", code=certificate.display_code))


@bp.post("/admin/certificates/<code>/reissue")
@requires("admin.manage")
def reissue(code: str):
    """Re-issue with current details and a reason, after a confirm step."""
    certificate = queries.by_code(code) or abort(404)
    reason = request.form.get("reason", "").strip()[:500]
    if not reason or certificate.revoked_at is not None:
        flash(_("Give a reason, and re-issue only a certificate that is in force."), "error")
        return redirect(url_for(".manage", code=certificate.display_code))
    if request.form.get("confirm") != "yes":
        return _confirm(certificate, "reissue", reason)
    new = issue.reissue(certificate, reason, actor=current_user)
    db.session.commit()
    flash(_("Re-issued as %(code)s.", code=new.display_code), "success")
    return redirect(url_for(".manage", code=new.display_code))


def _confirm(certificate, action: str, reason: str) -> str:
    return render_template(
        "certificates/confirm.html", certificate=certificate, action=action, reason=reason
    )


def _period(args, user) -> tuple[date, date] | None:
    """The transcript's dates from the query string; by default 1 January to the person's
    today."""
    today = today_for(user)
    try:
        start = date.fromisoformat(args.get("start") or f"{today.year}-01-01")
        end = date.fromisoformat(args.get("end") or today.isoformat())
    except ValueError:
        return None
    return (start, end) if start <= end else None


@bp.get("/transcript")
@login_required
def transcript_page():
    period = _period(request.args, current_user)
    if period is None:
        flash(_("Use dates like 2026-01-31, with the start on or before the end."), "error")
        return redirect(url_for(".transcript_page"))
    data = transcript.build_transcript(current_user, *period)
    return render_template("certificates/transcript.html", t=data, hours_count=hours_count)


@bp.get("/transcript.<fmt>")
@login_required
def transcript_file(fmt: str):
    period = _period(request.args, current_user)
    if period is None or fmt not in ("csv", "pdf"):
        abort(404)
    data = transcript.build_transcript(current_user, *period)
    name = f"peerpath-transcript-{period[0]}-{period[1]}.{fmt}"
    if fmt == "csv":
        return send_bytes(transcript.transcript_csv(data), filename=name, mimetype="text/csv")
    pdf = transcript.transcript_pdf(data)
    return send_bytes(pdf, filename=name, mimetype="application/pdf")


@bp.get("/handouts/<slug>/<digest>/<name>.pdf")
@limiter.limit("30 per minute")
def handout(slug: str, digest: str, name: str):
    """A course handout printed to PDF; public like the course's media, shown in the browser."""
    pdf = handouts.handout_pdf(slug, digest, name)
    if pdf is None:
        abort(404)
    return send_bytes(
        pdf, filename=f"{name}.pdf", mimetype="application/pdf", inline=True, private=False
    )


def _base_url() -> str:
    return public_base()


def _jwks_url() -> str:
    return _base_url() + "/.well-known/jwks.json"


@bp.get("/certificates/<code>/badge.jwt")
@login_required
def badge(code: str):
    certificate = queries.by_code(code)
    if certificate is None or not queries.may_view(current_user, certificate):
        abort(404)
    key = badges.signing_key(shared_storage())
    token = badges.sign(badges.credential(certificate, _base_url()), key, _jwks_url())
    return send_bytes(
        token,
        filename=f"peerpath-badge-{certificate.display_code}.jwt",
        mimetype="application/vc+jwt",
    )


@bp.get("/.well-known/jwks.json")
def jwks():
    key = badges.signing_key(shared_storage()).public_key()
    return {"keys": [badges.public_jwk(key, _jwks_url())]}


@bp.get("/badges/issuer")
def badge_issuer():
    provider = current_provider()
    return badges.issuer_profile(_base_url(), provider.organisation, provider.contact)


@bp.get("/badges/<code>/status")
@limiter.limit("60 per minute")
def badge_status(code: str):
    certificate = queries.by_code(code)
    if certificate is None:
        abort(404)
    state = queries.status(certificate)
    return {
        "id": f"{_base_url()}/badges/{certificate.display_code}",
        "status": state,
        "revoked": state != "valid",
    }
