"""The last English a Spanish reader met: hours typed with a decimal comma, the person-first
terms page, and the catalog's "also in the other language" link."""

import re

import pytest

from lms.extensions import db
from lms.hours import HoursError, parse_hours
from lms.models import CERecord, User
from tests.helpers import AuthActions
from tests.journeys import log_outside_ce

SPANISH = {"Accept-Language": "es"}


def _peer(client, create_user, locale: str) -> User:
    user = create_user(email="rosa@example.org")
    db.session.get(User, user.id).locale = locale
    db.session.commit()
    AuthActions(client).signin(user.email)
    return user


def test_hours_read_the_decimal_sign_they_are_given_besides_the_dot():
    assert parse_hours("1,5", maximum=100, decimal=",") == 90
    assert parse_hours("1.5", maximum=100, decimal=",") == 90
    assert parse_hours(",75", maximum=100, decimal=",") == 45
    for refused in ("1,5", "1,000"):
        with pytest.raises(HoursError):
            parse_hours(refused, maximum=100)
    for refused in ("1,5,5", "1,5.5", "1,,5", "1,3"):
        with pytest.raises(HoursError):
            parse_hours(refused, maximum=100, decimal=",")


def test_a_spanish_reader_logs_one_and_a_half_hours_as_1_coma_5(client, create_user):
    _peer(client, create_user, "es")
    assert log_outside_ce(client, {"hours": "1,5"}).status_code == 302
    assert db.session.execute(db.select(CERecord.minutes)).scalar_one() == 90


def test_a_spanish_reader_who_types_a_dot_is_understood_too(client, create_user):
    _peer(client, create_user, "es")
    assert log_outside_ce(client, {"hours": "2.25"}).status_code == 302
    assert db.session.execute(db.select(CERecord.minutes)).scalar_one() == 135


def test_the_hours_hint_shows_the_readers_decimal_sign(client, create_user):
    _peer(client, create_user, "es")
    refused = log_outside_ce(client, {"hours": "1,3"})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "entre 0,25 y 100, en cuartos de hora (0,25; 0,5; 0,75 …), por ejemplo 1,5." in page
    assert db.session.execute(db.select(CERecord)).first() is None


def test_in_english_a_decimal_comma_stays_an_error_with_the_hint(client, create_user):
    _peer(client, create_user, "en")
    refused = log_outside_ce(client, {"hours": "1,5"})
    assert refused.status_code == 400
    assert "in quarter-hour steps (0.25, 0.5, 0.75 …), like 1.5." in refused.get_data(as_text=True)
    assert db.session.execute(db.select(CERecord)).first() is None


def test_the_language_page_lists_the_spanish_terms_for_a_spanish_reader(client):
    page = client.get("/language", headers=SPANISH).get_data(as_text=True)
    assert "<td>adicto, adicta</td>" in page and "<td>toxicómano, toxicómana</td>" in page
    assert "Lenguaje centrado en la persona" in page
    assert "Fuentes: NIDA, Las palabras importan" in page and "Words Matter" not in page
    assert "<td>addict</td>" not in page
    english = client.get("/language").get_data(as_text=True)
    assert "<td>addict</td>" in english and "adicto" not in english
    assert "Sources: NIDA, Words Matter;" in english


@pytest.fixture
def pair(create_course):
    create_course(slug="foundations-demo", title="Foundations", lessons=1)
    create_course(
        slug="fundamentos-demo",
        title="Fundamentos",
        lessons=1,
        language="es",
        translation="foundations-demo",
    )


def _also_in(page: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<p class="also-in" lang="(\w+)"><a [^>]*hreflang="(?:\w+)">([^<]+)</a>', page
    )


def test_also_in_names_the_other_courses_language_in_the_readers_language(client, pair):
    english = client.get("/courses").get_data(as_text=True)
    assert sorted(_also_in(english)) == [("en", "Also in English"), ("en", "Also in Spanish")]
    spanish = client.get("/courses", headers=SPANISH).get_data(as_text=True)
    assert sorted(_also_in(spanish)) == [("es", "También en español"), ("es", "También en inglés")]
