"""A Moodle bank, imported and published, is what a learner meets: the bold word the question
hinges on, and a number field that reads "3,5" as 3.5 and grades it exactly."""

import dataclasses
from pathlib import Path

from lms.content.importing import import_questions
from lms.content.quiz import parse_quiz
from lms.extensions import db
from lms.models import QuizAttempt
from tests.helpers import AuthActions
from tests.journeys import read_all_lessons, start_attempt

BANK = Path(__file__).parent / "content" / "fixtures" / "moodle" / "bank.xml"


def published_bank(create_course):
    quiz, findings = parse_quiz(import_questions(BANK.read_bytes(), "bank.xml").markdown)
    assert quiz is not None, findings
    return create_course(lessons=1, questions=[dataclasses.asdict(q) for q in quiz.questions])


def started_attempt_on_the_bank(client, create_user, create_course) -> tuple[int, dict]:
    """A new learner enrolled in the published bank, with a quiz attempt started: the attempt's
    id and the page number of each question id."""
    published_bank(create_course)
    AuthActions(client).signin(create_user().email)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    read_all_lessons(client, "ethics-basics", 1)
    attempt_id = start_attempt(client, "ethics-basics")
    attempt = db.session.get(QuizAttempt, attempt_id)
    return attempt_id, {item["id"]: n for n, item in enumerate(attempt.shown, start=1)}


def test_a_learner_sees_the_bold_word_and_answers_the_numeric_question_with_a_comma(
    client, create_user, create_course
):
    attempt_id, pages = started_attempt_on_the_bank(client, create_user, create_course)

    card = client.get(f"/attempts/{attempt_id}/questions/{pages['gift-card']}").get_data(
        as_text=True
    )
    assert "<strong>never</strong>" in card

    hours_url = f"/attempts/{attempt_id}/questions/{pages['hours']}"
    hours = client.get(hours_url).get_data(as_text=True)
    assert 'inputmode="decimal"' in hours
    refused = client.submit(hours_url, {"number": "1,000", "move": "next"}, follow_redirects=True)
    assert "Type it without commas (1000)" in refused.get_data(as_text=True)
    client.submit(hours_url, {"number": " 3,55 ", "move": "next"})
    db.session.expire_all()
    assert db.session.get(QuizAttempt, attempt_id).answers["hours"] == "3.55"


def test_the_review_and_the_statistics_show_the_number_given_and_the_accepted_answers(
    client, create_user, create_course
):
    attempt_id, pages = started_attempt_on_the_bank(client, create_user, create_course)
    hours_url = f"/attempts/{attempt_id}/questions/{pages['hours']}"
    client.submit(hours_url, {"number": "3.45", "move": "next"})
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    review = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    hours = review[review.index("<h3>Hours") :]
    assert "<strong>You wrote:</strong> 3.45" in hours
    assert "Accepted answers:</p>" in hours and "<li>3.5 ± 0.1</li>" in hours

    client.get("/signout")
    admin = create_user(email="admin@example.org", roles=("admin",))
    AuthActions(client).signin(admin.email)
    stats = client.get("/authoring/courses/ethics-basics/statistics").get_data(as_text=True)
    hours = stats[stats.index("<summary>Hours") :]
    assert "<li>3.5 ± 0.1</li>" in hours
    assert "<tr><td>3.45</td><td>yes</td><td>1 (100%)</td></tr>" in hours
