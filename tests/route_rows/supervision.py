"""Routes of the supervision area (lms/supervision) under /team; its queue rows are in
tests/test_routes.py and its practice-log decision row in certification_log.py."""

from tests.route_rows.roles import signed_in, staff

SUPERVISORS = ("supervisor", "admin")

ROWS = {
    ("GET", "/team/"): staff(SUPERVISORS, 200),
    ("GET", "/team/status.csv"): staff(SUPERVISORS, 200),
    # No such supervisee: 404 for the roles that may supervise.
    ("GET", "/team/<int:peer_id>"): staff(SUPERVISORS, 404),
    ("GET", "/team/<int:peer_id>/packet.zip"): staff(SUPERVISORS, 404),
    # Any signed-in peer chooses their supervisors; an empty invitation is refused (400).
    ("GET", "/team/supervisors"): signed_in(200),
    ("POST", "/team/supervisors"): signed_in(400),
    ("GET", "/team/invites/<token>"): signed_in(404),
    ("POST", "/team/invites/<token>"): signed_in(404),
    ("POST", "/team/links/<int:link_id>/end"): signed_in(404),
}

SAMPLE_ARGUMENTS = {"peer_id": "999999", "link_id": "999999"}
