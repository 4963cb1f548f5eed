"""The translated-text lookup keeps each locale's catalog for the life of the process
(lms.i18n._catalog): what is kept is the catalog, never a reader's choice. Two readers served by
one app, one after the other, each read their own language; a change of language holds on the
very next page; text made for another person (`for_person`) is in that person's language and
the page goes on in the viewer's."""

from lms.extensions import db
from lms.i18n import _, for_person, ngettext
from tests.helpers import AuthActions, BrowserLikeClient


def _reader(app, create_user, email: str, locale: str | None) -> BrowserLikeClient:
    user = create_user(email=email)
    user.locale = locale
    db.session.commit()
    client = BrowserLikeClient(app.test_client())
    AuthActions(client).signin(email)
    return client


def test_two_readers_served_in_turn_each_read_their_own_language(app, create_user):
    spanish = _reader(app, create_user, "lucia@example.org", "es")
    english = _reader(app, create_user, "sam@example.org", None)
    for _round in range(3):
        es_page = spanish.get("/dashboard").get_data(as_text=True)
        en_page = english.get("/dashboard").get_data(as_text=True)
        assert "Mi aprendizaje" in es_page and "My learning" not in es_page
        assert "My learning" in en_page and "Mi aprendizaje" not in en_page


def test_a_change_of_language_holds_on_the_very_next_page(app, create_user):
    reader = _reader(app, create_user, "ana@example.org", None)
    assert "My learning" in reader.get("/dashboard").get_data(as_text=True)
    reader.submit("/dashboard", {"locale": "es", "next": "/dashboard"}, action="/locale")
    assert "Mi aprendizaje" in reader.get("/dashboard").get_data(as_text=True)
    reader.submit("/dashboard", {"locale": "en", "next": "/dashboard"}, action="/locale")
    assert "My learning" in reader.get("/dashboard").get_data(as_text=True)


def test_text_for_another_person_is_in_their_language_and_the_page_goes_on_in_the_viewers(
    app, create_user
):
    peer = create_user(email="peer@example.org")
    peer.locale = "es"
    db.session.commit()
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert _("My learning") == "My learning"
        with for_person(peer):
            assert _("My learning") == "Mi aprendizaje"
            assert ngettext("%(num)d year", "%(num)d years", 2) == "2 años"
        assert _("My learning") == "My learning"
        assert ngettext("%(num)d year", "%(num)d years", 2) == "2 years"
