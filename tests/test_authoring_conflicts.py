"""Nothing an author writes is lost: a save names the version of the file its tab loaded, and a
save over a version someone else has since replaced is refused, with both texts shown."""

import html

from tests.journeys import TEMPLATE_LESSON as LESSON
from tests.journeys import draft_text, new_draft, open_editor
from tests.journeys import save_draft as save
from tests.journeys import signed_in_author as signed_in

SLUG = "listening-skills"


def saved_panel(page: str) -> str:
    """The read-only text of the 'saved text' panel on the editor page."""
    start = page.index('id="saved-text"')
    return html.unescape(page[page.index(">", start) + 1 : page.index("</textarea>", start)])


def test_a_stale_save_from_a_second_tab_is_refused_and_shows_both_texts(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    first_tab = open_editor(client, SLUG, LESSON)
    second_tab = open_editor(client, SLUG, LESSON)
    original = draft_text(SLUG, LESSON)
    first = original + "\nWritten in the first tab.\n"
    second = original + "\nWritten in the second tab.\n"

    assert save(client, SLUG, LESSON, first, tab=first_tab).status_code == 302
    refused = save(client, SLUG, LESSON, second, tab=second_tab)

    assert refused.status_code == 409
    assert draft_text(SLUG, LESSON) == first  # nothing overwritten
    page = refused.get_data(as_text=True)
    assert "your save was not stored and nothing was overwritten" in page
    assert "Written in the second tab." in page.split('id="saved-text"')[0]  # theirs, in the editor
    assert saved_panel(page) == first  # and the saved one beside it

    # The author combines the two and saves over the version the conflict page showed.
    combined = original + "\nWritten in the first tab.\nWritten in the second tab.\n"
    resolved = open_editor(client, SLUG, LESSON)
    assert resolved["version"] != second_tab["version"]
    assert save(client, SLUG, LESSON, combined, tab=resolved).status_code == 302
    assert draft_text(SLUG, LESSON) == combined


def test_a_stale_autosave_answers_409_with_the_saved_text(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    stale = open_editor(client, SLUG, LESSON)
    newer = draft_text(SLUG, LESSON) + "\nSaved by the other tab.\n"
    assert save(client, SLUG, LESSON, newer).status_code == 302

    response = client.post(
        f"/authoring/drafts/{SLUG}/autosave",
        data={"path": LESSON, "text": "A text from the stale tab.\n", "version": stale["version"]},
        headers={"X-CSRFToken": stale["csrf_token"]},
    )

    assert response.status_code == 409
    body = response.get_json()
    assert body["saved"] is False and body["conflict"] is True
    assert "nothing was overwritten" in body["message"]
    assert body["saved_text"] == newer
    assert draft_text(SLUG, LESSON) == newer


def test_a_save_without_the_version_it_loaded_is_refused(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    tab = open_editor(client, SLUG, LESSON)
    before = draft_text(SLUG, LESSON)
    response = save(client, SLUG, LESSON, "---\ntitle: X\n---\nNew.\n", tab={**tab, "version": ""})
    assert response.status_code == 409
    assert draft_text(SLUG, LESSON) == before


def test_saving_another_file_in_another_tab_is_no_conflict(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    lesson_tab = open_editor(client, SLUG, LESSON)
    course = draft_text(SLUG, "course.md").replace("One or two plain", "Two plain")
    assert save(client, SLUG, "course.md", course).status_code == 302

    text = draft_text(SLUG, LESSON) + "\nStill mine.\n"
    assert save(client, SLUG, LESSON, text, tab=lesson_tab).status_code == 302
    assert draft_text(SLUG, LESSON) == text
    assert draft_text(SLUG, "course.md") == course
