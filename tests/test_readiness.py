"""The readiness page: from day one a trainee sees how far they are from certification, by
requirement, and what to do next; their supervisor's verifications move the picture."""

import re

import pytest
from markupsafe import escape

from lms.db import writing
from lms.extensions import db
from lms.localtime import today_for
from lms.models import AuditEvent, PracticeEntry, User
from lms.renewal.rulesets import set_offered
from tests.helpers import AuthActions, BrowserLikeClient, invoke_ok
from tests.journeys import (
    answer_all,
    decide_practice,
    log_practice,
    read_all_lessons,
    start_attempt,
)


@pytest.fixture
def trainee(client, create_user):
    user = create_user(email="new.peer@example.org", legal_name="Jordan Lee")
    AuthActions(client).signin(user.email)
    return user


def page(client) -> str:
    response = client.get("/certification/")
    assert response.status_code == 200
    return re.sub(r">\s+<", "><", " ".join(response.get_data(as_text=True).split()))


def row(html: str, label: str) -> str:
    """The text of the requirements table row headed `label`."""
    start = html.index(f'<th scope="row">{escape(label)}</th>')
    return html[start : html.index("</tr>", start)]


def complete(client, version, slug):
    client.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll")
    read_all_lessons(client, slug, version.lesson_count)
    attempt_id = start_attempt(client, slug)
    answer_all(client, attempt_id, right=True, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")


def test_a_new_peer_sees_every_requirement_and_what_to_do_first(client, trainee, create_course):
    create_course(
        slug="ethics-in-practice",
        title="Ethics in Practice",
        ce_minutes=180,
        domain_minutes={"ethical-responsibility": 120, "advocacy": 60},
    )
    html = page(client)
    assert "Working toward <strong>IC&amp;RC Peer Recovery (PR)</strong>" in html
    assert "0 of 8 requirements met" in html
    assert "<td>46 h</td><td>0 h</td><td>0 h</td>" in row(html, "Training hours")
    assert "<strong>16 h</strong>" in row(html, "Training: Ethical Responsibility")
    assert "<strong>500 h</strong>" in row(html, "Practice hours")
    assert "<strong>25 h</strong>" in row(html, "Supervision hours")
    assert "Not yet affirmed" in row(html, "Code of ethics affirmed")
    assert "does not record the result" in row(html, "IC&RC Peer Recovery Examination")
    first = html[html.index('<ol class="steps"') : html.index("</ol>")]
    assert first.count("<li>") == 3  # the first three steps; the rest wait behind "All steps"
    assert "Read the code of ethics and affirm it." in first
    steps = html[html.index('<details class="all-steps">') : html.index("</details>")]
    assert "<summary>All steps (10)</summary>" in steps
    steps = first + steps
    for text in [
        "Read the code of ethics and affirm it.",
        "Invite your supervisor",
        "Take Ethics in Practice: it counts 2 hours toward Ethical Responsibility (16 to go).",
        "Take Ethics in Practice: it counts 1 hour toward Advocacy (10 to go).",
        "Find 10 more hours of Mentoring/Education training from an approved provider",
        "Document 4 more hours of supervision this month",
        "Log your practice hours: 500 more verified hours needed.",
        "Try a practice exam",
    ]:
        assert escape(text) in steps, text


def test_a_completed_course_counts_toward_its_domains_at_once(client, trainee, create_course):
    version = create_course(
        slug="ethics-in-practice",
        lessons=1,
        ce_minutes=180,
        domain_minutes={"ethical-responsibility": 120, "advocacy": 60},
    )
    complete(client, version, "ethics-in-practice")
    html = page(client)
    assert "<td>46 h</td><td>3 h</td><td>0 h</td><td><strong>43 h</strong>" in row(
        html, "Training hours"
    )
    assert "<td>16 h</td><td>2 h</td>" in row(html, "Training: Ethical Responsibility")
    assert "<td>10 h</td><td>1 h</td>" in row(html, "Training: Advocacy")
    assert "<td>10 h</td><td>0 h</td>" in row(html, "Training: Mentoring/Education")
    assert "Take Ethics in Practice" not in html  # done; never suggested again


def test_practice_hours_count_once_the_supervisor_verifies_them(app, client, create_user, runner):
    trainee = create_user(email="new.peer@example.org", legal_name="Jordan Lee")
    AuthActions(client).signin(trainee.email)
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, trainee.email])
    supervisor = BrowserLikeClient(app.test_client())
    AuthActions(supervisor).signin(boss.email)

    log_practice(client, data={"hours": "6"})
    html = page(client)
    assert "<td>500 h</td><td>0 h</td><td>6 h</td><td><strong>500 h</strong>" in row(
        html, "Practice hours"
    )
    assert "6 logged hours are waiting for your supervisor to verify them." in html
    assert "Invite your supervisor" not in html

    entry = db.session.execute(db.select(PracticeEntry)).scalar_one()
    decide_practice(supervisor, entry.id, "verify")
    html = page(client)
    assert "<td>500 h</td><td>6 h</td><td>0 h</td><td><strong>494 h</strong>" in row(
        html, "Practice hours"
    )
    assert "waiting for your supervisor" not in html


def test_affirming_the_code_of_ethics_meets_that_requirement(client, trainee):
    client.submit("/certification/ethics", {"typed_name": "Jordan Lee"})
    html = page(client)
    assert "tag-good" in row(html, "Code of ethics affirmed")
    assert "Read the code of ethics and affirm it" not in html


def test_a_trainee_chooses_the_credential_they_work_toward(client, trainee):
    response = client.submit(
        "/certification/", {"rule_set": "wa-cpss"}, action="/certification/working-toward"
    )
    assert response.status_code == 302
    html = page(client)
    assert "Working toward <strong>Washington Certified Peer Support Specialist</strong>" in html
    training = "80 hours of training from the Health Care Authority"
    assert "Peerpath does not record it" in html[html.index(training) :]
    assert "Peerpath courses do not count toward this training" in html
    assert "<strong>1000 h</strong>" in row(html, "Practice hours")
    assert "Supervision hours" not in html and "Training: Advocacy" not in html
    assert "Check the credential you are working toward" not in html
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "certification.working_toward")
    ).scalar_one()
    assert event.detail["after"] == {"working_toward": "wa-cpss"}


@pytest.mark.parametrize("value", ["", "no-such-credential", "x" * 500])
def test_choosing_an_unknown_credential_changes_nothing(client, trainee, value):
    response = client.submit(
        "/certification/", {"rule_set": value}, action="/certification/working-toward"
    )
    assert response.status_code == 400
    assert "Choose one of the credentials in the list. Nothing was changed." in (
        response.get_data(as_text=True)
    )
    assert db.session.get(User, trainee.id).working_toward is None


def test_only_offered_credentials_with_initial_figures_can_be_chosen(client, trainee, create_user):
    def options() -> str:
        html = page(client)
        return html[html.index('<select name="rule_set"') : html.index("</select>")]

    assert "IC&amp;RC Peer Recovery (PR)" in options()
    assert "Washington Certified Peer Support Specialist" in options()
    admin = create_user(email="admin@example.org", roles=("admin",))
    with writing():
        set_offered({"wa-cpss"}, actor=admin)
        db.session.commit()
    assert "IC&amp;RC Peer Recovery (PR)" not in options()
    html = page(client)
    assert "Working toward <strong>Washington Certified Peer Support Specialist</strong>" in html


def test_a_supervisor_sees_each_supervisees_ethics_and_supervision_this_month(
    app, client, create_user, runner
):
    trainee = create_user(email="new.peer@example.org", legal_name="Jordan Lee")
    other = create_user(email="other.peer@example.org", legal_name="Alex Kim")
    AuthActions(client).signin(trainee.email)
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    for peer in (trainee, other):
        invoke_ok(runner, ["users", "link", boss.email, peer.email])
    supervisor = BrowserLikeClient(app.test_client())
    AuthActions(supervisor).signin(boss.email)

    client.submit("/certification/ethics", {"typed_name": "Jordan Lee"})
    today = today_for(db.session.get(User, trainee.id)).isoformat()
    log_practice(client, "supervision", {"done_on": today, "hours": "1.5"})
    entry = db.session.execute(db.select(PracticeEntry)).scalar_one()
    decide_practice(supervisor, entry.id, "verify")
    log_practice(client, "supervision", {"done_on": today, "hours": "1"})

    dashboard = re.sub(
        r">\s+<", "><", " ".join(supervisor.get("/team/").get_data(as_text=True).split())
    )
    jordan = dashboard[dashboard.index(">Jordan Lee<span") :]
    jordan = jordan[: jordan.index("</tr>")]
    assert "Affirmed</span> version" in jordan
    assert "1.5 of 4 h verified, 1 h pending" in jordan and "2.5 h still to document" in jordan
    alex = dashboard[dashboard.index(">Alex Kim<span") :]
    alex = alex[: alex.index("</tr>")]
    assert "Not affirmed" in alex and "0 of 4 h verified" in alex

    html = re.sub(
        r">\s+<",
        "><",
        " ".join(supervisor.get(f"/team/{trainee.id}").get_data(as_text=True).split()),
    )
    section = html[html.index("Road to certification") :]
    assert "Code of ethics:</strong> affirmed version" in section
    assert "<td>1.5 h</td><td>1 h</td><td>Not yet (2.5 h to go)</td>" in section
    assert "<td>25 h</td><td>1.5 h</td><td>1 h</td><td><strong>23.5 h</strong>" in section
    assert "Affirm it" not in section  # the trainee's own link is not offered to the supervisor


def test_the_dashboard_of_a_new_peer_leads_with_their_road_to_certification(client, trainee):
    html = " ".join(client.get("/dashboard").get_data(as_text=True).split())
    assert "Your road to certification" in html
    assert "IC&amp;RC Peer Recovery (PR): 0 of 8 requirements met." in html
    assert "Read the code of ethics and affirm it." in html
    client.submit(
        "/account",
        {"rule_set": "icrc-pr", "name": "IC&RC Peer Recovery", "certified_on": "2025-03-01"},
        action="/account/credentials",
    )
    html = client.get("/dashboard").get_data(as_text=True)
    assert "Your road to certification" not in html  # certified: renewal is the news now


def test_a_credential_known_only_by_steps_outside_peerpath_says_so(client, trainee):
    client.submit(
        "/certification/", {"rule_set": "ga-cares"}, action="/certification/working-toward"
    )
    html = page(client)
    assert "The source gives no hours or other requirements Peerpath can track" in html
    assert "Peerpath does not record it" in row(html, "The five-day CARES Academy")
    assert "Georgia CARES: only steps outside Peerpath are known here." in client.get(
        "/dashboard"
    ).get_data(as_text=True)


def test_texas_readiness_says_self_paced_courses_do_not_count(client, trainee):
    client.submit(
        "/certification/",
        {"rule_set": "tx-peer-specialist"},
        action="/certification/working-toward",
    )
    html = page(client)
    assert "Self-paced courses do not count toward Texas Peer Specialist" in html
    assert "250 hours of supervised work experience" in html
