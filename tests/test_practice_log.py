"""Supervised practice log: a trainee logs practice hours and supervision sessions; they are
pending until the trainee's supervisor verifies them in the same queue as outside CE; verified
supervision is shown month by month against the 4 hours a month the IC&RC code asks for."""

from datetime import UTC, date, datetime, timedelta

import pytest

from lms.certification import practice_log
from lms.db import writing
from lms.extensions import db
from lms.models import AuditEvent, PracticeEntry, SupervisorLink
from tests.helpers import AuthActions, BrowserLikeClient, invoke_ok
from tests.journeys import PRACTICE_FORM as PRACTICE
from tests.journeys import decide_practice as decide
from tests.journeys import log_practice as log


@pytest.fixture
def team(app, client, create_user, runner):
    """A signed-in trainee (client) and a signed-in supervisor linked to them."""
    trainee = create_user(email="trainee@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(trainee.email)
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, trainee.email])
    supervisor = BrowserLikeClient(app.test_client())
    AuthActions(supervisor).signin(boss.email)
    return trainee, supervisor


def only_entry() -> PracticeEntry:
    return db.session.execute(db.select(PracticeEntry)).scalar_one()


def test_logged_practice_is_pending_and_counts_only_once_verified(client, team):
    trainee, supervisor = team
    assert log(client).status_code == 302
    assert log(client, "supervision").status_code == 302
    entries = db.session.execute(db.select(PracticeEntry).order_by(PracticeEntry.id)).scalars()
    practice, session = list(entries)
    assert (practice.kind, practice.minutes, practice.setting, practice.domain) == (
        "practice",
        150,
        "hospital",
        "advocacy",
    )
    assert (session.kind, session.session_format, session.supervisor_name) == (
        "supervision",
        "group",
        "Sam Ortiz",
    )
    page = client.get("/certification/log").get_data(as_text=True)
    assert page.count("Pending — waiting for your supervisor") == 2

    totals = practice_log.practice_totals(trainee.id)
    assert totals["practice"] == {"verified": 0, "pending": 150}
    assert totals["practice_by_domain"]["advocacy"] == {"verified": 0, "pending": 150}
    assert totals["supervision"] == {"verified": 0, "pending": 60}

    queue = supervisor.get("/supervision/queue").get_data(as_text=True)
    assert "Pat Rivera: Practice on 2026-03-14" in queue
    assert "Pat Rivera: Supervision on 2026-03-16" in queue
    decide(supervisor, practice.id, "verify")
    db.session.refresh(practice)
    assert practice.status == "verified" and practice.decided_at is not None

    totals = practice_log.practice_totals(trainee.id)
    assert totals["practice"] == {"verified": 150, "pending": 0}
    assert totals["practice_by_domain"]["advocacy"] == {"verified": 150, "pending": 0}
    assert totals["practice_by_domain"]["ethical-responsibility"] == {"verified": 0, "pending": 0}
    assert totals["supervision"] == {"verified": 0, "pending": 60}
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "practice.verified")
    ).scalar_one()
    assert (event.detail["before"]["status"], event.detail["after"]["status"]) == (
        "pending",
        "verified",
    )


def test_rejection_needs_a_reason_the_trainee_then_sees(client, team):
    trainee, supervisor = team
    log(client)
    entry = only_entry()
    decide(supervisor, entry.id, "reject")
    db.session.refresh(entry)
    assert entry.status == "pending"
    decide(supervisor, entry.id, "reject", "You were off shift that day; check the date.")
    db.session.refresh(entry)
    assert entry.status == "rejected"
    page = client.get("/certification/log").get_data(as_text=True)
    assert "You were off shift that day; check the date." in page
    assert practice_log.practice_totals(trainee.id)["practice"] == {"verified": 0, "pending": 0}
    assert "Nothing to verify" in supervisor.get("/supervision/queue").get_data(as_text=True)


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        ("practice", "hours", "1.3", "quarter-hour steps"),
        ("practice", "hours", "two", "as a number"),
        ("practice", "hours", "0", "between 0.25 and 100"),
        ("practice", "done_on", "2999-01-01", "cannot be in the future"),
        ("practice", "setting", "spaceship", "Choose where the work took place"),
        ("practice", "domain", "", "Choose the IC&amp;RC domain"),
        ("practice", "description", "  ", "Say briefly what you did"),
        ("supervision", "supervisor_name", "", "Enter who supervised the session"),
        ("supervision", "session_format", "triad", "Choose individual or group"),
        ("supervision", "hours", "0.1", "quarter-hour steps"),
    ],
)
def test_wrong_values_say_what_to_fix_and_change_nothing(client, team, kind, field, value, message):
    response = log(client, kind, {field: value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.execute(db.select(PracticeEntry)).first() is None
    assert (
        db.session.execute(
            db.select(AuditEvent).where(AuditEvent.action.like("practice.%"))
        ).first()
        is None
    )


def test_the_trainee_can_edit_or_withdraw_while_pending_with_a_trail(client, team):
    log(client)
    entry = only_entry()
    response = client.submit(
        f"/certification/log/{entry.id}/edit", {**PRACTICE, "hours": "1.75", "domain": "advocacy"}
    )
    assert response.status_code == 302
    db.session.refresh(entry)
    assert entry.minutes == 105
    edit = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "practice.edited")
    ).scalar_one()
    assert (edit.detail["before"]["minutes"], edit.detail["after"]["minutes"]) == (150, 105)

    client.submit("/certification/log", {}, action=f"/certification/log/{entry.id}/withdraw")
    db.session.refresh(entry)
    assert entry.status == "withdrawn"
    withdrawn = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "practice.withdrawn")
    ).scalar_one()
    assert withdrawn.detail["after"]["status"] == "withdrawn"
    # Once withdrawn it can no longer be changed, and it is kept, not deleted.
    client.submit(
        "/certification/log/practice/new",
        {**PRACTICE, "hours": "3"},
        action=f"/certification/log/{entry.id}/edit",
    )
    db.session.refresh(entry)
    assert entry.minutes == 105
    assert db.session.execute(db.select(db.func.count(PracticeEntry.id))).scalar() == 1


def test_a_verified_entry_can_no_longer_be_edited_or_withdrawn(client, team):
    _trainee, supervisor = team
    log(client)
    entry = only_entry()
    decide(supervisor, entry.id, "verify")
    client.submit(
        "/certification/log/practice/new", {}, action=f"/certification/log/{entry.id}/withdraw"
    )
    db.session.refresh(entry)
    assert entry.status == "verified"


def test_entries_are_closed_to_everyone_but_the_trainee_and_their_supervisor(
    app, client, team, create_user
):
    log(client)
    entry = only_entry()
    stranger = BrowserLikeClient(app.test_client())
    AuthActions(stranger).signin(create_user(roles=("supervisor",)).email)
    assert "Nothing to verify" in stranger.get("/supervision/queue").get_data(as_text=True)
    assert decide(stranger, entry.id, "verify").status_code == 404
    assert stranger.get(f"/certification/log/{entry.id}/edit").status_code == 404
    response = stranger.submit(
        "/certification/log/practice/new", {}, action=f"/certification/log/{entry.id}/withdraw"
    )
    assert response.status_code == 404
    db.session.refresh(entry)
    assert entry.status == "pending"


def test_an_ended_supervision_link_closes_the_decision(client, team, runner):
    _trainee, supervisor = team
    log(client)
    entry = only_entry()
    invoke_ok(runner, ["users", "link", "--end", "boss@example.org", "trainee@example.org"])
    assert decide(supervisor, entry.id, "verify").status_code == 404
    db.session.refresh(entry)
    assert entry.status == "pending"


def _supervision(user, done_on: date, minutes: int, status: str) -> None:
    db.session.add(
        PracticeEntry(
            user_id=user.id,
            kind="supervision",
            done_on=done_on,
            minutes=minutes,
            supervisor_name="Sam Ortiz",
            session_format="individual",
            status=status,
        )
    )


def test_months_below_four_verified_hours_of_supervision_are_flagged(app, create_user):
    trainee = create_user()
    with writing():
        _supervision(trainee, date(2026, 1, 5), 240, "verified")  # met
        _supervision(trainee, date(2026, 2, 3), 120, "verified")  # short by 2 hours
        _supervision(trainee, date(2026, 2, 20), 180, "pending")  # pending does not count
        _supervision(trainee, date(2026, 3, 2), 60, "rejected")  # nor does rejected
        _supervision(trainee, date(2026, 3, 9), 150, "verified")  # the month still runs
        _supervision(trainee, date(2025, 9, 9), 600, "verified")  # older than six months
        db.session.commit()

    months = practice_log.monthly_supervision(trainee.id, date(2026, 3, 15))
    assert [m.month for m in months] == [
        date(2025, 10, 1),
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
    by_month = {m.month: m for m in months}
    assert not by_month[date(2026, 1, 1)].below
    february = by_month[date(2026, 2, 1)]
    assert (february.verified, february.pending, february.below, february.short_by) == (
        120,
        180,
        True,
        120,
    )
    march = by_month[date(2026, 3, 1)]
    assert (march.verified, march.current, march.short_by) == (150, True, 90)
    assert by_month[date(2025, 10, 1)].below
    totals = practice_log.practice_totals(trainee.id)
    assert totals["supervision"] == {"verified": 240 + 120 + 150 + 600, "pending": 180}


def test_the_monthly_page_shows_the_gap_in_words_and_a_table(client, team):
    trainee, supervisor = team
    today = practice_log_today(trainee)
    with writing():  # supervised since two months ago: last month's gap is a real one
        link = db.session.execute(db.select(SupervisorLink)).scalar_one()
        link.started_at = datetime.now(UTC) - timedelta(days=62)
        db.session.commit()
    log(client, "supervision", {"done_on": today.isoformat(), "hours": "1.5"})
    decide(supervisor, only_entry().id, "verify")
    page = client.get("/certification/log/supervision").get_data(as_text=True)
    assert "1.5 of 4 hours verified" in page
    assert "2.5 hours still to document this month" in page
    assert "<progress" in page and "<table>" in page
    assert "No — 4 short" in page  # an earlier month with nothing verified


def test_months_before_supervision_began_are_not_short(client, team):
    """A trainee linked to their supervisor last week (the `team` fixture links them today) is
    not "4 h short" for the months before: the table starts with the month supervision began."""
    trainee, _ = team
    page = client.get("/certification/log/supervision").get_data(as_text=True)
    assert "short" not in page
    today = practice_log_today(trainee)
    months = practice_log.monthly_supervision(trainee.id, today)
    assert [m.month for m in months] == [today.replace(day=1)]


def test_supervision_logged_before_the_link_counts_from_its_first_session(app, create_user):
    trainee = create_user()
    with writing():
        _supervision(trainee, date(2026, 1, 5), 240, "verified")
        db.session.commit()
    months = practice_log.monthly_supervision(trainee.id, date(2026, 3, 15))
    assert [m.month for m in months] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert months[1].below and not months[0].below


def practice_log_today(user):
    from lms.localtime import today_for

    return today_for(user)
