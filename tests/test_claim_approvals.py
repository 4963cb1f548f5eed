"""Claimed hours above the estimate: publishing refuses them until an administrator approves
the claim for exactly this content with a basis; the approval is audited, kept with the
version and shown in the audit packet, and never lifts the online CE limit per 24 hours."""

import csv
import io
import re
import zipfile
from datetime import timedelta

from lms.authoring import drafts
from lms.content.loader import sync_folders
from lms.db import writing
from lms.extensions import db
from lms.localtime import today_for
from lms.models import (
    AuditEvent,
    CERecord,
    ClaimApproval,
    Course,
    CourseVersion,
    SupervisorLink,
    UserCredential,
)
from tests.helpers import signed_in
from tests.journeys import TEMPLATE_LESSON, draft_text, new_draft, publish_draft, save_draft
from tests.journeys import signed_in_author as sign_in_author

SLUG = "listening-skills"
PUBLISH = f"/authoring/drafts/{SLUG}/publish"
APPROVE = f"/authoring/drafts/{SLUG}/claim"
BASIS = "Pilot tested by 5 learners, median 62 minutes."


def inflated_draft(client, create_user, hours="1"):
    """A trainer's draft from the template (estimated 14 minutes) claiming `hours`."""
    trainer = sign_in_author(client, create_user)
    new_draft(client)
    text = draft_text(SLUG, "course.md").replace("ce_hours: 0.25", f"ce_hours: {hours}")
    assert save_draft(client, SLUG, "course.md", text).status_code == 302
    return trainer


def approve(admin, hours="1", basis=BASIS):
    """The admin approves the claim through the form on the publish page."""
    return admin.submit(PUBLISH, {"hours": hours, "basis": basis}, action=APPROVE)


def approvals() -> list[ClaimApproval]:
    return list(db.session.execute(db.select(ClaimApproval)).scalars())


def field_error(html: str, field: str) -> str:
    found = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.S)
    return found.group(1) if found else ""


def test_an_inflated_claim_is_refused_and_only_an_admin_may_approve_it(app, client, create_user):
    inflated_draft(client, create_user)
    refused = publish_draft(client, SLUG, acknowledge="y")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "ce_hours 1 is more than 25% above the estimate" in page
    assert "An administrator can approve these hours" in page
    assert "Approve this claim" not in page  # the trainer has no form
    token = client.csrf_token(PUBLISH)
    posted = client.post(APPROVE, data={"csrf_token": token, "hours": "1", "basis": BASIS})
    assert posted.status_code == 403
    assert approvals() == []
    assert db.session.execute(db.select(Course)).first() is None


def test_an_admin_approves_with_a_basis_then_the_trainer_publishes_and_it_is_audited(
    app, client, create_user
):
    inflated_draft(client, create_user)
    boss = create_user(roles=("admin",), legal_name="Dana Whitfield")
    admin = signed_in(app, boss)
    form = admin.get(PUBLISH).get_data(as_text=True)
    assert "Approve this claim" in form and 'value="1"' in form  # prefilled with the claim
    assert approve(admin).status_code == 302
    (approval,) = approvals()
    assert (approval.minutes, approval.basis, approval.approved_by_id) == (60, BASIS, boss.id)
    (event,) = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "course.claim_approved")
    ).scalars()
    assert event.actor_id == boss.id
    assert event.detail["basis"] == BASIS and event.detail["ce_hours"] == "1"
    assert event.detail["content_hash"] == approval.content_hash

    assert publish_draft(client, SLUG).status_code == 302
    version = db.session.execute(db.select(CourseVersion)).scalar_one()
    assert (version.ce_minutes, version.claim_basis) == (60, BASIS)
    assert version.content_hash == approval.content_hash


def test_changing_the_content_after_approval_refuses_publishing_again(app, client, create_user):
    inflated_draft(client, create_user)
    approve(signed_in(app, create_user(roles=("admin",))))
    lesson = draft_text(SLUG, TEMPLATE_LESSON) + "\nOne more sentence for the learner.\n"
    assert save_draft(client, SLUG, TEMPLATE_LESSON, lesson).status_code == 302
    refused = publish_draft(client, SLUG, acknowledge="y")
    assert refused.status_code == 400
    assert "ce_hours 1 is more than 25% above the estimate" in refused.get_data(as_text=True)
    assert db.session.execute(db.select(CourseVersion)).first() is None


def test_an_approval_form_for_content_that_changed_since_it_was_shown_is_refused(
    app, client, create_user
):
    inflated_draft(client, create_user)
    admin = signed_in(app, create_user(roles=("admin",)))
    page = admin.get(PUBLISH).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    seen = re.search(r'name="content" value="([^"]+)"', page).group(1)
    text = draft_text(SLUG, "course.md").replace("ce_hours: 1", "ce_hours: 0.75")
    assert save_draft(client, SLUG, "course.md", text).status_code == 302
    data = {"csrf_token": token, "content": seen, "hours": "1", "basis": BASIS}
    refused = admin.post(APPROVE, data=data, follow_redirects=True)
    assert "The draft changed since you opened this page" in refused.get_data(as_text=True)
    assert approvals() == []


def test_an_approval_needs_a_basis_and_at_least_the_claimed_hours(app, client, create_user):
    inflated_draft(client, create_user)
    admin = signed_in(app, create_user(roles=("admin",)))
    no_basis = approve(admin, basis="   ")
    assert no_basis.status_code == 400
    assert "Write the basis" in field_error(no_basis.get_data(as_text=True), "basis")
    too_few = approve(admin, hours="0.5")
    assert too_few.status_code == 400
    assert "approve at least that" in field_error(too_few.get_data(as_text=True), "hours")
    too_long = approve(admin, basis="x" * 1001)
    assert "1000 characters" in field_error(too_long.get_data(as_text=True), "basis")
    assert approvals() == []
    assert publish_draft(client, SLUG, acknowledge="y").status_code == 400


def test_no_approval_lets_a_course_past_the_daily_online_limit(app, client, create_user):
    app.config["ONLINE_CE_MINUTES_PER_24H"] = 60
    inflated_draft(client, create_user)
    admin = signed_in(app, create_user(roles=("admin",)))
    beyond = approve(admin, hours="1.5")
    assert beyond.status_code == 400
    assert "No approval can go past the 1 hour" in field_error(
        beyond.get_data(as_text=True), "hours"
    )
    assert approve(admin).status_code == 302  # 1 hour: at the limit, approved
    app.config["ONLINE_CE_MINUTES_PER_24H"] = 45  # the site's limit is lowered afterwards
    refused = publish_draft(client, SLUG, acknowledge="y")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "is more than the 0.75 hours of online CE a learner can be credited" in page
    assert "Approve this claim" not in admin.get(PUBLISH).get_data(as_text=True)
    assert db.session.execute(db.select(CourseVersion)).first() is None


def test_sync_honours_an_approval_for_a_folder_with_the_same_content(
    app, client, create_user, tmp_path
):
    """An admin uploads a disk course as a draft to approve its claim; sync then loads it."""
    files = drafts.template_files(SLUG, "Listening Skills")
    files["course.md"] = files["course.md"].replace("ce_hours: 0.25", "ce_hours: 1")
    folder = tmp_path / SLUG
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    with writing():
        assert sync_folders([folder], retire_missing=False).failed  # refused without approval
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, text in files.items():
            archive.writestr(f"{SLUG}/{path}", text)
    sign_in_author(client, create_user, roles=("admin",))
    upload = {"package": (io.BytesIO(buffer.getvalue()), "course.zip")}
    response = client.submit(
        "/authoring/new", upload, action="/authoring/upload", content_type="multipart/form-data"
    )
    assert response.status_code == 302
    assert approve(client).status_code == 302
    with writing():
        report = sync_folders([folder], retire_missing=False)
    assert report.ok and report.created == [f"{SLUG} v1"]
    version = db.session.execute(db.select(CourseVersion)).scalar_one()
    assert version.claim_basis == BASIS


def test_the_audit_packet_shows_the_basis_of_an_approved_claim(app, client, create_user):
    inflated_draft(client, create_user)
    approve(signed_in(app, create_user(roles=("admin",))))
    assert publish_draft(client, SLUG).status_code == 302
    version = db.session.execute(db.select(CourseVersion)).scalar_one()
    peer = create_user(legal_name="Avery Stone")
    supervisor = create_user(roles=("supervisor",))
    with writing():
        yesterday = today_for(peer) - timedelta(days=1)
        credential = UserCredential(
            user_id=peer.id,
            name="IC&RC Peer Recovery",
            rule_set="icrc-pr",
            certified_on=yesterday - timedelta(days=100),
        )
        db.session.add_all(
            [credential, SupervisorLink(supervisor_id=supervisor.id, peer_id=peer.id)]
        )
        for title, version_id, source in (
            ("Listening Skills", version.id, "internal"),
            ("Harm reduction webinar", None, "external"),
        ):
            db.session.add(
                CERecord(
                    user_id=peer.id,
                    source=source,
                    course_version_id=version_id,
                    title=title,
                    minutes=60,
                    topics=["ethics"],
                    delivery="self-paced",
                    earned_on=yesterday,
                    status="verified",
                )
            )
        db.session.commit()
    response = signed_in(app, supervisor).get(
        f"/team/{peer.id}/packet.zip?credential={credential.id}"
    )
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    rows = list(csv.DictReader(io.StringIO(archive.read("records.csv").decode())))
    bases = {row["title"]: row["claim basis"] for row in rows}
    assert bases == {
        "Listening Skills": f"claim approved: {BASIS}",
        "Harm reduction webinar": "",
    }
