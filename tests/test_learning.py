"""Journey 2 on the server: enroll, read with progress, fail and retake the quiz, complete once."""

from lms.extensions import db
from lms.models import CERecord, Enrollment, LessonProgress, QuizAttempt
from tests.helpers import AuthActions, BrowserLikeClient, make_question
from tests.journeys import answer_all, read_all_lessons, start_attempt


def signed_in_trainee(client, create_user, **kwargs):
    user = create_user(**kwargs)
    AuthActions(client).signin(user.email)
    return user


def test_catalog_lists_live_courses_with_hours_and_filters(client, create_course):
    create_course(slug="ethics-basics", title="Ethics Basics", topics=("ethics",))
    create_course(
        slug="self-care", title="Caring for Yourself", topics=("self-care",), ce_minutes=90
    )
    page = client.get("/courses").get_data(as_text=True)
    assert "Ethics Basics" in page and "Caring for Yourself" in page
    assert "1.5 CE hours" in page
    filtered = client.get("/courses?topic=self-care").get_data(as_text=True)
    assert "Caring for Yourself" in filtered and "Ethics Basics" not in filtered
    assert "Ethics Basics" in client.get("/courses?q=ethics").get_data(as_text=True)
    create_course(slug="etica", title="Ética y límites")
    assert "Ética y límites" in client.get("/courses?q=ETICA limites").get_data(as_text=True)
    nothing = client.get("/courses?max_hours=0.5").get_data(as_text=True)
    assert "No courses match these filters" in nothing


def test_enrolling_twice_keeps_one_enrollment(client, create_user, create_course):
    signed_in_trainee(client, create_user)
    create_course()
    first = client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    assert first.headers["Location"].endswith("/courses/ethics-basics/lessons/1")
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    assert db.session.execute(db.select(db.func.count(Enrollment.id))).scalar() == 1


def test_lessons_show_progress_and_resume_where_the_learner_left_off(
    client, create_user, create_course
):
    signed_in_trainee(client, create_user)
    create_course(lessons=3)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    page = client.get("/courses/ethics-basics/lessons/1").get_data(as_text=True)
    assert "Lesson 1 of 3" in page and "Text of lesson 1." in page
    assert "Continue to lesson 2" in page
    next_page = client.submit("/courses/ethics-basics/lessons/1", {})
    assert next_page.headers["Location"].endswith("/lessons/2")
    resume = client.get("/courses/ethics-basics/resume")
    assert resume.headers["Location"].endswith("/courses/ethics-basics/lessons/2")
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "/courses/ethics-basics/resume" in dashboard


def test_time_on_task_is_counted_from_the_lesson_page_and_capped(
    client, create_user, create_course
):
    signed_in_trainee(client, create_user)
    create_course(lessons=1)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    client.submit("/courses/ethics-basics/lessons/1", {"shown": "forged-token"})
    progress = db.session.execute(db.select(LessonProgress)).scalar_one()
    assert progress.seconds_on_task == 0  # a forged visit earns no time


def test_failed_quiz_can_be_retaken_and_passing_completes_the_course_once(
    client, create_user, create_course
):
    user = signed_in_trainee(client, create_user)
    version = create_course(lessons=2, ce_minutes=90)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    read_all_lessons(client, "ethics-basics", 2)

    first = start_attempt(client, "ethics-basics")
    answer_all(client, first, right=False, version=version)
    client.submit(f"/attempts/{first}", {}, action=f"/attempts/{first}/submit")
    result = client.get(f"/attempts/{first}").get_data(as_text=True)
    assert "You scored 0% — the pass mark is 75%" in result
    assert "Feedback for b" in result  # the feedback on the option they chose
    assert db.session.execute(db.select(CERecord)).first() is None

    second = start_attempt(client, "ethics-basics")
    assert second != first
    answer_all(client, second, right=True, version=version)
    client.submit(f"/attempts/{second}", {}, action=f"/attempts/{second}/submit")
    assert "You passed with 100%" in client.get(f"/attempts/{second}").get_data(as_text=True)

    record = db.session.execute(db.select(CERecord)).scalar_one()
    assert (record.user_id, record.minutes, record.topics, record.status) == (
        user.id,
        90,
        ["ethics"],
        "verified",
    )
    # A resubmitted form or a second tab changes nothing.
    again = client.submit(f"/attempts/{second}", {}, action=f"/attempts/{second}/submit")
    assert again.status_code == 302
    assert db.session.execute(db.select(db.func.count(CERecord.id))).scalar() == 1
    assert db.session.get(QuizAttempt, second).score_percent == 100


def test_answers_are_saved_as_the_learner_goes_and_the_attempt_resumes(
    client, create_user, create_course
):
    signed_in_trainee(client, create_user)
    create_course()
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    attempt_id = start_attempt(client, "ethics-basics")
    client.submit(f"/attempts/{attempt_id}/questions/1", {"option": "a", "move": "next"})
    # The tab closes; later the learner comes back and starts the quiz again.
    resumed = client.submit("/courses/ethics-basics/quiz", {})
    assert resumed.headers["Location"].endswith(f"/attempts/{attempt_id}/questions/2")
    assert db.session.get(QuizAttempt, attempt_id).answers == {"q1": ["a"]}
    assert db.session.execute(db.select(db.func.count(QuizAttempt.id))).scalar() == 1


def test_grading_uses_option_ids_not_labels(client, create_user, create_course):
    signed_in_trainee(client, create_user)
    question = make_question("tf", correct="a", kind="true_false")
    question["options"] = [
        {"id": "a", "text": "Verdadero", "correct": True, "feedback": ""},
        {"id": "b", "text": "Falso", "correct": False, "feedback": ""},
    ]
    create_course(questions=[question])
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    attempt_id = start_attempt(client, "ethics-basics")
    client.submit(f"/attempts/{attempt_id}/questions/1", {"option": "a", "move": "next"})
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    assert db.session.get(QuizAttempt, attempt_id).passed is True


def test_a_choice_that_was_not_offered_is_refused_with_a_message(
    client, create_user, create_course
):
    signed_in_trainee(client, create_user)
    create_course()
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    attempt_id = start_attempt(client, "ethics-basics")
    response = client.submit(
        f"/attempts/{attempt_id}/questions/1",
        {"option": "z", "move": "next"},
        follow_redirects=True,
    )
    assert "Choose one answer, then continue." in response.get_data(as_text=True)
    assert db.session.get(QuizAttempt, attempt_id).answers == {}


def test_attempts_allowed_are_enforced_with_a_clear_message(client, create_user, create_course):
    signed_in_trainee(client, create_user)
    version = create_course(attempts_allowed=1)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    attempt_id = start_attempt(client, "ethics-basics")
    answer_all(client, attempt_id, right=False, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    response = client.submit("/courses/ethics-basics/quiz", {}, follow_redirects=True)
    assert "You have used every attempt this quiz allows" in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(QuizAttempt.id))).scalar() == 1


def test_retakes_draw_questions_not_seen_before(client, create_user, create_course):
    signed_in_trainee(client, create_user)
    questions = [make_question(f"q{n}") for n in range(1, 7)]
    version = create_course(questions=questions, questions_per_attempt=3, shuffle=True)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    first = start_attempt(client, "ethics-basics")
    answer_all(client, first, right=False, version=version)
    client.submit(f"/attempts/{first}", {}, action=f"/attempts/{first}/submit")
    second = start_attempt(client, "ethics-basics")
    seen_first = {i["id"] for i in db.session.get(QuizAttempt, first).shown}
    seen_second = {i["id"] for i in db.session.get(QuizAttempt, second).shown}
    assert len(seen_first) == len(seen_second) == 3
    assert not seen_first & seen_second


def test_evaluation_is_required_when_the_course_asks_for_one(client, create_user, create_course):
    signed_in_trainee(client, create_user)
    version = create_course(evaluation=True, lessons=1)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    read_all_lessons(client, "ethics-basics", 1)
    attempt_id = start_attempt(client, "ethics-basics")
    answer_all(client, attempt_id, right=True, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    assert db.session.execute(db.select(CERecord)).first() is None
    bad = client.submit("/courses/ethics-basics/evaluation", {"objectives": "9"})
    assert bad.status_code == 400
    assert db.session.execute(db.select(CERecord)).first() is None
    client.submit(
        "/courses/ethics-basics/evaluation",
        {"objectives": "5", "useful": "4", "clear": "5", "respectful": "5", "comment": "Helpful"},
    )
    assert db.session.execute(db.select(db.func.count(CERecord.id))).scalar() == 1


def test_learners_on_version_one_finish_on_version_one(client, create_user, create_course):
    signed_in_trainee(client, create_user)
    first = create_course(lessons=2, title="Ethics Basics")
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    create_course(lessons=3, title="Ethics Basics, Second Edition")
    page = client.get("/courses/ethics-basics/lessons/1").get_data(as_text=True)
    assert "Lesson 1 of 2" in page
    enrollment = db.session.execute(db.select(Enrollment)).scalar_one()
    assert enrollment.version_id == first.id


def test_another_learners_attempt_is_not_found(app, client, create_user, create_course):
    signed_in_trainee(client, create_user)
    create_course()
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    attempt_id = start_attempt(client, "ethics-basics")
    other = BrowserLikeClient(app.test_client())
    signed_in_trainee(other, create_user)
    assert other.get(f"/attempts/{attempt_id}").status_code == 404
    assert other.get(f"/attempts/{attempt_id}/questions/1").status_code == 404


def test_online_ce_limit_defers_completion_and_says_when(app, client, create_user, create_course):
    app.config["ONLINE_CE_MINUTES_PER_24H"] = 60
    signed_in_trainee(client, create_user)
    for slug in ("first-course", "second-course"):
        version = create_course(slug=slug, lessons=1, ce_minutes=60)
        client.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll")
        read_all_lessons(client, slug, 1)
        attempt_id = start_attempt(client, slug)
        answer_all(client, attempt_id, right=True, version=version)
        response = client.submit(
            f"/attempts/{attempt_id}",
            {},
            action=f"/attempts/{attempt_id}/submit",
            follow_redirects=True,
        )
    assert "you can finish this course after" in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(CERecord.id))).scalar() == 1
    # A day later the learner finishes with one click; nothing they did was lost.
    app.config["ONLINE_CE_MINUTES_PER_24H"] = 0
    page = client.get("/courses/second-course").get_data(as_text=True)
    assert "Finish the course and record my CE hours" in page
    client.submit("/courses/second-course", {}, action="/courses/second-course/complete")
    assert db.session.execute(db.select(db.func.count(CERecord.id))).scalar() == 2


def test_the_old_enrol_address_still_enrolls_by_redirect(client, create_user, create_course):
    """The address was /enrol before "enrollment" became the one spelling; a page left open
    from before still works."""
    create_course(slug="ethics-basics")
    user = create_user(email="sam@example.org")
    AuthActions(client).signin(user.email)
    response = client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enrol")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/courses/ethics-basics/enroll")
    # A browser sends the same POST to the new address (the test client loses the body here).
    followed = client.submit("/courses/ethics-basics", {}, action=response.headers["Location"])
    assert followed.status_code == 302
    assert db.session.execute(db.select(db.func.count(Enrollment.id))).scalar_one() == 1
