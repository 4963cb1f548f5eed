"""Pages cost a fixed number of SQL queries, whatever the number of courses, people or attempts.

Counting statements (not timing them) keeps this test exact and repeatable; throughput is
measured by `make bench`.
"""

from lms.extensions import db
from tests.helpers import AuthActions, page_queries
from tests.journeys import answer_all, start_attempt


def busy_learner(client, create_user, create_course, slug):
    version = create_course(slug=slug, lessons=3)
    client.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll")
    client.submit(f"/courses/{slug}/lessons/1", {})
    attempt = start_attempt(client, slug)
    answer_all(client, attempt, right=False, version=version)
    client.submit(f"/attempts/{attempt}", {}, action=f"/attempts/{attempt}/submit")


def test_lesson_catalog_and_dashboard_queries_do_not_grow_with_data(
    client, create_user, create_course
):
    AuthActions(client).signin(create_user(email="me@example.org").email)
    busy_learner(client, create_user, create_course, "course-0")
    pages = [
        "/courses/course-0/lessons/2",
        "/courses",
        "/dashboard",
        "/courses/course-0",
        "/certification/",
    ]
    before = {path: page_queries(client, path) for path in pages}

    for n in range(1, 8):  # more courses, each with progress and an attempt
        busy_learner(client, create_user, create_course, f"course-{n}")
    for _ in range(20):  # more people
        create_user()
    after = {path: page_queries(client, path) for path in pages}
    assert after == before
    assert before["/courses/course-0/lessons/2"] <= 6


def test_a_lesson_page_is_two_queries_however_long_the_course_and_however_far_read(
    client, create_user, create_course
):
    """The signed-in user, then the whole page (enrollment, lesson, lessons read) in one."""
    AuthActions(client).signin(create_user().email)
    counts = {}
    for slug, lessons in (("short-course", 2), ("long-course", 12)):
        create_course(slug=slug, lessons=lessons)
        client.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll")
        for position in range(1, lessons):
            client.submit(f"/courses/{slug}/lessons/{position}", {})
        last = f"/courses/{slug}/lessons/{lessons}"
        counts[slug] = page_queries(client, last)
        page = client.get(last).get_data(as_text=True)
        assert f">{lessons - 1} of {lessons}</progress>" in page
    assert counts == {"short-course": 2, "long-course": 2}


def test_renewal_page_queries_do_not_grow_with_ce_records(client, create_user):
    from datetime import date, timedelta

    from lms.models import CERecord, UserCredential

    user = create_user(email="peer@example.org")
    AuthActions(client).signin(user.email)
    today = date.today()
    credential = UserCredential(
        user_id=user.id,
        name="IC&RC Peer Recovery",
        rule_set="icrc-pr",
        certified_on=today - timedelta(days=300),
    )
    db.session.add(credential)
    db.session.commit()

    def add_records(count):
        for n in range(count):
            db.session.add(
                CERecord(
                    user_id=user.id,
                    source="external",
                    title=f"Training {n}",
                    minutes=60,
                    topics=["ethics"],
                    delivery="live",
                    earned_on=today - timedelta(days=n % 200),
                    status="verified" if n % 3 else "pending",
                )
            )
        db.session.commit()

    add_records(5)
    before = page_queries(client, f"/renewal/{credential.id}")
    add_records(120)
    assert page_queries(client, f"/renewal/{credential.id}") == before
