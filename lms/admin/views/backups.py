"""The backup page: make a backup of the whole site, list the ones made here, download one, and
read how to restore it. The backup itself is lms.admin.backup's, as on the command line."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from lms import audit
from lms.admin import site_backups
from lms.admin.backup import BackupError
from lms.admin.blueprint import bp
from lms.downloads import send_bytes
from lms.extensions import db
from lms.i18n import _
from lms.permissions import requires


@bp.get("/backups")
@requires("admin.manage")
def backups():
    return render_template("admin/backups.html", backups=site_backups.list_backups())


@bp.post("/backups")
@requires("admin.manage")
def make_backup():
    try:
        made = site_backups.make_backup()
    except (BackupError, FileExistsError) as error:
        flash(str(error), "error")
        return redirect(url_for(".backups"))
    audit.record("backup.created", actor=current_user, name=made.name, rows=made.rows)
    db.session.commit()
    flash(
        _(
            "Backup made: %(tables)d tables (%(rows)d rows) and %(files)d files.",
            tables=made.tables,
            rows=made.rows,
            files=made.files,
        ),
        "success",
    )
    return redirect(url_for(".backups"))


@bp.get("/backups/<name>.zip")
@requires("admin.manage")
def download_backup(name: str):
    try:
        data = site_backups.backup_zip(name)
    except BackupError as error:
        flash(str(error), "error")
        return redirect(url_for(".backups"))
    if data is None:
        abort(404)
    return send_bytes(data, filename=f"peerpath-backup-{name}.zip", mimetype="application/zip")
