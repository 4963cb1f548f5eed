"""The renewal picture: a peer holding a credential sees, per requirement, the hours verified,
pending and still needed, and by when; outside hours count once a supervisor verifies them."""

import io
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from lms.extensions import db
from lms.localtime import today_for
from lms.models import CERecord, ReminderSent, UserCredential
from lms.renewal.calendar import deadline_ics
from tests.ce.builders import BUNDLED
from tests.helpers import PDF, AuthActions, BrowserLikeClient, invoke_ok
from tests.journeys import OUTSIDE_CE_FORM


@pytest.fixture
def peer(client, create_user):
    user = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(user.email)
    return user


def add_credential(client, rule_set, certified_on, expires_on=""):
    return client.submit(
        "/account",
        {
            "rule_set": rule_set,
            "name": "",
            "number": "CRS-1",
            "certified_on": certified_on,
            "expires_on": expires_on,
        },
        action="/account/credentials",
    )


def verified_record(user, minutes, topics, earned_on, title="Workshop"):
    db.session.add(
        CERecord(
            user_id=user.id,
            source="external",
            title=title,
            minutes=minutes,
            topics=list(topics),
            delivery="live",
            earned_on=earned_on,
            status="verified",
        )
    )
    db.session.commit()


def test_a_pennsylvania_crs_peer_sees_what_is_missing_and_by_when(client, peer):
    # The peer's own date: "days left" counts in their time zone, a day behind UTC's for a
    # few hours after midnight UTC.
    today = today_for(peer)
    expires = today + timedelta(days=200)
    response = add_credential(
        client, "pa-crs", (expires - timedelta(days=730)).isoformat(), expires.isoformat()
    )
    assert response.status_code == 302
    verified_record(peer, 240, ["ethics"], today - timedelta(days=30))
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    page = client.get(f"/renewal/{credential.id}").get_data(as_text=True)
    assert "<svg" in page and 'role="img"' in page
    assert "Ethics: 4 of 6 hours verified, 0 pending, 2 still needed." in page
    assert "Confidentiality: 0 of 3 hours verified, 0 pending, 3 still needed." in page
    assert "Total hours: 4 of 30 hours verified" in page
    assert f"{(expires - today).days} days left" in page
    # What to take next: a live course that fills a missing topic would be listed here.


def test_the_renewal_page_shows_which_record_counts_toward_which_requirement(client, peer):
    today = date.today()
    expires = today + timedelta(days=200)
    add_credential(
        client, "pa-crs", (expires - timedelta(days=730)).isoformat(), expires.isoformat()
    )
    verified_record(peer, 180, ["ethics", "confidentiality"], today - timedelta(days=40), "Privacy")
    verified_record(peer, 240, ["ethics"], today - timedelta(days=30), "Ethics basics")
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    page = client.get(f"/renewal/{credential.id}").get_data(as_text=True)
    assert "Ethics: 6 of 6 hours verified" in page  # 4 h and 2 of the shared 3 h
    assert "Confidentiality: 1 of 3 hours verified, 0 pending, 2 still needed." in page
    sections = page.split("<h2>Which records count where</h2>")[1].split("<h3>")
    ethics, confidentiality = (
        next(s for s in sections if s.startswith(k)) for k in ("Ethics<", "Conf")
    )
    assert "Privacy" in ethics and "2 hours of its 3 hours" in ethics
    assert "Ethics basics" in ethics and "4 hours</li>" in ethics
    assert "Privacy" in confidentiality and "1 hour of its 3 hours" in confidentiality
    assert "Ethics basics" not in confidentiality


def test_pending_outside_hours_show_but_count_only_after_verification(
    app, client, peer, create_user, runner
):
    today = date.today()
    add_credential(client, "icrc-pr", (today - timedelta(days=100)).isoformat())
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    client.submit(
        "/ce/outside/new",
        {
            **OUTSIDE_CE_FORM,
            "earned_on": (today - timedelta(days=5)).isoformat(),
            "evidence": (io.BytesIO(PDF), "cert.pdf"),
        },
        content_type="multipart/form-data",
    )
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    page = client.get(f"/renewal/{credential.id}").get_data(as_text=True)
    assert "Ethics: 0 of 6 hours verified, 2 pending, 6 still needed." in page

    supervisor = BrowserLikeClient(app.test_client())
    AuthActions(supervisor).signin(boss.email)
    record = db.session.execute(db.select(CERecord)).scalar_one()
    supervisor.submit(
        "/supervision/queue", {"decision": "verify"}, action=f"/supervision/ce/{record.id}/decide"
    )
    page = client.get(f"/renewal/{credential.id}").get_data(as_text=True)
    assert "Ethics: 2 of 6 hours verified, 0 pending, 4 still needed." in page


def test_a_fixed_expiry_credential_needs_its_expiry_date(client, peer):
    response = add_credential(client, "pa-crs", "2025-03-01")
    assert response.status_code == 400
    assert "enter the date on your card" in response.get_data(as_text=True)
    assert db.session.execute(db.select(UserCredential)).first() is None


def test_the_deadline_downloads_as_a_calendar_event(client, peer):
    add_credential(client, "icrc-pr", "2025-03-01")
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    response = client.get(f"/renewal/{credential.id}.ics")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in body and "DTSTART;VALUE=DATE:" in body
    assert "TRIGGER:-P30D" in body


# A credential name a calendar must keep whole: commas and semicolons are iCalendar separators,
# a backslash its escape, and at 200 characters (some of them two or three octets in UTF-8)
# every line that carries it must be folded.
AWKWARD_NAME = ("Peer Support, Level II; Advanced \\ Forensic — Réseau Santé " * 4)[:199] + "."


def lines_fit_in_75_octets(ics: str) -> bool:
    return all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_a_calendar_event_keeps_an_awkward_title_whole_in_folded_lines():
    title = f"{AWKWARD_NAME}\nBEGIN:VEVENT\nSUMMARY:Injected"
    ics = deadline_ics(uid="u-1", title=title, day=date(2027, 3, 1), url="https://x.org/r/1")
    assert lines_fit_in_75_octets(ics)
    calendar = icalendar.Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == title
    assert [str(a["DESCRIPTION"]) for a in events[0].walk("VALARM")] == [
        f"{title} in 30 days",
        f"{title} in 7 days",
    ]


def write_instance_rule(app, name: str, label: str) -> None:
    """An organisation's own rule set in instance/credentials/, as an administrator adds one."""
    folder = Path(app.instance_path) / "credentials"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "local-cps.yaml").write_text(
        f"""key: local-cps
name: '{name}'
issuing_body: Local board
sources: [{{url: https://example.org/cps, title: Local, supports: all, retrieved: 2026-12-01}}]
note: Rules change. Check with your board before relying on these figures.
cycle:
  kind: anniversary
  months: 24
total_hours: 20
requirements:
  - key: ethics
    label: '{label}'
    topics: [ethics]
    hours: 6
""",
        encoding="utf-8",
    )


def test_the_downloaded_deadline_names_an_awkward_credential_as_written(app, client, peer):
    write_instance_rule(app, AWKWARD_NAME, "Ethics")
    add_credential(client, "local-cps", date.today().isoformat())
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    ics = client.get(f"/renewal/{credential.id}.ics").get_data(as_text=True)
    assert lines_fit_in_75_octets(ics)
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == f"{AWKWARD_NAME} renewal deadline"


def test_names_in_the_chart_are_escaped_not_run(app, client, peer):
    write_instance_rule(app, "<script>alert(1)</script> CPS", "<script>alert(2)</script>")
    add_credential(client, "local-cps", date.today().isoformat())
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    for path in (f"/renewal/{credential.id}", "/dashboard"):
        page = client.get(path).get_data(as_text=True)
        chart = page[page.index("<svg") : page.index("</svg>")]
        assert "Hours toward &lt;script&gt;alert(1)&lt;/script&gt; CPS renewal</title>" in chart
        assert ">&lt;script&gt;alert(2)&lt;/script&gt;</text>" in chart
        assert "<script>alert" not in page


def test_another_peers_renewal_page_is_not_found(app, client, peer, create_user):
    add_credential(client, "icrc-pr", "2025-03-01")
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    other = BrowserLikeClient(app.test_client())
    AuthActions(other).signin(create_user().email)
    assert other.get(f"/renewal/{credential.id}").status_code == 404
    assert other.get(f"/renewal/{credential.id}.ics").status_code == 404


def test_reminders_go_once_per_lead_time_and_supervisors_get_a_digest(
    app, client, peer, create_user, runner, outbox
):
    today = date.today()
    # IC&RC cycles run two years from certification: 25 days left in this one.
    certified = today + timedelta(days=25) - timedelta(days=730)
    add_credential(client, "icrc-pr", certified.isoformat())
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])

    dry = runner.invoke(args=["ce", "remind", "--dry-run"])
    assert "peer@example.org" in dry.output and not (outbox.exists() and list(outbox.iterdir()))

    first = runner.invoke(args=["ce", "remind"])
    assert first.exit_code == 0, first.output
    messages = [p.read_text() for p in outbox.glob("*.eml")]
    assert any("To: peer@example.org" in m and "days until your IC&RC" in m for m in messages)
    assert any("To: boss@example.org" in m and "Pat Rivera" in m for m in messages)
    sent = set(db.session.execute(db.select(ReminderSent.days_before)).scalars())
    assert sent == {30, 60, 90}

    invoke_ok(runner, ["ce", "remind"])
    assert len(list(outbox.glob("*.eml"))) == len(messages)  # nothing sent twice


def test_admins_choose_which_credentials_peers_can_pick(app, client, peer, create_user):
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(roles=("admin",)).email)
    offered = admin.get("/admin/credentials").get_data(as_text=True)
    assert ">Georgia CARES</label>" in offered
    assert (
        "Georgia Council for Recovery: 12 CE hours each calendar year, including 6 hours via "
        "a CARES Academy Connect"
    ) in offered
    assert "30 CE hours in the 2 years before the credential expires" in offered  # PA
    for internal in ("YAML", "instance/credentials", "flask --app"):
        assert internal not in offered
    admin.submit("/admin/credentials", {"offered": ["pa-crs", "icrc-pr"]})
    account = client.get("/account").get_data(as_text=True)
    assert "Pennsylvania Certified Recovery Specialist" in account
    assert "Georgia CARES" not in account
    refused = add_credential(client, "ga-cares", "2025-03-01")
    assert refused.status_code == 400
    assert db.session.execute(db.select(UserCredential)).first() is None


def test_the_renewal_page_says_when_the_rules_were_checked_and_links_each_source(client, peer):
    today = date.today()
    expires = today + timedelta(days=200)
    add_credential(
        client, "pa-crs", (expires - timedelta(days=730)).isoformat(), expires.isoformat()
    )
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    page = client.get(f"/renewal/{credential.id}").get_data(as_text=True)
    rule = BUNDLED["pa-crs"]
    checked = rule.checked_on.isoformat()
    assert f"Rules last checked on {checked}." in page
    assert '<a href="#rule-sources-pa-crs">Check with your board</a>' in page
    assert "check with your board, Pennsylvania Certification Board (PCB)" in page
    for source in rule.sources:
        assert f'<a href="{source.url}" rel="noopener noreferrer">' in page
        assert f"(read {source.retrieved.isoformat()})" in page
