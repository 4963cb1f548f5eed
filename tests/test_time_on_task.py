"""Time on task: CE hours only for real study. A script that clicks through a course in a second
earns nothing, ten tabs merge into one clock, an idle tab counts at most the idle cutoff, and a
learner who studies long enough completes with the time kept on the CE record. Claims are
bounded: an inflated course cannot be published, and the daily online limit is never widened.

Time passes by moving the clock lms.learning.ontask reads (`Clock`); the database is real."""

import re
from datetime import timedelta

import pytest

from lms import create_app
from lms.extensions import db
from lms.learning import ontask
from lms.models import CERecord, Certificate, Course, Enrollment, ProviderSettings, utcnow
from tests.helpers import AuthActions, signed_in
from tests.journeys import (
    answer_all,
    draft_text,
    new_draft,
    publish_draft,
    read_all_lessons,
    save_draft,
    signed_in_author,
    start_attempt,
)

SLUG = "ethics-basics"
WORDS = 1800  # ten minutes of reading a lesson: it counts for at most 30


class Clock:
    """The clock time on task is counted by, moved forward by hand."""

    def __init__(self, monkeypatch):
        self.moment = utcnow()
        monkeypatch.setattr(ontask, "now", lambda: self.moment)

    def advance(self, minutes: float) -> None:
        self.moment += timedelta(minutes=minutes)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def learner(app, client, create_user):
    """A signed-in trainee on a site asking for half the claimed time (the default)."""
    app.config["MIN_TIME_ON_TASK_SHARE"] = 0.5
    user = create_user()
    AuthActions(client).signin(user.email)
    return user


def enroll(client, create_course, lessons=2, ce_minutes=30):
    version = create_course(lessons=lessons, ce_minutes=ce_minutes, lesson_words=WORDS)
    client.submit(f"/courses/{SLUG}", {}, action=f"/courses/{SLUG}/enroll")
    return version


def shown_stamp(client, position: int) -> str:
    """Open a lesson page (a tab) and keep the stamp its form carries."""
    page = client.get(f"/courses/{SLUG}/lessons/{position}").get_data(as_text=True)
    return re.search(r'name="shown" value="([^"]+)"', page).group(1)


def finish_lesson(client, position: int, stamp: str):
    return client.submit(f"/courses/{SLUG}/lessons/{position}", {"shown": stamp})


def pass_quiz(client, version):
    attempt_id = start_attempt(client, SLUG)
    answer_all(client, attempt_id, right=True, version=version)
    return client.submit(
        f"/attempts/{attempt_id}",
        {},
        action=f"/attempts/{attempt_id}/submit",
        follow_redirects=True,
    )


def seconds_on_task() -> int:
    return db_scalar(Enrollment.seconds_on_task)


def db_scalar(column):
    db.session.expire_all()
    return db.session.execute(db.select(column)).scalar_one()


def ce_records() -> int:
    return db.session.execute(db.select(db.func.count(CERecord.id))).scalar()


def test_a_script_clicking_through_in_a_second_earns_no_hours_and_sees_the_time_left(
    client, learner, create_course, clock
):
    version = enroll(client, create_course)
    read_all_lessons(client, SLUG, 2)
    result = pass_quiz(client, version).get_data(as_text=True)
    assert "You passed with 100%" in result
    assert ce_records() == 0
    assert db.session.execute(db.select(Certificate)).first() is None
    left = "About 15 more minutes of study before this course can count for CE."
    assert left in result
    assert left in client.get(f"/courses/{SLUG}").get_data(as_text=True)

    # Going back over the lessons for real makes up the time, and the course completes.
    stamp = shown_stamp(client, 1)
    clock.advance(8)
    finish_lesson(client, 1, stamp)
    assert ce_records() == 0
    assert "About 7 more minutes" in client.get(f"/courses/{SLUG}").get_data(as_text=True)
    stamp = shown_stamp(client, 2)
    clock.advance(8)
    finish_lesson(client, 2, stamp)
    assert "You completed this course." in client.get(f"/courses/{SLUG}").get_data(as_text=True)
    assert db_scalar(CERecord.time_on_task_seconds) == 16 * 60


def test_ten_tabs_opened_at_once_merge_their_time_instead_of_adding_it(
    client, learner, create_course, clock
):
    enroll(client, create_course, lessons=10, ce_minutes=60)
    stamps = [shown_stamp(client, position) for position in range(1, 11)]
    for position, stamp in enumerate(stamps, start=1):
        clock.advance(1)
        finish_lesson(client, position, stamp)
    # Ten minutes went by: counted per tab it would be 1 + 2 + ... + 10 = 55 minutes.
    assert seconds_on_task() == 10 * 60


def test_a_tab_left_idle_counts_at_most_the_idle_cutoff(client, learner, create_course, clock):
    enroll(client, create_course)
    stamp = shown_stamp(client, 1)
    clock.advance(60)
    finish_lesson(client, 1, stamp)
    assert seconds_on_task() == ontask.IDLE_CUTOFF_SECONDS == 10 * 60


def test_a_lesson_counts_at_most_three_times_its_reading_time(
    client, learner, create_course, clock
):
    enroll(client, create_course, lessons=1)
    for _ in range(5):  # 5 × 10 minutes on a 10-minute lesson
        stamp = shown_stamp(client, 1)
        clock.advance(10)
        finish_lesson(client, 1, stamp)
    assert seconds_on_task() == 3 * 10 * 60


def test_a_forged_or_missing_stamp_never_moves_the_start_earlier(
    client, learner, create_course, monkeypatch
):
    enroll(client, create_course)
    clock = Clock(monkeypatch)  # started after enrolling, where time on task starts
    clock.advance(5)
    finish_lesson(client, 1, "forged")  # the clock started at enrollment: 5 minutes
    stamp = shown_stamp(client, 2)
    clock.advance(3)
    finish_lesson(client, 2, stamp + "x")
    assert seconds_on_task() == 8 * 60


def test_a_learner_who_studies_long_enough_completes_and_the_record_keeps_the_time(
    client, learner, create_course, clock
):
    version = enroll(client, create_course)
    for position in (1, 2):
        stamp = shown_stamp(client, position)
        clock.advance(7)
        finish_lesson(client, position, stamp)
    assert ce_records() == 0
    clock.advance(2)  # reading the quiz's first page counts too
    page = pass_quiz(client, version).get_data(as_text=True)
    assert "Course complete" in page
    assert db_scalar(CERecord.time_on_task_seconds) == 16 * 60


def test_share_zero_turns_the_rule_off(app, client, learner, create_course):
    app.config["MIN_TIME_ON_TASK_SHARE"] = 0
    version = enroll(client, create_course)
    read_all_lessons(client, SLUG, 2)
    pass_quiz(client, version)
    assert ce_records() == 1


@pytest.mark.parametrize("share", [-0.1, 1.5, "half", True])
def test_a_share_outside_zero_to_one_refuses_to_start(share):
    with pytest.raises(RuntimeError, match="MIN_TIME_ON_TASK_SHARE"):
        create_app({"TESTING": True, "MIN_TIME_ON_TASK_SHARE": share})


def test_the_daily_online_limit_is_never_widened_by_a_long_course(
    app, client, learner, create_course
):
    app.config["MIN_TIME_ON_TASK_SHARE"] = 0
    app.config["ONLINE_CE_MINUTES_PER_24H"] = 60
    version = enroll(client, create_course, ce_minutes=90)  # loaded before the rule existed
    read_all_lessons(client, SLUG, 2)
    page = pass_quiz(client, version).get_data(as_text=True)
    assert "more than the 1 hour of online CE that can be credited in 24 hours" in page
    assert ce_records() == 0


def test_publishing_a_course_that_claims_more_than_its_content_supports_is_refused(
    client, create_user
):
    signed_in_author(client, create_user)
    new_draft(client)
    course = draft_text("listening-skills", "course.md").replace("ce_hours: 0.25", "ce_hours: 5")
    save_draft(client, "listening-skills", "course.md", course)
    response = publish_draft(client, "listening-skills", acknowledge="y")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Errors — these block publishing" in page
    assert "ce_hours 5 is more than 25% above the estimate" in page
    assert db.session.execute(db.select(Course)).first() is None


PROVIDER = {
    "organisation": "Harbor Recovery Training",
    "contact": "12 Pier St, Erie PA",
    "signatory_name": "Jamie Cole",
    "paper": "letter",
}


def test_an_admin_raises_the_study_time_a_course_needs(
    app, client, learner, create_user, create_course, clock
):
    """The site asks for half the claimed time; the provider's admin asks for all of it."""
    admin = signed_in(app, create_user(email="admin@example.org", roles=("admin",)))
    saved = admin.submit("/admin/provider", {**PROVIDER, "time_on_task_share": "1"})
    assert saved.status_code == 302
    version = enroll(client, create_course)
    read_all_lessons(client, SLUG, 2)
    result = pass_quiz(client, version).get_data(as_text=True)
    assert ce_records() == 0
    assert "About 30 more minutes of study before this course can count for CE." in result


@pytest.mark.parametrize("typed", ["0.3", "nan", "1e0", "1.5", "-1", "٠.٧"])
def test_an_admin_cannot_lower_the_share_or_type_a_non_number(app, client, create_user, typed):
    app.config["MIN_TIME_ON_TASK_SHARE"] = 0.5
    admin = signed_in(app, create_user(email="admin@example.org", roles=("admin",)))
    refused = admin.submit("/admin/provider", {**PROVIDER, "time_on_task_share": typed})
    assert refused.status_code == 400
    assert "Type a number from 0.5 to 1" in refused.get_data(as_text=True)
    assert db.session.execute(db.select(ProviderSettings)).first() is None
