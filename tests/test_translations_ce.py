"""A course and its translation are one course for CE: whichever language a learner completes
first earns the one CE record and certificate; the other is recorded as learning only."""

import re
from datetime import date, timedelta

import pytest

from lms.db import writing
from lms.extensions import db
from lms.models import CERecord, Certificate, Enrollment, User, UserCredential
from tests.helpers import AuthActions, pdf_text
from tests.journeys import answer_all, read_all_lessons, start_attempt

ENGLISH, SPANISH = "foundations-demo", "fundamentos-demo"


def finish(client, slug: str, version):
    client.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll")
    read_all_lessons(client, slug, 1)
    attempt_id = start_attempt(client, slug)
    answer_all(client, attempt_id, right=True, version=version)
    return client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")


@pytest.fixture
def pair(create_course):
    """The same 1.5-hour course in English and in Spanish (the Spanish one names the English)."""
    english = create_course(slug=ENGLISH, title="Foundations", lessons=1, ce_minutes=90)
    spanish = create_course(
        slug=SPANISH,
        title="Fundamentos",
        lessons=1,
        ce_minutes=90,
        language="es",
        translation=ENGLISH,
    )
    return {ENGLISH: english, SPANISH: spanish}


@pytest.mark.parametrize("first,second", [(ENGLISH, SPANISH), (SPANISH, ENGLISH)])
def test_completing_a_course_in_both_languages_earns_one_ce_record_and_one_certificate(
    client, create_user, pair, first, second
):
    user = create_user()
    AuthActions(client).signin(user.email)
    finish(client, first, pair[first])
    page = client.get(finish(client, second, pair[second]).headers["Location"])
    assert "You already earned its CE hours with" in page.get_data(as_text=True)

    record = db.session.execute(db.select(CERecord)).scalar_one()
    assert record.title == pair[first].title and record.minutes == 90
    assert record.ce_identity == ENGLISH
    assert db.session.execute(db.select(db.func.count(Certificate.id))).scalar() == 1
    # The second course is recorded as learning: it is complete, without CE hours.
    enrollments = db.session.execute(db.select(Enrollment)).scalars().all()
    assert all(e.completed_at is not None for e in enrollments)
    course_page = client.get(f"/courses/{second}").get_data(as_text=True)
    assert f"Its CE hours were earned once, with “{pair[first].title}”" in course_page
    records_page = client.get("/ce").get_data(as_text=True)
    assert pair[first].title in records_page and pair[second].title not in records_page


def test_two_unrelated_courses_each_earn_their_own_record(client, create_user, create_course):
    user = create_user()
    AuthActions(client).signin(user.email)
    finish(client, "ethics-basics", create_course(lessons=1))
    finish(client, "self-care", create_course(slug="self-care", title="Self-care", lessons=1))
    assert db.session.execute(db.select(db.func.count(CERecord.id))).scalar() == 2


def test_a_translation_named_only_by_the_english_course_still_pairs(
    client, create_user, create_course
):
    user = create_user()
    AuthActions(client).signin(user.email)
    create_course(slug=ENGLISH, title="Foundations", lessons=1, translation=SPANISH)
    spanish = create_course(slug=SPANISH, title="Fundamentos", lessons=1, language="es")
    finish(client, SPANISH, spanish)
    assert db.session.execute(db.select(CERecord.ce_identity)).scalar_one() == ENGLISH


def _course_record(user, title: str) -> CERecord:
    """A course's CE record for `user` under the pair's one CE identity, as completion writes it."""
    return CERecord(
        user_id=user.id,
        source="internal",
        title=title,
        minutes=90,
        topics=[],
        delivery="self-paced",
        earned_on=db.func.current_date(),
        status="verified",
        ce_identity=ENGLISH,
    )


def test_the_database_refuses_a_second_record_for_one_ce_identity(create_user, pair):
    user = create_user()
    first = _course_record(user, "Foundations")
    db.session.add(first)
    db.session.flush()
    second = _course_record(user, "Fundamentos")
    db.session.add(second)
    with pytest.raises(Exception, match="(?i)unique"):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize(
    "slug,reader,printed",
    [
        (ENGLISH, "en", "Language English"),
        (SPANISH, "en", "Language Spanish (Español)"),
        (SPANISH, "es", "Idioma Español"),
        (ENGLISH, "es", "Idioma Inglés (English)"),
    ],
)
def test_the_certificate_prints_the_language_the_course_was_taken_in(
    client, create_user, pair, slug, reader, printed
):
    """In the certificate's (the learner's) language, with the course language's own name
    beside it when the two differ."""
    user = create_user()
    user.locale = reader
    db.session.commit()
    AuthActions(client).signin(user.email)
    finish(client, slug, pair[slug])
    certificate = db.session.execute(db.select(Certificate)).scalar_one()
    assert printed in " ".join(pdf_text(certificate.pdf).split())


def catalog_titles(client) -> list[str]:
    page = client.get("/courses").get_data(as_text=True)
    return re.findall(r'<h2><a href="/courses/[^"]+">([^<]+)</a></h2>', page)


def test_the_catalog_shows_a_learner_courses_in_their_language_first(
    client, create_user, create_course, pair
):
    create_course(slug="ethics-basics", title="Ethics Basics")
    assert catalog_titles(client) == ["Ethics Basics", "Foundations", "Fundamentos"]
    # A visitor whose browser asks for Spanish, then a learner who chose Spanish in their profile.
    spanish = client.get("/courses", headers={"Accept-Language": "es-MX"}).get_data(as_text=True)
    titles = re.findall(r'<h2><a href="/courses/[^"]+">([^<]+)</a></h2>', spanish)
    assert titles == ["Fundamentos", "Ethics Basics", "Foundations"]
    user = create_user(email="lucia@example.org")
    with writing():
        db.session.get(User, user.id).locale = "es"
        db.session.commit()
    AuthActions(client).signin("lucia@example.org")
    assert catalog_titles(client) == ["Fundamentos", "Ethics Basics", "Foundations"]


def test_the_catalog_says_when_a_course_exists_in_both_languages(client, create_course, pair):
    create_course(slug="ethics-basics", title="Ethics Basics")
    page = client.get("/courses").get_data(as_text=True)
    assert f'<a href="/courses/{SPANISH}" hreflang="es">Also in Spanish</a>' in page
    assert f'<a href="/courses/{ENGLISH}" hreflang="en">Also in English</a>' in page
    assert page.count('class="also-in"') == 2


def test_renewal_does_not_suggest_the_translation_of_a_course_already_taken(
    client, create_user, create_course, pair
):
    user = create_user()
    AuthActions(client).signin(user.email)
    other = create_course(slug="ethics-basics", title="Ethics Basics", lessons=1)
    finish(client, SPANISH, pair[SPANISH])
    today = date.today()
    client.submit(
        "/account",
        {
            "rule_set": "pa-crs",
            "name": "",
            "number": "CRS-1",
            "certified_on": (today - timedelta(days=500)).isoformat(),
            "expires_on": (today + timedelta(days=200)).isoformat(),
        },
        action="/account/credentials",
    )
    credential = db.session.execute(db.select(UserCredential)).scalar_one()
    page = client.get(f"/renewal/{credential.id}").get_data(as_text=True)
    next_part = page.split("What to take next", 1)[1]
    assert other.title in next_part
    assert pair[ENGLISH].title not in next_part and pair[SPANISH].title not in next_part
