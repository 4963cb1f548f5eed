"""Wrong passwords slow guessing down without locking the owner out: each one makes the next
try from the same side wait longer, and guessing from elsewhere never holds up the owner at an
address they have signed in from before."""

from datetime import datetime, timedelta

from lms.auth.throttle import FREE_TRIES, MAX_WAIT, SignInEvent, wait_after
from lms.extensions import db
from lms.models import AuditEvent
from tests.helpers import DEFAULT_PASSWORD

NOW = datetime(2026, 12, 4, 12, 0)
HOME, AWAY = "198.51.100.7", "203.0.113.9"


def failures(count: int, address: str, last_at: datetime = NOW) -> list[SignInEvent]:
    return [
        SignInEvent(last_at - timedelta(seconds=count - 1 - n), False, address)
        for n in range(count)
    ]


def test_the_first_wrong_passwords_cost_nothing_then_each_doubles_the_wait():
    assert wait_after(failures(FREE_TRIES - 1, AWAY), AWAY, NOW) == timedelta(0)
    waits = [wait_after(failures(n, AWAY), AWAY, NOW) for n in range(FREE_TRIES, FREE_TRIES + 5)]
    assert waits == [timedelta(seconds=s) for s in (1, 2, 4, 8, 16)]
    assert wait_after(failures(FREE_TRIES + 40, AWAY), AWAY, NOW) == MAX_WAIT


def test_the_wait_runs_from_the_last_wrong_password_and_old_ones_are_forgotten():
    events = failures(FREE_TRIES + 3, AWAY, last_at=NOW - timedelta(seconds=5))
    assert wait_after(events, AWAY, NOW) == timedelta(seconds=3)  # 8 s wait, 5 s gone
    old = failures(FREE_TRIES + 3, AWAY, last_at=NOW - timedelta(hours=25))
    assert wait_after(old, AWAY, NOW) == timedelta(0)


def test_guessing_from_elsewhere_never_holds_up_the_owner_at_home():
    home = [SignInEvent(NOW - timedelta(days=3), True, HOME)]
    guesses = [e for n in range(30) for e in failures(2, f"203.0.113.{n}")]
    assert wait_after(home + guesses, HOME, NOW) == timedelta(0)
    assert wait_after(home + guesses, "192.0.2.1", NOW) == MAX_WAIT


def test_a_right_password_at_home_clears_the_owners_own_mistakes():
    events = [*failures(FREE_TRIES + 2, HOME, NOW - timedelta(seconds=2))]
    events.append(SignInEvent(NOW - timedelta(seconds=1), True, HOME))
    assert wait_after(events, HOME, NOW) == timedelta(0)


def sign_in(client, password, address):
    return client.submit(
        "/signin",
        {"email": "sam@example.org", "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_the_owner_signs_in_at_home_while_strangers_are_held_and_it_is_logged(client, create_user):
    create_user(email="sam@example.org")
    assert sign_in(client, DEFAULT_PASSWORD, HOME).status_code == 302
    client.post("/signout")
    # Spread over addresses, as a botnet would, each under its own address's limit: after the
    # free tries, the guesses that come too soon are turned away without a password check.
    answers = [sign_in(client, "a wrong guess", f"203.0.113.{n}").status_code for n in range(12)]
    assert answers[:FREE_TRIES] == [200] * FREE_TRIES
    assert answers[FREE_TRIES:] == [429] * (12 - FREE_TRIES)

    stranger = sign_in(client, DEFAULT_PASSWORD, "192.0.2.50")
    assert stranger.status_code == 429
    assert 0 < int(stranger.headers["Retry-After"]) <= MAX_WAIT.total_seconds()
    assert "Wait about" in stranger.get_data(as_text=True)

    assert sign_in(client, DEFAULT_PASSWORD, HOME).status_code == 302
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert "signin.throttled" in actions
