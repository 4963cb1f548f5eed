"""The lesson page's statements are built once and shared by every request (lms/learning/views.py,
lms/learning/enrollments.py, lms/security.py): each learner still sees only their own progress,
and their own change at once, and a revoked session still ends on its next request."""

from tests.helpers import DEFAULT_PASSWORD, AuthActions, BrowserLikeClient


def progress_line(client) -> str:
    page = client.get("/courses/ethics-basics/lessons/2").get_data(as_text=True)
    return page.split('aria-label="Lessons read in this course">')[1].split("</progress>")[0]


def enrolled(app, create_user, email):
    client = BrowserLikeClient(app.test_client())
    AuthActions(client).signin(create_user(email=email).email)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    return client


def test_each_learner_sees_their_own_progress_and_their_own_change_at_once(
    app, create_user, create_course
):
    create_course(lessons=3)
    ana = enrolled(app, create_user, "ana@example.org")
    ben = enrolled(app, create_user, "ben@example.org")
    assert progress_line(ana) == progress_line(ben) == "0 of 3"
    ana.submit("/courses/ethics-basics/lessons/1", {})
    assert progress_line(ana) == "1 of 3"
    assert progress_line(ben) == "0 of 3"
    ben.submit("/courses/ethics-basics/lessons/1", {})
    ben.submit("/courses/ethics-basics/lessons/2", {})
    assert progress_line(ben) == "2 of 3"
    assert progress_line(ana) == "1 of 3"


def test_a_password_change_elsewhere_ends_this_session_on_its_next_lesson_request(
    app, create_user, create_course
):
    create_course(lessons=3)
    ana = enrolled(app, create_user, "ana@example.org")
    other_browser = BrowserLikeClient(app.test_client())
    AuthActions(other_browser).signin("ana@example.org")
    assert progress_line(ana) == "0 of 3"
    other_browser.submit(
        "/account",
        {
            "current_password": DEFAULT_PASSWORD,
            "new_password": "a fresh pass phrase",
        },
        action="/account/password",
    )
    page = ana.get("/courses/ethics-basics/lessons/2")
    assert page.status_code == 302 and "/signin" in page.headers["Location"]


def test_a_removed_role_and_a_deactivation_hold_on_the_very_next_request(
    app, create_user, create_course
):
    """The signed-in user is read afresh each request (no cache): an admin's change made in
    another browser reaches the trainer's next lesson page and next authoring request."""
    create_course(lessons=3)
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(email="admin@example.org", roles=("admin",)).email)
    ana = BrowserLikeClient(app.test_client())
    ana_id = create_user(email="ana@example.org", roles=("trainer",)).id
    AuthActions(ana).signin("ana@example.org")
    ana.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    lesson = "/courses/ethics-basics/lessons/2"
    assert 'data-role="trainer"' in ana.get(lesson).get_data(as_text=True)
    assert ana.get("/authoring/").status_code == 200

    people = f"/admin/users/{ana_id}"
    admin.submit(people, {"roles": []}, action=f"{people}/roles")
    assert 'data-role="trainer"' not in ana.get(lesson).get_data(as_text=True)
    assert ana.get("/authoring/").status_code == 403

    admin.submit(people, {}, action=f"{people}/deactivate")
    page = ana.get(lesson)
    assert page.status_code == 302 and "/signin" in page.headers["Location"]
