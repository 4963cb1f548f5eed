"""Administration of people, the audit log: admins only. Sample ids do not exist (404)."""

from tests.route_rows.roles import admin_only

ROWS = {
    ("GET", "/admin/"): admin_only(200),
    ("GET", "/admin/backups"): admin_only(200),
    ("POST", "/admin/backups"): admin_only(302),
    ("GET", "/admin/backups/<name>.zip"): admin_only(404),
    ("GET", "/admin/users"): admin_only(200),
    ("GET", "/admin/users/<int:user_id>"): admin_only(404),
    ("POST", "/admin/users/<int:user_id>/roles"): admin_only(404),
    ("POST", "/admin/users/<int:user_id>/deactivate"): admin_only(404),
    ("POST", "/admin/users/<int:user_id>/reactivate"): admin_only(404),
    ("POST", "/admin/users/<int:user_id>/links"): admin_only(404),
    ("POST", "/admin/users/<int:user_id>/links/<int:link_id>/end"): admin_only(404),
    ("POST", "/admin/users/<int:user_id>/export"): admin_only(404),
    ("GET", "/admin/audit"): admin_only(200),
    ("GET", "/admin/records/<int:record_id>/correct"): admin_only(404),
    ("POST", "/admin/records/<int:record_id>/correct"): admin_only(404),
}

SAMPLE_ARGUMENTS = {"user_id": "999999", "link_id": "999999", "name": "20000101T000000Z"}
