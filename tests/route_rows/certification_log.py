"""Routes of the supervised practice log (lms/certification/views/log.py)."""

from tests.route_rows.roles import signed_in, staff

ROWS = {
    ("GET", "/certification/log"): signed_in(200),
    ("GET", "/certification/log/supervision"): signed_in(200),
    ("GET", "/certification/log/<any(practice, supervision):kind>/new"): signed_in(200),
    # An empty form is refused with what to fix.
    ("POST", "/certification/log/<any(practice, supervision):kind>/new"): signed_in(400),
    # No such entry of one's own: 404.
    ("GET", "/certification/log/<int:entry_id>/edit"): signed_in(404),
    ("POST", "/certification/log/<int:entry_id>/edit"): signed_in(404),
    ("POST", "/certification/log/<int:entry_id>/withdraw"): signed_in(404),
    # Only supervisors (and admins) reach the decision; no such entry they supervise: 404.
    ("POST", "/certification/supervision/practice/<int:entry_id>/decide"): staff(
        ("supervisor", "admin"), 404
    ),
}

SAMPLE_ARGUMENTS = {"entry_id": "999999", "any(practice, supervision):kind": "practice"}
