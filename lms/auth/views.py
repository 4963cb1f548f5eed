"""Routes for accounts. Thin: parse the form, call lms.auth.accounts, render or redirect."""

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from lms import audit
from lms.auth import accounts
from lms.auth.blueprint import bp
from lms.auth.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    CredentialForm,
    ProfileForm,
    ResetPasswordForm,
    ResetRequestForm,
    SignInForm,
    SignUpForm,
)
from lms.errors import too_many_tries
from lms.extensions import db, limiter
from lms.i18n import _, current_locale, for_person
from lms.mail import send_mail
from lms.models import UserCredential, utcnow
from lms.permissions import landing_endpoint
from lms.urls import public_url, same_site_path


def _safe_next(target: str | None, user) -> str:
    """Only same-site paths are followed after sign-in; anything else goes where the person's
    work is (lms.permissions.landing_endpoint)."""
    return same_site_path(target) or url_for(landing_endpoint(user))


def _signin_failed(_response) -> bool:
    return bool(g.get("signin_failed"))


def _signin_limit() -> str:
    return current_app.config["SIGNIN_RATE_LIMIT"]


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def signup():
    if not current_app.config["SIGNUP_OPEN"]:
        return render_template("auth/signup_closed.html"), 403
    form = SignUpForm()
    if form.validate_on_submit():
        token, existing = accounts.request_signup(
            form.email.data, form.password.data, form.legal_name.data
        )
        db.session.commit()
        if existing is not None:
            _mail_address_taken(existing)
        else:
            _mail_signup_link(accounts.normalise_email(form.email.data), token)
        # The same page either way: it does not say whether the address has an account.
        return render_template("auth/signup_sent.html", email=form.email.data)
    return render_template("auth/signup.html", form=form)


def _mail_signup_link(address: str, token: str) -> None:
    """The link, in the language of the visitor who asked for it (they have no profile yet)."""
    body = _(
        "Hello,\n\nTo finish creating your Peerpath account, open this link within "
        "%(hours)s hours:\n\n%(link)s\n\nIf you did not ask for an account, you can ignore "
        "this message; nothing is created until the link is used.\n",
        hours=accounts.SIGNUP_LINK_HOURS,
        link=public_url("auth.finish_signup", token=token),
    )
    send_mail(address, _("Finish creating your Peerpath account"), body)


def _mail_address_taken(user) -> None:
    """Told to the account's owner, in their language (whoever filled in the form)."""
    with for_person(user):
        subject = _("Finish creating your Peerpath account")
        body = _(
            "Hello %(name)s,\n\nSomeone asked to create a Peerpath account with this "
            "address, and you already have one, so nothing new was made. To use it, sign in at "
            "%(signin)s; if you forgot your password, choose a new one at %(reset)s.\n\n"
            "If it was not you, you can ignore this message; your account has not changed.\n",
            name=user.display_name,
            signin=public_url("auth.signin"),
            reset=public_url("auth.reset_request"),
        )
    send_mail(user.email, subject, body)


@bp.get("/signup/finish/<token>")
def finish_signup_page(token: str):
    """The link in the mail opens a page with one button: opening it changes nothing."""
    if accounts.usable_signup(token) is None:
        return render_template("auth/signup_invalid.html"), 404
    return render_template("auth/signup_finish.html", token=token)


@bp.post("/signup/finish/<token>")
@limiter.limit("10 per hour")
def finish_signup(token: str):
    try:
        user = accounts.finish_signup(token, current_locale())
    except accounts.AccountError:
        db.session.rollback()
        return render_template("auth/signup_invalid.html"), 404
    db.session.commit()
    login_user(user)
    flash(_("Welcome to Peerpath. Your account is ready."), "success")
    return redirect(url_for("main.dashboard"))


@bp.route("/signin", methods=["GET", "POST"])
@limiter.limit(_signin_limit, methods=["POST"], deduct_when=_signin_failed, scope="signin-ip")
def signin():
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(
                form.email.data, form.password.data, request.remote_addr or ""
            )
        except accounts.SignInThrottled as held:
            db.session.commit()  # the audit event
            g.signin_failed = True
            return too_many_tries(held.wait.total_seconds())
        db.session.commit()
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next"), user))
        g.signin_failed = True
        form.password.errors.append(
            _("That email and password do not match. Check both and try again.")
        )
    return render_template("auth/signin.html", form=form)


@bp.post("/signout")
def signout():
    if current_user.is_authenticated:
        # A copy of this session's cookie must not work after sign-out: the cookie names the
        # session token, so a new token ends it (and the account's other sessions).
        accounts.rotate_session_token(current_user)
        db.session.commit()
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = accounts.find_user(form.email.data)
        max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
        if user is not None and user.active:
            token = accounts.issue_reset_token(user, max_age)
            db.session.commit()
            _mail_reset_link(user, public_url("auth.reset_password", token=token), max_age)
        else:
            # The same work as for an account (a write, a message), so neither the page nor the
            # time it takes tells who has an account here.
            accounts.record_unknown_reset(form.email.data)
            db.session.commit()
            send_mail(
                accounts.normalise_email(form.email.data),
                _("Reset your Peerpath password"),
                _(
                    "Hello,\n\nSomeone asked to reset the Peerpath password for this address, "
                    "but no Peerpath account uses it. If it was you, you may have signed up with "
                    "another address: sign in at %(signin)s or ask your administrator. If not, "
                    "you can ignore this message.\n",
                    signin=public_url("auth.signin"),
                ),
            )
        # The same answer either way, so the form does not reveal who has an account.
        return render_template("auth/reset_sent.html", email=form.email.data)
    return render_template("auth/reset_request.html", form=form)


def _mail_reset_link(user, link: str, max_age: int) -> None:
    """The reset link, in the account owner's language."""
    with for_person(user):
        subject = _("Reset your Peerpath password")
        body = _(
            "Hello %(name)s,\n\nTo choose a new password, open this link within %(minutes)s "
            "minutes:\n\n%(link)s\n\nIf you did not ask for this, you can ignore this "
            "message; your password has not changed.\n",
            name=user.display_name,
            minutes=max_age // 60,
            link=link,
        )
    send_mail(user.email, subject, body)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    if accounts.usable_reset_token(token) is None:
        return render_template("auth/reset_invalid.html"), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        accounts.reset_password(token, form.password.data)
        db.session.commit()
        logout_user()
        flash(_("Your password is changed. Sign in with the new one."), "success")
        # The address is not shown: whoever holds the link may not be its owner.
        return redirect(url_for("auth.signin"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ProfileForm() if request.method == "POST" else ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.legal_name = form.legal_name.data.strip()
        current_user.preferred_name = (form.preferred_name.data or "").strip()
        current_user.time_zone = form.time_zone.data
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("auth.account"))
    return _render_account(profile_form=form)


def _render_account(**forms):
    forms.setdefault("profile_form", ProfileForm(obj=current_user, formdata=None))
    forms.setdefault("password_form", ChangePasswordForm(formdata=None))
    forms.setdefault("email_form", ChangeEmailForm(formdata=None))
    forms.setdefault("credential_form", CredentialForm(formdata=None))
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render_template("account/account.html", **forms), status


@bp.post("/account/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except accounts.AccountError as error:
            form.current_password.errors.append(str(error))
        else:
            db.session.commit()
            login_user(
                current_user._get_current_object()
            )  # this session continues; every other one has ended
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("auth.account"))
    return _render_account(password_form=form)


@bp.post("/account/email")
@login_required
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            accounts.change_email(current_user, form.current_password.data, form.new_email.data)
        except accounts.AccountError as error:
            form.new_email.errors.append(str(error))
        else:
            db.session.commit()
            login_user(current_user._get_current_object())
            flash(_("Your email is changed. Other devices have been signed out."), "success")
            return redirect(url_for("auth.account"))
    return _render_account(email_form=form)


@bp.post("/account/credentials")
@login_required
def add_credential():
    form = CredentialForm()
    if form.validate_on_submit():
        db.session.add(form.credential(current_user))
        db.session.commit()
        flash(_("Credential added."), "success")
        return redirect(url_for("auth.account"))
    return _render_account(credential_form=form)


@bp.post("/account/credentials/<int:credential_id>/remove")
@login_required
def remove_credential(credential_id: int):
    credential = db.session.get(UserCredential, credential_id)
    if credential is None or credential.user_id != current_user.id or credential.ended_at:
        abort(404)
    credential.ended_at = utcnow()
    audit.record("credential.ended", actor=current_user, subject=credential, name=credential.name)
    db.session.commit()
    flash(_("Credential removed from your list. Your CE records are kept."), "info")
    return redirect(url_for("auth.account"))
