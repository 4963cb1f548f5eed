"""Routes of the code of ethics affirmation and the practice exam (lms/certification)."""

from tests.route_rows.roles import signed_in

ROWS = {
    # Every account is a trainee: any signed-in person reads and affirms the code. An empty
    # affirmation is refused with a message (400) and nothing is stored.
    ("GET", "/certification/ethics"): signed_in(200),
    ("POST", "/certification/ethics"): signed_in(400),
    # Starting without choosing the timing is refused (400).
    ("GET", "/certification/exam"): signed_in(200),
    ("POST", "/certification/exam"): signed_in(400),
    # No such practice exam (or another person's): 404.
    ("GET", "/certification/exam/<int:practice_attempt_id>"): signed_in(404),
    ("POST", "/certification/exam/<int:practice_attempt_id>/submit"): signed_in(404),
    ("GET", "/certification/exam/<int:practice_attempt_id>/questions/<int:number>"): signed_in(404),
    ("POST", "/certification/exam/<int:practice_attempt_id>/questions/<int:number>"): signed_in(
        404
    ),
}

SAMPLE_ARGUMENTS = {"practice_attempt_id": "999999"}
