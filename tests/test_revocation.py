"""A revoked certificate counts nowhere, and the verify page follows replacements (issue 16)."""

from lms.extensions import db
from lms.models import Certificate, UserCredential
from tests.helpers import AuthActions, BrowserLikeClient, invoke_ok, signed_in


def _admin(app, create_user):
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(roles=("admin",)).email)
    return admin


def _revoke(admin, certificate, reason):
    page = f"/admin/certificates/{certificate.display_code}"
    asked = admin.submit(page, {"reason": reason}, action=page + "/revoke")
    assert "Yes, revoke it" in asked.get_data(as_text=True)  # the confirm step
    assert db.session.get(Certificate, certificate.id).revoked_at is None
    admin.submit(page, {"reason": reason, "confirm": "yes"}, action=page + "/revoke")


def _track(client, user, rule_set="icrc-pr"):
    """Track a credential through the account form, certified well before the course."""
    client.submit(
        "/account",
        {"rule_set": rule_set, "name": "", "number": "N-1", "certified_on": "2025-06-01"},
        action="/account/credentials",
    )
    return db.session.execute(
        db.select(UserCredential).where(
            UserCredential.user_id == user.id, UserCredential.rule_set == rule_set
        )
    ).scalar_one()


def test_revoked_certificate_hours_leave_renewal_transcript_and_course_page(
    app, client, completed, create_user
):
    user, certificate, _ = completed
    credential = _track(client, user)
    before = client.get(f"/renewal/{credential.id}")
    assert before.status_code == 200 and "Not counted" not in before.get_data(as_text=True)
    _revoke(_admin(app, create_user), certificate, "Quiz answers shared")

    renewal = client.get(f"/renewal/{credential.id}").get_data(as_text=True)
    assert "<del>Ethics and Boundaries" in renewal and "Quiz answers shared" in renewal
    transcript = client.get("/transcript?start=2020-01-01&end=2030-12-31").get_data(as_text=True)
    assert "<del>Ethics and Boundaries</del>" in transcript
    assert "revoked: Quiz answers shared" in transcript
    csv = client.get("/transcript.csv?start=2020-01-01&end=2030-12-31").get_data(as_text=True)
    assert "revoked: Quiz answers shared" in csv
    course = client.get("/courses/ethics-and-boundaries").get_data(as_text=True)
    assert ".pdf" not in course


def test_revoked_hours_are_not_counted_by_the_engine_or_readiness(
    app, client, completed, create_user
):
    from lms.certification.readiness import training_inputs
    from lms.renewal.status import record_inputs

    user, certificate, _ = completed
    assert [r.status for r in record_inputs(user.id)] == ["verified"]
    assert sum(t.minutes for t in training_inputs(user.id)) == 90
    _revoke(_admin(app, create_user), certificate, "Issued in error")
    assert [r.status for r in record_inputs(user.id)] == ["revoked"]
    assert training_inputs(user.id) == []


def test_verify_of_a_replaced_code_names_the_replacement_and_its_real_status(
    app, completed, create_user
):
    _user, certificate, _ = completed
    admin = _admin(app, create_user)
    page = f"/admin/certificates/{certificate.display_code}"
    admin.submit(page, {"reason": "Name fix", "confirm": "yes"}, action=page + "/reissue")
    new = db.session.execute(db.select(Certificate).order_by(Certificate.id.desc())).scalar()
    _revoke(admin, new, "Fraud")
    html = admin.get(f"/verify/{certificate.display_code}").get_data(as_text=True)
    assert new.display_code in html and "itself revoked" in html
    assert "in force is" not in html
    status = admin.get(f"/badges/{certificate.display_code}/status").get_json()
    assert status["status"] == "revoked"


def test_verify_badge_reports_a_revoked_replacement_chain(
    app, client, completed, create_user, tmp_path
):
    _user, certificate, _ = completed
    badge = client.get(f"/certificates/{certificate.display_code}/badge.jwt").get_data()
    admin = _admin(app, create_user)
    page = f"/admin/certificates/{certificate.display_code}"
    admin.submit(page, {"reason": "Name fix", "confirm": "yes"}, action=page + "/reissue")
    new = db.session.execute(db.select(Certificate).order_by(Certificate.id.desc())).scalar()
    _revoke(admin, new, "Fraud")
    (tmp_path / "b.jwt").write_bytes(badge)
    result = app.test_cli_runner().invoke(
        args=["certificates", "verify-badge", str(tmp_path / "b.jwt")]
    )
    assert result.exit_code == 1 and "is revoked" in result.output


def test_a_supervisor_sees_a_revoked_certificate_struck_with_its_reason(
    app, client, completed, create_user, runner
):
    user, certificate, _ = completed
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, user.email])
    _revoke(_admin(app, create_user), certificate, "Quiz answers shared")
    page = signed_in(app, boss).get(f"/team/{user.id}").get_data(as_text=True)
    assert "<del>Ethics and Boundaries" in page
    assert "revoked — Quiz answers shared; these hours do not count" in page
    assert f"/certificates/{certificate.display_code}" not in page  # no PDF link
