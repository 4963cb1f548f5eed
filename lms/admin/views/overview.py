"""The administrator's overview (where an admin lands after signing in): what needs them now.

Each count comes from the module that owns it: hours waiting for a decision from the
verification queue (an admin decides for everyone with no supervisor), board approvals from
lms.provider, failed emails from lms.mail."""

from flask import render_template
from flask_login import current_user

from lms.admin.blueprint import bp
from lms.localtime import today_for
from lms.mail import failed_mail
from lms.permissions import requires
from lms.provider import approvals_in_force
from lms.supervision.queue import pending_ce_records, pending_practice_entries


@bp.get("/")
@requires("admin.manage")
def overview():
    return render_template(
        "admin/overview.html",
        pending_ce=len(pending_ce_records(current_user)),
        pending_practice=len(pending_practice_entries(current_user)),
        no_board_approval=not approvals_in_force(today_for(current_user)),
        failed=failed_mail(),
    )
