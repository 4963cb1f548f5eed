"""Journey 3 from the supervisor's chair: a dashboard that shows who is at risk at a glance, a
page per supervisee, exports for an audit — and nothing about anyone they do not supervise."""

import csv
import io
import re
import secrets
import zipfile
from datetime import date, datetime, timedelta

import pytest

from lms.db import writing
from lms.extensions import db
from lms.localtime import today_for
from lms.models import (
    AuditEvent,
    CERecord,
    Certificate,
    Evidence,
    SupervisorLink,
    User,
    UserCredential,
    utcnow,
)
from lms.renewal import evidence as evidence_files
from tests.helpers import PDF, AuthActions, BrowserLikeClient, page_queries

TWO_YEARS = 730


@pytest.fixture
def boss(client, create_user):
    """A signed-in supervisor (the `client`)."""
    user = create_user(email="boss@example.org", roles=("supervisor",), legal_name="Sam Okafor")
    AuthActions(client).signin(user.email)
    return user


def add_peer(
    supervisor: User | None,
    name: str,
    *,
    certified_days_ago: int | None = 100,
    records: tuple[tuple[int, str, str], ...] = (),
    ended: bool = False,
) -> User:
    """A peer (made directly, for speed) linked to `supervisor`, holding IC&RC PR since
    `certified_days_ago`, with CE records given as (minutes, topic, status) earned yesterday."""
    with writing():
        peer = User(
            email=f"{secrets.token_hex(4)}@example.org",
            password_hash="not-used",
            legal_name=name,
            session_token=secrets.token_urlsafe(32),
        )
        db.session.add(peer)
        db.session.flush()
        today = today_for(peer)
        if supervisor is not None:
            db.session.add(
                SupervisorLink(
                    supervisor_id=supervisor.id,
                    peer_id=peer.id,
                    ended_at=utcnow() if ended else None,
                )
            )
        if certified_days_ago is not None:
            db.session.add(
                UserCredential(
                    user_id=peer.id,
                    name="IC&RC Peer Recovery",
                    rule_set="icrc-pr",
                    certified_on=today - timedelta(days=certified_days_ago),
                )
            )
        for minutes, topic, state in records:
            db.session.add(
                CERecord(
                    user_id=peer.id,
                    source="external",
                    title=f"{topic} training",
                    provider="Harbor Training",
                    minutes=minutes,
                    topics=[topic],
                    delivery="live",
                    earned_on=today - timedelta(days=1),
                    status=state,
                )
            )
        db.session.commit()
    return peer


def test_dashboard_flags_who_is_at_risk_with_progress_deadline_and_missing_hours(client, boss):
    add_peer(
        boss,
        "Avery Stone",
        certified_days_ago=TWO_YEARS - 30,
        records=((120, "ethics", "verified"), (60, "ethics", "pending")),
    )
    add_peer(boss, "Blake Rivera", certified_days_ago=100, records=((60, "ethics", "verified"),))
    add_peer(boss, "Casey Untracked", certified_days_ago=None)

    page = client.get("/team/").get_data(as_text=True)
    assert "1 renewal needs attention" in page
    avery = page[page.index("Avery Stone") : page.index("</tr>", page.index("Avery Stone"))]
    assert "At risk" in avery
    assert "18 h total" in avery and "Ethics: 4 h" in avery
    assert '<progress max="1200" value="120"' in avery
    blake = page[page.index("Blake Rivera") : page.index("</tr>", page.index("Blake Rivera"))]
    assert "At risk" not in blake and "On the way" in blake
    assert "Not tracked yet" in page and "Casey Untracked" in page
    assert 'href="/supervision/queue"' in page and "Verify 1 pending item" in page


def test_a_fully_met_renewal_near_its_deadline_is_not_at_risk(client, boss):
    add_peer(
        boss,
        "Dana Complete",
        certified_days_ago=TWO_YEARS - 10,
        records=((6 * 60, "ethics", "verified"), (14 * 60, "self-care", "verified")),
    )
    page = client.get("/team/").get_data(as_text=True)
    assert "No renewal is at risk right now" in page and "Complete</span>" in page


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("name", ["Ari", "Bo", "Cy"]),
        ("deadline", ["Cy", "Ari", "Bo"]),
        ("missing", ["Bo", "Cy", "Ari"]),
        ("nonsense", ["Cy", "Ari", "Bo"]),
    ],
)
def test_the_dashboard_sorts_by_name_deadline_or_hours_missing(client, boss, sort, order):
    add_peer(boss, "Ari", certified_days_ago=300, records=((600, "ethics", "verified"),))
    add_peer(boss, "Bo", certified_days_ago=200)
    add_peer(boss, "Cy", certified_days_ago=600, records=((60, "ethics", "verified"),))
    page = client.get(f"/team/?sort={sort}").get_data(as_text=True)
    positions = [page.index(f">{name}</a>") for name in order]
    assert positions == sorted(positions)


def test_the_dashboard_costs_the_same_queries_for_3_and_30_supervisees(client, boss):
    def grow_to(count):
        for n in range(count - len(boss_peers)):
            boss_peers.append(
                add_peer(
                    boss,
                    f"Peer {len(boss_peers)}",
                    certified_days_ago=100 + n * 20,
                    records=((60, "ethics", "verified"), (30, "self-care", "pending")),
                )
            )

    boss_peers: list[User] = []
    grow_to(3)
    small = page_queries(client, "/team/")
    grow_to(30)
    assert page_queries(client, "/team/") == small
    assert page_queries(client, "/team/status.csv") == page_queries(client, "/team/status.csv")


def test_a_supervisor_sees_nothing_of_someone_they_do_not_supervise(app, client, boss, create_user):
    other_boss = create_user(email="other@example.org", roles=("supervisor",))
    stranger = add_peer(other_boss, "Stranger Danger")
    former = add_peer(boss, "Former Peer", ended=True)
    unlinked = add_peer(None, "Nobody Linked")
    for person in (stranger, former, unlinked):
        credential = db.session.execute(
            db.select(UserCredential).where(UserCredential.user_id == person.id)
        ).scalar_one()
        assert client.get(f"/team/{person.id}").status_code == 404
        assert (
            client.get(f"/team/{person.id}/packet.zip?credential={credential.id}").status_code
            == 404
        )
    table = client.get("/team/status.csv").get_data(as_text=True)
    dashboard = client.get("/team/").get_data(as_text=True)
    for name in ("Stranger Danger", "Former Peer", "Nobody Linked"):
        assert name not in table and name not in dashboard

    # An administrator may supervise, but sees only the people linked to them.
    admin = create_user(email="admin@example.org", roles=("admin",))
    admin_client = BrowserLikeClient(app.test_client())
    AuthActions(admin_client).signin(admin.email)
    assert admin_client.get(f"/team/{stranger.id}").status_code == 404
    assert "Nobody is linked to you yet" in admin_client.get("/team/").get_data(as_text=True)


def test_the_supervisee_page_shows_renewal_pictures_records_certificates_and_pending(client, boss):
    peer = add_peer(
        boss,
        "Avery Stone",
        records=((120, "ethics", "verified"), (60, "self-care", "pending")),
    )
    record = db.session.execute(
        db.select(CERecord).where(CERecord.status == "verified")
    ).scalar_one()
    certificate = _certificate(peer, record, "AAAABBBBCCCC")
    page = client.get(f"/team/{peer.id}").get_data(as_text=True)
    assert "<svg" in page and "Hours toward IC&amp;RC Peer Recovery (PR) renewal" in page
    assert "Ethics: 2 of 6 hours verified, 0 pending, 4 still needed." in page
    assert "ethics training" in page and "self-care training" in page
    assert f'href="/certificates/{certificate.display_code}.pdf"' in page
    assert "Verify 1 pending item" in page
    assert client.get(f"/certificates/{certificate.display_code}.pdf").data == PDF


def _certificate(peer: User, record: CERecord, code: str) -> Certificate:
    with writing():
        certificate = Certificate(
            code=code,
            user_id=peer.id,
            ce_record_id=record.id,
            fields={
                "course_title": record.title,
                "ce_hours": "2",
                "ce_minutes": record.minutes,
                "completion_date": record.earned_on.isoformat(),
            },
            pdf=PDF,
            pdf_sha256="0" * 64,
        )
        db.session.add(certificate)
        db.session.commit()
    return certificate


def test_the_status_csv_lists_the_team_with_formula_safe_cells(client, boss):
    add_peer(boss, '=HYPERLINK("http://evil.example")', records=((60, "ethics", "verified"),))
    add_peer(boss, "Blake Rivera")
    response = client.get("/team/status.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["name"] for row in rows] == ['\'=HYPERLINK("http://evil.example")', "Blake Rivera"]
    assert rows[1]["hours missing"] == "20" and rows[1]["missing by topic"] == "Ethics: 6"
    assert rows[0]["hours verified"] == "1" and rows[0]["at risk"] == "no"


def test_the_audit_packet_holds_a_cover_records_certificates_evidence_and_an_index(
    app, client, boss
):
    peer = add_peer(
        boss, "Avery Stone", records=((120, "ethics", "verified"), (60, "self-care", "pending"))
    )
    inside, pending = db.session.execute(db.select(CERecord).order_by(CERecord.id)).scalars()
    with writing():
        old = CERecord(
            user_id=peer.id,
            source="internal",
            title="Before this cycle",
            minutes=60,
            topics=["ethics"],
            delivery="self-paced",
            earned_on=date.today() - timedelta(days=400),
            status="verified",
        )
        db.session.add(old)
        decided = db.session.get(CERecord, inside.id)
        decided.decided_by_id, decided.decided_at = boss.id, datetime(2026, 3, 15, 9, 30)
        decided.decision_reason = "Attendance certificate checked"
        for name in ("webinar.pdf", "webinar-page-2.pdf"):  # two files, one title: both kept
            stored = evidence_files.store(PDF, name, owner_id=peer.id)
            db.session.add(Evidence(ce_record_id=pending.id, **stored))
        db.session.commit()
    revoked = _certificate(peer, inside, "AAAABBBBCCCC")
    _certificate(peer, old, "DDDDEEEEFFFF")
    with writing():  # revoked after the record was verified: the packet says so today
        db.session.get(Certificate, revoked.id).revoked_at = utcnow()
        db.session.commit()
    credential = db.session.execute(db.select(UserCredential)).scalar_one()

    response = client.get(f"/team/{peer.id}/packet.zip?credential={credential.id}")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    transcript = next(n for n in names if n.startswith("transcript-"))
    assert archive.read(transcript).startswith(b"%PDF")
    assert archive.read("certificates/AAAA-BBBB-CCCC.pdf") == PDF
    assert "certificates/DDDD-EEEE-FFFF.pdf" not in names  # earned before this cycle
    day = pending.earned_on.isoformat()
    evidence = {
        f"evidence/{day}-self-care-training.pdf",
        f"evidence/{day}-self-care-training-2.pdf",
    }
    assert {n for n in names if n.startswith("evidence/")} == evidence
    assert all(archive.read(n) == PDF for n in evidence)

    cover = archive.read("cover.txt").decode()
    assert "Person: Avery Stone" in cover and "Credential: IC&RC Peer Recovery" in cover
    # The ethics record's only certificate is revoked: its hours count nowhere (issue 16).
    assert re.search(r"- Ethics.*: required 6, verified 0, pending 0, missing 6", cover), cover
    records = list(csv.DictReader(io.StringIO(archive.read("records.csv").decode())))
    by_title = {row["title"]: row for row in records}
    assert by_title["ethics training"]["verified by"] == "Sam Okafor"
    assert by_title["ethics training"]["verified at"] == "2026-03-15T09:30:00Z"
    assert by_title["ethics training"]["decision reason"] == "Attendance certificate checked"
    assert by_title["ethics training"]["certificates"] == "AAAA-BBBB-CCCC (revoked)"
    assert by_title["self-care training"]["status"] == "pending"
    assert by_title["self-care training"]["verified by"] == ""
    assert all(row["version seen"].isdigit() for row in records)
    index = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode())))
    assert {row["file"] for row in index} == names - {"index.csv"}
    assert {row["kind"] for row in index} == {
        "cover",
        "records",
        "transcript",
        "certificate",
        "evidence",
    }
    assert next(r for r in index if r["kind"] == "certificate")["status"] == "revoked"

    assert client.get(f"/team/{peer.id}/packet.zip?credential=999999").status_code == 404
    assert client.get(f"/team/{peer.id}/packet.zip").status_code == 404


def test_either_side_can_end_a_link_and_it_is_kept_in_history(app, client, boss, create_user):
    peer_user = create_user(email="peer@example.org", legal_name="Pat Rivera")
    peer_client = BrowserLikeClient(app.test_client())
    AuthActions(peer_client).signin(peer_user.email)
    with writing():
        link = SupervisorLink(supervisor_id=boss.id, peer_id=peer_user.id)
        db.session.add(link)
        db.session.commit()

    supervisors = peer_client.get("/team/supervisors").get_data(as_text=True)
    assert "Sam Okafor" in supervisors
    stranger = create_user(email="stranger@example.org", roles=("supervisor",))
    stranger_client = BrowserLikeClient(app.test_client())
    AuthActions(stranger_client).signin(stranger.email)
    refused = stranger_client.submit("/team/supervisors", {}, action=f"/team/links/{link.id}/end")
    assert refused.status_code == 404

    asked = peer_client.submit("/team/supervisors", {}, action=f"/team/links/{link.id}/end")
    assert asked.status_code == 200 and "Yes, end the supervision" in asked.text
    db.session.refresh(link)
    assert link.ended_at is None  # asking ended nothing
    ended = peer_client.submit(
        "/team/supervisors", {"confirm": "yes"}, action=f"/team/links/{link.id}/end"
    )
    assert ended.status_code == 302
    db.session.refresh(link)
    assert link.ended_at is not None
    assert client.get(f"/team/{peer_user.id}").status_code == 404
    assert "Sam Okafor" not in peer_client.get("/team/supervisors").get_data(as_text=True)
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "supervision.ended")
    ).scalar_one()
    assert event.actor_id == peer_user.id and event.subject_id == str(link.id)

    with writing():
        again = SupervisorLink(supervisor_id=boss.id, peer_id=peer_user.id)
        db.session.add(again)
        db.session.commit()
    page = f"/team/{peer_user.id}"
    ending = client.submit(page, {"confirm": "yes"}, action=f"/team/links/{again.id}/end")
    assert ending.status_code == 302
    assert client.get(page).status_code == 404
    assert db.session.execute(db.select(db.func.count(SupervisorLink.id))).scalar() == 2


def test_a_credential_with_unusable_dates_leaves_the_rest_of_the_team_visible(client, boss):
    """A fixed-expiry credential stored without its expiry (the form refuses one; an import
    might not) is listed as not tracked instead of failing the supervisor's whole page."""
    add_peer(boss, "Jamie Ortiz")
    broken = add_peer(boss, "Robin Vale", certified_days_ago=None)
    with writing():
        db.session.add(
            UserCredential(
                user_id=broken.id, name="PA CRS", rule_set="pa-crs", certified_on=date(2024, 1, 5)
            )
        )
        db.session.commit()
    page = client.get("/team/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Jamie Ortiz" in html
    assert "Robin Vale" in html.split("Not tracked yet")[1]
    assert client.get(f"/team/{broken.id}").status_code == 200


def test_time_on_task_of_a_completed_course_is_shown_to_the_supervisor_and_in_the_packet(
    client, boss
):
    peer = add_peer(boss, "Avery Stone")
    with writing():
        record = CERecord(
            user_id=peer.id,
            source="internal",
            title="Ethics and Boundaries",
            minutes=60,
            topics=["ethics"],
            delivery="self-paced",
            earned_on=today_for(peer) - timedelta(days=1),
            status="verified",
            time_on_task_seconds=47 * 60 + 20,
        )
        db.session.add(record)
        db.session.commit()
    _certificate(peer, record, "AAAABBBBCCCC")
    page = client.get(f"/team/{peer.id}").get_data(as_text=True)
    assert "47 min on task" in page
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    response = client.get(f"/team/{peer.id}/packet.zip?credential={credential.id}")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    records = list(csv.DictReader(io.StringIO(archive.read("records.csv").decode())))
    (row,) = [row for row in records if row["certificates"]]
    assert row["time on task (minutes)"] == "47"
