"""Hours through the real app: forms refuse what `lms.hours` refuses, next to the field and
without a record (NaN and sNaN used to be a server error, `٣` was taken as 3 hours, `1e1` as
10); and one hour is "1 hour" wherever the app writes it (it used to say "1 CE hours",
"Verify 1 hours", "1 verified hours")."""

import base64
import io
import json
import re

import pytest

from lms.extensions import db
from lms.models import CERecord, Certificate, PracticeEntry, QuizAttempt
from tests.helpers import AuthActions, BrowserLikeClient

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OUTSIDE = {
    "title": "Motivational interviewing webinar",
    "provider": "Harbor Training",
    "earned_on": "2026-03-14",
    "topics": ["ethics"],
    "delivery": "webinar",
}
PRACTICE = {
    "done_on": "2026-03-14",
    "setting": "hospital",
    "domain": "advocacy",
    "description": "Sat with a peer in the emergency department.",
}
REFUSED = ["NaN", "sNaN", "1e999999", "Infinity", "٣", "-1", "1,5", "1e1", "1_0", "+2"]
MESSAGE = "Enter hours as a number between 0.25 and 100, in quarter-hour steps"


@pytest.fixture
def team(app, client, create_user, runner):
    """A signed-in peer (client) and their signed-in supervisor."""
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    linked = runner.invoke(args=["users", "link", boss.email, peer.email])
    assert linked.exit_code == 0, linked.output
    supervisor = BrowserLikeClient(app.test_client())
    AuthActions(supervisor).signin(boss.email)
    return peer, supervisor


def log_outside(client, hours: str):
    payload = {**OUTSIDE, "hours": hours, "evidence": (io.BytesIO(PDF), "cert.pdf")}
    return client.submit("/ce/outside/new", payload, content_type="multipart/form-data")


def log_practice(client, hours: str):
    return client.submit("/certification/log/practice/new", {**PRACTICE, "hours": hours})


def assert_refused_at_the_hours_field(response, typed: str) -> None:
    """The form comes back (400, as for every invalid form) with the message under the field
    and what was typed still in it."""
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    error = re.search(r'<p class="error" id="hours-error">([^<]*)</p>', page)
    assert error and error[1].startswith(MESSAGE)
    hours_input = re.search(r"<input[^>]*\bname=\"hours\"[^>]*>", page)[0]
    assert 'aria-invalid="true"' in hours_input
    assert f'value="{typed}"' in hours_input


@pytest.mark.parametrize("typed", REFUSED)
def test_outside_ce_hours_that_are_not_quarter_hours_are_refused_at_the_field(client, team, typed):
    assert_refused_at_the_hours_field(log_outside(client, typed), typed)
    assert db.session.execute(db.select(CERecord)).first() is None


@pytest.mark.parametrize("typed", REFUSED)
def test_practice_log_hours_that_are_not_quarter_hours_are_refused_at_the_field(
    client, team, typed
):
    assert_refused_at_the_hours_field(log_practice(client, typed), typed)
    assert db.session.execute(db.select(PracticeEntry)).first() is None


@pytest.mark.parametrize("typed", ["NaN", "sNaN", "Infinity", "٣", "1e1", "-1"])
def test_a_catalog_filter_it_cannot_read_is_no_filter(client, create_course, typed):
    create_course(slug="long-course", title="A Long Course", ce_minutes=600)
    response = client.get("/courses", query_string={"max_hours": typed})
    assert response.status_code == 200
    assert "A Long Course" in response.get_data(as_text=True)


def test_a_one_hour_course_is_one_ce_hour_in_the_catalog_and_on_its_page(client, create_course):
    create_course(slug="one-hour", title="One Hour Ethics", ce_minutes=60)
    catalog = client.get("/courses").get_data(as_text=True)
    assert "<strong>1 CE hour</strong>" in catalog
    assert ">Up to 1 hour</option>" in catalog and ">Up to 1.5 hours</option>" in catalog
    selected = client.get("/courses?max_hours=1").get_data(as_text=True)
    assert '<option value="1" selected>Up to 1 hour</option>' in selected
    page = client.get("/courses/one-hour").get_data(as_text=True)
    assert "1 contact hour (self-paced online)" in page
    assert "A certificate of 1 CE contact hour with" in page


def complete_course(client, slug: str, version) -> int:
    """Enroll, read every lesson, answer every question right and submit; the attempt id.
    (Written here, not imported from another test module.)"""
    client.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll")
    for position in range(1, len(version.lessons) + 1):
        client.submit(f"/courses/{slug}/lessons/{position}", {})
    started = client.submit(f"/courses/{slug}/quiz", {})
    attempt_id = int(started.headers["Location"].split("/attempts/")[1].split("/")[0])
    attempt = db.session.get(QuizAttempt, attempt_id)
    questions = {q["id"]: q for q in version.quiz["questions"]}
    for number, item in enumerate(attempt.shown, start=1):
        right = [o["id"] for o in questions[item["id"]]["options"] if o["correct"]]
        path = f"/attempts/{attempt_id}/questions/{number}"
        client.submit(path, {"option": right[:1], "move": "next"})
    return attempt_id


def test_completing_a_one_hour_course_says_one_ce_hour_everywhere(
    client, create_user, create_course
):
    user = create_user(email="kai@example.org", legal_name="Kai Moss")
    AuthActions(client).signin(user.email)
    version = create_course(slug="one-hour", title="One Hour Ethics", lessons=1, ce_minutes=60)
    attempt_id = complete_course(client, "one-hour", version)
    done = client.submit(
        f"/attempts/{attempt_id}",
        {},
        action=f"/attempts/{attempt_id}/submit",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Course complete. 1 CE hour is on your record." in done  # the flash
    assert "1 CE hour is on your record. Certificate code" in done
    course_page = client.get("/courses/one-hour").get_data(as_text=True)
    assert "You completed this course. 1 CE hour is on your record." in course_page
    assert "1 CE hour · completed" in client.get("/certificates").get_data(as_text=True)
    transcript = client.get("/transcript").get_data(as_text=True)
    assert "<strong>1 verified hour</strong>" in transcript
    assert "<strong>1 hour</strong> in total" in client.get("/dashboard").get_data(as_text=True)
    certificate = db.session.execute(db.select(Certificate)).scalar_one()
    token = client.get(f"/certificates/{certificate.display_code}/badge.jwt").get_data(True)
    badge = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert badge["name"] == "One Hour Ethics — 1 CE contact hour"
    assert badge["credentialSubject"]["creditsEarned"] == 1


def test_one_logged_hour_is_one_hour_for_the_peer_and_the_supervisor(client, team):
    _peer, supervisor = team
    assert log_outside(client, "1").status_code == 302
    assert log_practice(client, "1.0").status_code == 302
    assert "2026-03-14 · 1 hour ·" in client.get("/ce").get_data(as_text=True)
    assert "<p>1 hour ·" in client.get("/certification/log").get_data(as_text=True)
    queue = supervisor.get("/supervision/queue").get_data(as_text=True)
    assert queue.count("Verify 1 hour<span") == 2 and "1 hours" not in queue


def test_editing_a_pending_record_shows_its_hours_as_people_write_them(client, team):
    log_outside(client, "1.5")
    log_practice(client, "2")
    record = db.session.execute(db.select(CERecord)).scalar_one()
    entry = db.session.execute(db.select(PracticeEntry)).scalar_one()
    outside_form = client.get(f"/ce/{record.id}/edit").get_data(as_text=True)
    practice_form = client.get(f"/certification/log/{entry.id}/edit").get_data(as_text=True)
    assert re.search(r'<input[^>]*name="hours"[^>]*value="1\.5"', outside_form)
    assert re.search(r'<input[^>]*name="hours"[^>]*value="2"', practice_form)
