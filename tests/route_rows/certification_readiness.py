"""Routes of the certification readiness page (lms/certification/views/readiness.py)."""

from tests.route_rows.roles import signed_in

ROWS = {
    ("GET", "/certification/"): signed_in(200),
    # No credential chosen: refused with what to fix.
    ("POST", "/certification/working-toward"): signed_in(400),
}
