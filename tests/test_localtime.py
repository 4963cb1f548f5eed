"""Local time: each person's own "today", stored UTC moments as local dates, one date format."""

import csv
import io
import re
import time
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader

from lms.certificates.issue import issue_certificate
from lms.certification import ethics
from lms.db import writing
from lms.extensions import db
from lms.localtime import local_date, today_for
from lms.models import CERecord, EthicsAffirmation, User, UserCredential, utcnow
from lms.renewal.status import credential_statuses
from tests.helpers import AuthActions

NEW_YEAR_UTC = datetime(2026, 1, 1, 0, 30)  # naive, as the database stores moments
LONG_FORM_DATE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"
)


def person(zone: str) -> User:
    """A person as the pure rules see one: only the time zone matters."""
    return User(email="x@example.org", legal_name="Riley Tane", time_zone=zone)


def test_auckland_and_los_angeles_have_different_todays_just_after_utc_midnight():
    assert today_for(person("Pacific/Auckland"), NEW_YEAR_UTC) == date(2026, 1, 1)
    assert today_for(person("America/Los_Angeles"), NEW_YEAR_UTC) == date(2025, 12, 31)


def test_daylight_saving_changes_move_the_local_date_on_the_right_night():
    # Los Angeles springs forward on 8 March 2026: 07:30 UTC the next day is 00:30 PDT on the
    # 9th (a fixed -8 offset would still say the 8th).
    assert local_date(datetime(2026, 3, 9, 7, 30), "America/Los_Angeles") == date(2026, 3, 9)
    # Auckland falls back on 5 April 2026: 11:30 UTC is 23:30 NZST on the 5th (a fixed +13
    # offset would already say the 6th).
    assert local_date(datetime(2026, 4, 5, 11, 30), "Pacific/Auckland") == date(2026, 4, 5)


def test_a_stored_moment_without_a_zone_is_utc_whatever_the_servers_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # a server clock set to Tokyo must not matter
    time.tzset()
    try:
        naive = datetime(2026, 1, 1, 5, 30)  # 23:30 on 31 December in Chicago
        assert local_date(naive, "America/Chicago") == date(2025, 12, 31)
        assert local_date(naive, "UTC") == date(2026, 1, 1)
        assert local_date(naive.replace(tzinfo=UTC), "America/Chicago") == date(2025, 12, 31)
    finally:
        monkeypatch.undo()
        time.tzset()


def _zone_not_on_utcs_date() -> str:
    """A real place whose date differs from UTC's right now: Kiritimati (UTC+14) is a day
    ahead from 10:00 UTC, Pago Pago (UTC-11) a day behind until 11:00 UTC."""
    return "Pacific/Kiritimati" if utcnow().hour >= 10 else "Pacific/Pago_Pago"


def _learner(create_user, zone: str) -> User:
    user = create_user(legal_name="Riley Tane")
    with writing():
        db.session.get(User, user.id).time_zone = zone
        db.session.commit()
    return db.session.get(User, user.id)


def test_a_certificate_is_issued_on_the_learners_own_date_like_its_completion(
    client, create_user, create_course
):
    version = create_course(lessons=1)
    learner = _learner(create_user, _zone_not_on_utcs_date())
    today = today_for(learner)
    assert today != utcnow().date()
    with writing():
        record = CERecord(
            user_id=learner.id,
            source="internal",
            course_version_id=version.id,
            title="Boundaries in practice",
            minutes=60,
            topics=["ethics"],
            delivery="self-paced",
            earned_on=today,
            status="verified",
        )
        db.session.add(record)
        db.session.flush()
        certificate = issue_certificate(record)
        db.session.commit()
    assert certificate.fields["issue_date"] == certificate.fields["completion_date"]

    AuthActions(client).signin(learner.email)
    page = client.get("/transcript").get_data(as_text=True)
    assert f'id="end" name="end" type="date" value="{today.isoformat()}"' in page
    assert "Boundaries in practice" in page

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(certificate.pdf)).pages)
    assert f"Completion date {today.isoformat()}" in " ".join(text.split())
    assert f"Issued {today.isoformat()}" in " ".join(text.split())


def test_pages_print_dates_one_way_and_csv_in_iso(client, create_user):
    peer = _learner(create_user, "America/Los_Angeles")
    today = today_for(peer)
    with writing():
        db.session.add(
            UserCredential(
                user_id=peer.id,
                name="IC&RC Peer Recovery",
                rule_set="icrc-pr",
                certified_on=today - timedelta(days=100),
            )
        )
        db.session.add(
            CERecord(
                user_id=peer.id,
                source="external",
                title="Boundaries in practice",
                provider="Harbor Training",
                minutes=60,
                topics=["ethics"],
                delivery="live",
                earned_on=today - timedelta(days=1),
                status="pending",
            )
        )
        code = ethics.current_code()
        db.session.add(
            EthicsAffirmation(
                user_id=peer.id,
                code_version=code.version,
                code_sha256=code.sha256,
                typed_name="Riley Tane",
                affirmed_at=datetime(2026, 3, 14, 3, 0),  # 20:00 on 13 March in Los Angeles
            )
        )
        db.session.commit()
    peer = db.session.get(User, peer.id)
    status = credential_statuses(peer, today)[0]
    AuthActions(client).signin(peer.email)

    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert f"this cycle ends on {status.status.cycle_end.isoformat()}." in dashboard
    credential = client.get(f"/renewal/{status.credential.id}").get_data(as_text=True)
    assert f"this cycle ends on {status.status.cycle_end.isoformat()}." in credential
    records = client.get("/ce").get_data(as_text=True)
    assert (today - timedelta(days=1)).isoformat() in records
    affirmed = client.get("/certification/ethics").get_data(as_text=True)
    assert "You affirmed this version on 2026-03-13." in affirmed
    for page in (dashboard, credential, records, affirmed):
        assert not LONG_FORM_DATE.search(page), LONG_FORM_DATE.search(page).group()

    start = today - timedelta(days=30)
    response = client.get(f"/transcript.csv?start={start}&end={today}")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["date"] for row in rows] == [(today - timedelta(days=1)).isoformat()]
