"""The lesson page is rendered once per state and reused (lms/learning/lesson_render.py): every
view still carries its own request's CSRF token and a fresh page stamp, shows the learner's own
change (progress, language, roles) on the very next view, shows a one-time message once, and
keeps a bounded number of pages."""

import re

from lms.learning import lesson_render, ontask
from lms.models import Enrollment
from tests.helpers import CSRF_INPUT, AuthActions, BrowserLikeClient

LESSON = "/courses/ethics-basics/lessons/1"


def enrolled(app, create_user, email: str) -> BrowserLikeClient:
    client = BrowserLikeClient(app.test_client())
    AuthActions(client).signin(create_user(email=email).email)
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    return client


def tokens(html: str) -> set[str]:
    return {next(g for g in m.groups() if g) for m in CSRF_INPUT.finditer(html)}


def stamp(html: str) -> str:
    return re.search(r'name="shown" value="([^"]+)"', html).group(1)


def test_a_reused_page_carries_this_requests_token_and_a_fresh_stamp(
    app, create_user, create_course
):
    create_course(lessons=3)
    ana = enrolled(app, create_user, "ana@example.org")
    first = ana.get(LESSON).get_data(as_text=True)
    again = ana.get(LESSON).get_data(as_text=True)
    assert stamp(first) != stamp(again)  # each view stamps when it was shown
    enrollment = Enrollment.query.one()
    for page in (first, again):
        assert ontask.shown_at(app.secret_key, stamp(page), enrollment.id) is not None
        assert "csrf-" not in page.replace("csrf_token", "") and "stamp-" not in page

    # The same learner in a second browser: a new session, so a new token; the page comes
    # from the kept copy and carries that token, and its form is accepted.
    phone = BrowserLikeClient(app.test_client())
    AuthActions(phone).signin("ana@example.org")
    renewed = phone.get(LESSON).get_data(as_text=True)
    assert tokens(renewed).isdisjoint(tokens(first)) and len(tokens(renewed)) == 1
    answer = phone.post(LESSON, data={"csrf_token": tokens(renewed).pop(), "shown": stamp(renewed)})
    assert answer.status_code == 302
    progress = phone.get("/courses/ethics-basics/lessons/2").get_data(as_text=True)
    assert ">1 of 3</progress>" in progress


def test_a_change_of_language_shows_on_the_very_next_lesson_view(app, create_user, create_course):
    create_course(lessons=3)
    ana = enrolled(app, create_user, "ana@example.org")
    assert "My learning" in ana.get(LESSON).get_data(as_text=True)
    ana.submit(LESSON, {"locale": "es", "next": LESSON}, action="/locale")
    spanish = ana.get(LESSON).get_data(as_text=True)
    assert "Mi aprendizaje" in spanish and "My learning" not in spanish
    assert '<html lang="es">' in spanish


def test_a_one_time_message_on_a_lesson_page_shows_once(app, create_user, create_course):
    create_course(lessons=3)
    ana = enrolled(app, create_user, "ana@example.org")
    ana.get(LESSON)  # the page is kept
    refused = ana.submit(LESSON, {"locale": "xx", "next": LESSON}, action="/locale")
    assert refused.status_code == 303
    with_message = ana.get(LESSON).get_data(as_text=True)
    assert "Choose one of the languages offered" in with_message
    assert "Choose one of the languages offered" not in ana.get(LESSON).get_data(as_text=True)


def test_the_kept_pages_are_bounded(app, create_user, create_course, monkeypatch):
    monkeypatch.setattr(lesson_render, "KEPT", 2)
    create_course(lessons=3)
    ana = enrolled(app, create_user, "ana@example.org")
    for position in (1, 2, 3, 1):
        assert ana.get(f"/courses/ethics-basics/lessons/{position}").status_code == 200
    assert len(app.extensions["lms.lesson_pages"]) == 2
