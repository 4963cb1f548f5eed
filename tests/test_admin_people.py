"""Administrators look after people: find them, change roles, deactivate (never delete),
link supervisors, and hand over a copy of everything held about a person."""

import io
import json
import zipfile

from lms.db import writing
from lms.extensions import db
from lms.models import AuditEvent, SupervisorLink, User
from tests.helpers import PDF, AuthActions, BrowserLikeClient, page_queries
from tests.journeys import log_outside_ce


def signed_in_admin(client, create_user):
    admin = create_user(email="admin@example.org", roles=("admin",), legal_name="Alex Morgan")
    AuthActions(client).signin(admin.email)
    return admin


def events(action: str) -> list[AuditEvent]:
    return list(
        db.session.execute(db.select(AuditEvent).where(AuditEvent.action == action)).scalars()
    )


def test_search_finds_people_by_part_of_their_name_or_email(client, create_user):
    signed_in_admin(client, create_user)
    create_user(email="maria.santos@example.org", legal_name="Maria Santos")
    create_user(email="devon@example.org", legal_name="Devon Price")
    page = client.get("/admin/users?q=SANTOS").get_data(as_text=True)
    assert "Maria Santos" in page and "Devon Price" not in page
    page = client.get("/admin/users?q=devon@").get_data(as_text=True)
    assert "Devon Price" in page and "Maria Santos" not in page
    assert "No one matches" in client.get("/admin/users?q=%25").get_data(as_text=True)


def test_search_ignores_case_and_accents_both_ways(client, create_user):
    signed_in_admin(client, create_user)
    create_user(email="mjose@example.org", legal_name="María José Núñez")
    plain = create_user(email="zoe@example.org", legal_name="Zoe Quinn")
    for query in ("maria", "MARÍA", "nunez", "jose nu"):
        assert "María José Núñez" in client.get(f"/admin/users?q={query}").get_data(as_text=True)
    assert "Zoe Quinn" in client.get("/admin/users?q=Zoë").get_data(as_text=True)
    with writing():
        plain.legal_name = "Zoë Ångström"
        db.session.commit()
    assert "Zoë Ångström" in client.get("/admin/users?q=angstrom").get_data(as_text=True)


def test_the_list_pages_fifty_people_at_a_time(client, create_user):
    signed_in_admin(client, create_user)
    with db.session.begin():
        for n in range(60):
            db.session.add(
                User(
                    email=f"bulk{n:02d}@example.org",
                    password_hash="x",
                    legal_name=f"Bulk {n:02d}",
                    session_token=f"token-{n}",
                )
            )
    first = client.get("/admin/users?q=bulk").get_data(as_text=True)
    second = client.get("/admin/users?q=bulk&page=2").get_data(as_text=True)
    assert first.count("bulk") > 50 and "Bulk 49" in first and "Bulk 50" not in first
    assert "Bulk 50" in second and "Page 2 of 2" in second


def test_roles_are_granted_and_revoked_with_audit_events(client, create_user):
    admin = signed_in_admin(client, create_user)
    peer = create_user(email="peer@example.org")
    response = client.submit(
        f"/admin/users/{peer.id}",
        {"roles": ["trainer", "supervisor"]},
        action=f"/admin/users/{peer.id}/roles",
    )
    assert response.status_code == 302
    assert db.session.get(User, peer.id).roles == {"trainee", "trainer", "supervisor"}
    client.submit(
        f"/admin/users/{peer.id}", {"roles": ["supervisor"]}, action=f"/admin/users/{peer.id}/roles"
    )
    assert db.session.get(User, peer.id).roles == {"trainee", "supervisor"}
    assert [e.detail["role"] for e in events("role.revoked")] == ["trainer"]
    assert all(
        e.actor_id == admin.id for e in events("role.granted") if e.subject_id == str(peer.id)
    )


def test_an_admin_cannot_remove_their_own_admin_role(client, create_user):
    admin = signed_in_admin(client, create_user)
    response = client.submit(
        f"/admin/users/{admin.id}", {"roles": ["trainer"]}, action=f"/admin/users/{admin.id}/roles"
    )
    assert response.status_code == 400
    assert "cannot remove your own admin role" in response.get_data(as_text=True)
    assert db.session.get(User, admin.id).roles == {"trainee", "admin"}


def test_deactivating_signs_the_person_out_and_keeps_their_records(app, client, create_user):
    signed_in_admin(client, create_user)
    peer = create_user(email="peer@example.org")
    peer_browser = BrowserLikeClient(app.test_client())
    AuthActions(peer_browser).signin(peer.email)
    assert peer_browser.get("/dashboard").status_code == 200

    response = client.submit(
        f"/admin/users/{peer.id}", {}, action=f"/admin/users/{peer.id}/deactivate"
    )
    assert response.status_code == 302
    assert peer_browser.get("/dashboard").status_code == 302  # their session has ended
    assert AuthActions(peer_browser).signin(peer.email).status_code != 302
    assert db.session.get(User, peer.id).active is False
    assert len(events("account.deactivated")) == 1

    client.submit(f"/admin/users/{peer.id}", {}, action=f"/admin/users/{peer.id}/reactivate")
    assert AuthActions(peer_browser).signin(peer.email).status_code == 302
    assert len(events("account.reactivated")) == 1


def test_an_admin_cannot_deactivate_themself(client, create_user):
    admin = signed_in_admin(client, create_user)
    response = client.submit(
        f"/admin/users/{admin.id}", {}, action=f"/admin/users/{admin.id}/deactivate"
    )
    assert response.status_code == 400
    assert "cannot deactivate your own account" in response.get_data(as_text=True)
    assert db.session.get(User, admin.id).active is True


def test_supervisor_links_are_made_and_ended_with_history_kept(client, create_user):
    signed_in_admin(client, create_user)
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    boss = create_user(email="boss@example.org", roles=("supervisor",), legal_name="Sam Boss")
    page = f"/admin/users/{peer.id}"
    response = client.submit(
        page, {"side": "supervisor", "email": "BOSS@example.org"}, action=f"{page}/links"
    )
    assert response.status_code == 302
    link = db.session.execute(db.select(SupervisorLink)).scalar_one()
    assert (link.supervisor_id, link.peer_id, link.ended_at) == (boss.id, peer.id, None)

    asked = client.submit(page, {}, action=f"{page}/links/{link.id}/end")
    assert "supervision of Pat Rivera?" in asked.text and "Yes, end the link" in asked.text
    db.session.refresh(link)
    assert link.ended_at is None  # asking ended nothing
    client.submit(page, {"confirm": "yes"}, action=f"{page}/links/{link.id}/end")
    db.session.refresh(link)
    assert link.ended_at is not None
    boss_page = client.get(f"/admin/users/{boss.id}").get_data(as_text=True)
    assert "Pat Rivera" in boss_page and "Current" not in boss_page
    assert [e.action for e in events("supervision.ended")] == ["supervision.ended"]


def test_a_bad_link_says_why_next_to_the_field_and_changes_nothing(client, create_user):
    signed_in_admin(client, create_user)
    peer = create_user(email="peer@example.org")
    create_user(email="notboss@example.org")
    page = f"/admin/users/{peer.id}"
    for email, message in (
        ("nobody@example.org", "No account uses nobody@example.org"),
        ("notboss@example.org", "is not a supervisor; grant the role first"),
        ("", "Enter the other person"),
    ):
        response = client.submit(
            page, {"side": "supervisor", "email": email}, action=f"{page}/links"
        )
        html = response.get_data(as_text=True)
        assert response.status_code == 400 and message in html
        assert 'id="supervisor_email-error"' in html
    assert db.session.execute(db.select(SupervisorLink)).first() is None


def test_export_holds_everything_about_the_person_and_is_audited(
    app,
    client,
    create_user,
    completed,
):
    user, certificate, _attempt = completed
    log_outside_ce(client)  # the trainee logs outside CE with a PDF as evidence
    admin_browser = BrowserLikeClient(app.test_client())
    admin = create_user(email="admin@example.org", roles=("admin",))
    AuthActions(admin_browser).signin(admin.email)
    response = admin_browser.submit(
        f"/admin/users/{user.id}", {}, action=f"/admin/users/{user.id}/export"
    )
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {
        "profile.json",
        "credentials.json",
        "ce_records.csv",
        "quiz_attempts.json",
        "course_evaluations.json",
        "audit_events.json",
        f"certificates/{certificate.code}.pdf",
    } <= names
    profile = json.loads(archive.read("profile.json"))
    assert profile["email"] == "maria@example.org"
    assert "password_hash" not in profile and "session_token" not in profile
    assert archive.read(f"certificates/{certificate.code}.pdf") == certificate.pdf
    evidence = [n for n in names if n.startswith("evidence/")]
    assert len(evidence) == 1 and archive.read(evidence[0]) == PDF
    csv_text = archive.read("ce_records.csv").decode()
    assert "Ethics and Boundaries" in csv_text and "Motivational interviewing" in csv_text
    assert json.loads(archive.read("credentials.json"))[0]["number"] == "PR-2041"
    assert len(json.loads(archive.read("quiz_attempts.json"))) == 1
    audit_events = json.loads(archive.read("audit_events.json"))
    assert {"account.created", "certificate.issued", "ce.logged"} <= {
        e["action"] for e in audit_events
    }
    sentences = {e["what_happened"] for e in audit_events}  # as the audit log reads
    assert "Maria Elena Santos received a certificate" in sentences
    assert [e.subject_id for e in events("account.exported")] == [str(user.id)]


def test_people_pages_are_for_administrators_only(client, create_user):
    peer = create_user(email="peer@example.org")
    AuthActions(client).signin(create_user(roles=("supervisor", "trainer")).email)
    assert client.get("/admin/users").status_code == 403
    assert client.get(f"/admin/users/{peer.id}").status_code == 403
    response = client.submit("/dashboard", {}, action=f"/admin/users/{peer.id}/export")
    assert response.status_code == 403


def test_the_people_list_costs_the_same_queries_for_3_or_30_people(client, create_user):
    signed_in_admin(client, create_user)
    for _ in range(3):
        create_user(roles=("trainer",))
    few = page_queries(client, "/admin/users")
    for _ in range(27):
        create_user(roles=("supervisor",))
    assert page_queries(client, "/admin/users") == few
