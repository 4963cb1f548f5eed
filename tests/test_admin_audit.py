"""The audit log browser: administrators filter by person, action, object and date; pages hold
50 events; the page costs the same few queries however many events it shows; nothing changes."""

from datetime import datetime

from lms import audit
from lms.db import writing
from lms.extensions import db
from lms.localtime import local_date
from lms.models import AuditEvent, User
from tests.helpers import AuthActions, hidden_fields, invoke_ok, page_queries, signed_in
from tests.journeys import log_outside_ce


def admin(client, create_user) -> User:
    user = create_user(email="admin@example.org", roles=("admin",))
    AuthActions(client).signin(user.email)
    return user


def add_events(count: int, action: str, actor: User | None = None, at: datetime | None = None):
    with writing():
        for n in range(count):
            event = audit.record(action, actor=actor, subject=actor, n=n)
            if at:
                event.at = at
        db.session.commit()


def rows_on(page_html: str) -> int:
    return page_html.split('<ol class="audit-events">')[1].split("</ol>")[0].count("<li>")


def test_filters_by_person_action_object_and_date(client, create_user):
    admin(client, create_user)
    peer = create_user(email="peer@example.org")
    add_events(2, "ce.logged", actor=peer, at=datetime(2026, 3, 14, 12))
    add_events(1, "ce.logged", actor=peer, at=datetime(2026, 5, 1, 9))
    add_events(1, "role.granted", actor=None)

    def count(query: str) -> int:
        response = client.get(f"/admin/audit?{query}")
        assert response.status_code == 200
        return rows_on(response.get_data(as_text=True))

    assert count("person=PEER@example.org&action=ce.logged") == 3
    assert count("action=ce.logged&since=2026-03-14&until=2026-03-14") == 2
    assert count("action=ce.logged&since=2026-04-01") == 1
    assert count(f"subject_type=user&subject_id={peer.id}&action=ce.") == 3
    assert count("action=role.granted") == 2  # the admin's own role, and the system one
    assert "created an account" in client.get("/admin/audit?person=peer@example.org").get_data(
        as_text=True
    )


def test_a_bad_date_says_how_to_write_it(client, create_user):
    admin(client, create_user)
    response = client.get("/admin/audit?since=14/03/2026")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="f-since-error"' in html and "YYYY-MM-DD" in html


def test_pages_hold_fifty_events_and_link_to_the_next(client, create_user):
    admin(client, create_user)
    add_events(70, "test.bulk")
    first = client.get("/admin/audit?action=test.bulk").get_data(as_text=True)
    assert rows_on(first) == 50
    assert "/admin/audit?page=2&amp;action=test.bulk" in first
    assert rows_on(client.get("/admin/audit?action=test.bulk&page=2").get_data(as_text=True)) == 20


def test_the_log_page_costs_the_same_queries_for_5_or_50_events(client, create_user):
    admin(client, create_user)
    people = [create_user() for _ in range(5)]
    for person in people:
        add_events(1, "test.one", actor=person)
    few = page_queries(client, "/admin/audit?action=test.one")
    for person in people * 9:
        add_events(1, "test.one", actor=person)
    assert page_queries(client, "/admin/audit?action=test.one") == few


def test_the_log_is_read_only_and_for_administrators_only(client, create_user):
    AuthActions(client).signin(create_user(roles=("supervisor",)).email)
    assert client.get("/admin/audit").status_code == 403
    before = db.session.execute(db.select(db.func.count(AuditEvent.id))).scalar_one()
    assert client.post("/admin/audit").status_code == 405
    assert db.session.execute(db.select(db.func.count(AuditEvent.id))).scalar_one() == before


def test_the_log_reads_as_sentences_with_names_hours_and_dates(app, client, create_user, runner):
    peer = create_user(email="sam@example.org", legal_name="Sam Lee")
    boss = create_user(email="ana@example.org", legal_name="Ana Ruiz", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    AuthActions(client).signin(peer.email)
    log_outside_ce(client, {"hours": "2"})
    supervisor = signed_in(app, boss)
    queue = supervisor.get("/supervision/queue").get_data(as_text=True)
    action = next(a for a in _form_actions(queue) if a.split("#")[0].endswith("/decide"))
    data = {"csrf_token": supervisor.csrf_token("/supervision/queue"), "decision": "verify"}
    supervisor.post(action, data={**data, **hidden_fields(queue, action)})
    AuthActions(client).signout()
    viewer = admin(client, create_user)

    html = client.get("/admin/audit").get_data(as_text=True)
    # The date the event happened where the admin reads it (their time zone, not UTC's).
    at = db.session.execute(db.select(AuditEvent.at)).scalars().first()
    today = local_date(at, viewer.time_zone).isoformat()
    assert "Ana Ruiz verified 2 hours of outside CE for Sam Lee — " in html
    assert "Sam Lee logged 2 hours of outside CE" in html
    assert f">{today}</time>" in html
    for internal in ("ce.verified", "cerecord", "{'", "minutes:"):
        assert internal not in html.split('<ol class="audit-events">')[1]


def _form_actions(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split('action="')[1:]]
