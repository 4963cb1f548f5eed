"""The practice exam: questions drawn across the four IC&RC domains in configured proportions,
answered one per page, graded exactly once with a score per domain, retaken as often as
wanted (unseen questions first). It is practice: it says so, and it never creates CE."""

from collections import Counter
from datetime import timedelta

import pytest
from markupsafe import escape

from lms.certification import exam
from lms.extensions import db
from lms.models import AuditEvent, CERecord, PracticeAttempt
from tests.helpers import AuthActions, BrowserLikeClient

START = "/certification/exam"


@pytest.fixture
def trainee(client, create_user):
    user = create_user(email="sam@example.org", legal_name="Sam Okafor")
    AuthActions(client).signin(user.email)
    return user


def start(client, timing="untimed") -> PracticeAttempt:
    response = client.submit(START, {"timing": timing})
    assert response.status_code == 302
    return (
        db.session.execute(db.select(PracticeAttempt).order_by(PracticeAttempt.id.desc()))
        .scalars()
        .first()
    )


def right_answer(item) -> list[str]:
    question = exam.question_for(item)
    return [o["id"] for o in question["options"] if o["correct"]]


def wrong_answer(item) -> list[str]:
    question = exam.question_for(item)
    return [next(o["id"] for o in question["options"] if not o["correct"])]


def answer(client, attempt, pick) -> None:
    for number, item in enumerate(attempt.shown, start=1):
        path = f"{START}/{attempt.id}/questions/{number}"
        assert client.submit(path, {"option": pick(item), "move": "next"}).status_code == 302


def submit(client, attempt):
    return client.submit(f"{START}/{attempt.id}", {}, action=f"{START}/{attempt.id}/submit")


def test_the_start_page_says_plainly_it_is_practice(client, trainee):
    page = client.get(START).get_data(as_text=True)
    assert "This is practice, not the real exam." in page
    assert "It earns no CE hours." in page
    assert "which our sources do not confirm" in page


def test_counts_follow_the_proportions_and_round_fairly():
    available = dict.fromkeys(exam.DOMAINS, 16)
    assert list(exam.domain_counts(20, exam.DEFAULT_PROPORTIONS, available).values()) == [5] * 4
    assert sum(exam.domain_counts(10, exam.DEFAULT_PROPORTIONS, available).values()) == 10
    shares = {"advocacy": 0.5, "ethical-responsibility": 0.5}
    counts = exam.domain_counts(10, shares, available)
    assert counts == {
        "advocacy": 5,
        "mentoring-education": 0,
        "recovery-wellness-support": 0,
        "ethical-responsibility": 5,
    }
    # A domain that runs out passes its share on to the others.
    small = {**available, "advocacy": 2}
    counts = exam.domain_counts(20, exam.DEFAULT_PROPORTIONS, small)
    assert counts["advocacy"] == 2 and sum(counts.values()) == 20


def test_an_exam_draws_across_domains_by_the_configured_proportions(app, client, trainee):
    app.config["PRACTICE_EXAM_QUESTIONS"] = 12
    app.config["PRACTICE_EXAM_PROPORTIONS"] = {
        "advocacy": 0.5,
        "mentoring-education": 0.25,
        "recovery-wellness-support": 0,
        "ethical-responsibility": 0.25,
    }
    attempt = start(client)
    assert Counter(item["domain"] for item in attempt.shown) == {
        "advocacy": 6,
        "mentoring-education": 3,
        "ethical-responsibility": 3,
    }
    bank = exam.load_bank()
    for item in attempt.shown:
        assert bank["questions"][item["id"]]["domain"] == item["domain"]


def test_the_default_exam_has_twenty_questions_five_per_domain(client, trainee):
    attempt = start(client)
    assert len({item["id"] for item in attempt.shown}) == 20
    assert set(Counter(item["domain"] for item in attempt.shown).values()) == {5}


def test_submitting_twice_grades_once_and_reports_each_domain(client, trainee):
    attempt = start(client)
    page = client.get(f"{START}/{attempt.id}/questions/1").get_data(as_text=True)
    assert "Question 1 of 20" in page and "practice only, no CE hours" in page
    answer(client, attempt, right_answer)
    assert submit(client, attempt).status_code == 302
    first = db.session.get(PracticeAttempt, attempt.id)
    submitted_at = first.submitted_at
    again = submit(client, attempt)
    assert again.status_code == 302
    db.session.refresh(first)
    assert first.submitted_at == submitted_at and first.score_percent == 100
    events = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "practice_exam.submitted")
    ).scalars()
    assert len(list(events)) == 1
    assert set(first.by_domain) == set(exam.DOMAINS)
    assert all(d["right"] == d["total"] == 5 for d in first.by_domain.values())

    report = client.get(f"{START}/{attempt.id}").get_data(as_text=True)
    assert "You scored 100% on this practice exam" in report
    for label in exam.DOMAINS.values():
        assert f'<th scope="row">{label}</th><td>5 of 5</td><td>100%</td>' in report
    question = exam.question_for(attempt.shown[0])
    assert str(escape(question["explanation"])) in report  # as the autoescaped page shows it


def test_the_report_shows_the_best_answer_and_its_feedback_when_wrong(client, trainee):
    attempt = start(client)
    answer(client, attempt, wrong_answer)
    submit(client, attempt)
    report = client.get(f"{START}/{attempt.id}").get_data(as_text=True)
    assert "You scored 0% on this practice exam" in report
    assert report.count("The best answer:") == sum(len(right_answer(i)) for i in attempt.shown)
    assert "<td>0 of 5</td><td>0%</td>" in report


def test_answers_after_the_time_limit_are_graded_and_the_report_says_so(client, trainee):
    attempt = start(client, timing="30")
    assert attempt.time_limit_minutes == 30
    attempt.started_at -= timedelta(minutes=31)
    db.session.commit()
    page = client.get(f"{START}/{attempt.id}/questions/1").get_data(as_text=True)
    assert "Time is up" in page
    answer(client, attempt, right_answer)
    submit(client, attempt)
    attempt = db.session.get(PracticeAttempt, attempt.id)
    assert attempt.score_percent == 100 and exam.ran_over(attempt)
    report = client.get(f"{START}/{attempt.id}").get_data(as_text=True)
    assert "You went over your 30-minute time limit" in report


def test_a_time_limit_not_offered_is_refused(client, trainee):
    response = client.submit(START, {"timing": "5"})
    assert response.status_code == 400
    assert "Choose whether to time this practice exam." in response.get_data(as_text=True)
    assert db.session.execute(db.select(PracticeAttempt)).first() is None


def test_retakes_are_unlimited_and_prefer_unseen_questions(client, trainee):
    first = start(client)
    assert start(client).id == first.id  # an unfinished exam is resumed, not doubled
    submit(client, first)
    second = start(client)
    assert second.id != first.id
    assert not {i["id"] for i in first.shown} & {i["id"] for i in second.shown}
    submit(client, second)
    third = start(client)
    assert third.submitted_at is None and len(third.shown) == 20


def test_practice_results_give_best_and_latest_per_domain(client, trainee):
    first = start(client)
    answer(client, first, right_answer)
    submit(client, first)
    second = start(client)
    answer(client, second, wrong_answer)
    submit(client, second)
    results = exam.practice_results(trainee.id)
    assert results["attempts"] == 2
    assert results["latest_percent"] == 0 and results["best_percent"] == 100
    advocacy = results["domains"]["advocacy"]
    assert (advocacy["label"], advocacy["latest"], advocacy["best"]) == ("Advocacy", 0, 100)
    page = client.get(START).get_data(as_text=True)
    assert "Your results by domain" in page


def test_another_persons_practice_exam_is_not_found(app, client, trainee, create_user):
    attempt = start(client)
    other = create_user(email="other@example.org")
    stranger = BrowserLikeClient(app.test_client())
    AuthActions(stranger).signin(other.email)
    token = stranger.csrf_token(START)
    for path in (f"{START}/{attempt.id}", f"{START}/{attempt.id}/questions/1"):
        assert stranger.get(path).status_code == 404
    for path in (f"{START}/{attempt.id}/questions/1", f"{START}/{attempt.id}/submit"):
        response = stranger.post(path, data={"csrf_token": token, "option": "a"})
        assert response.status_code == 404
    db.session.refresh(attempt)
    assert attempt.answers == {} and attempt.submitted_at is None


def test_no_ce_record_is_ever_created(client, trainee):
    attempt = start(client)
    answer(client, attempt, right_answer)
    submit(client, attempt)
    assert db.session.execute(db.select(CERecord)).first() is None
