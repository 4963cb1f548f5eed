"""Importing a Moodle bank into a draft from the editor: the trainer sees every question,
finding and image before anything is saved, adds exactly what they saw, and uploads the images
the file could not carry."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from lms.authoring.drafts import DraftError
from lms.authoring.media import upload_image
from lms.extensions import db
from lms.models import AuditEvent, CourseDraft
from tests.helpers import counting_writes
from tests.journeys import draft_text, new_draft, save_draft
from tests.journeys import signed_in_author as signed_in

BANK = Path(__file__).parent / "content" / "fixtures" / "moodle" / "hinge.xml"
SLUG = "listening-skills"
EDITOR = f"/authoring/drafts/{SLUG}/edit?file=quiz.md"


def preview(client, data: bytes, name: str = "bank.xml"):
    """Choose a file in the editor's import form and press Preview."""
    upload = {"questions": (io.BytesIO(data), name)}
    return client.submit(
        EDITOR,
        upload,
        action=f"/authoring/drafts/{SLUG}/import",
        content_type="multipart/form-data",
    )


def add(client, page: str, **overrides):
    """Press "Add these N questions" on a preview page (its hidden fields as shown)."""
    return client.submit(
        EDITOR, {**_hidden(page), **overrides}, action=f"/authoring/drafts/{SLUG}/import/add"
    )


def _hidden(page: str) -> dict:
    return dict(re.findall(r'name="(digest|quiz_version)" value="([^"]*)"', page))


def png(size=(4, 3)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, "PNG")
    return out.getvalue()


def draft() -> CourseDraft:
    return db.session.execute(db.select(CourseDraft).where(CourseDraft.slug == SLUG)).scalar_one()


def test_the_preview_shows_questions_findings_and_images_and_saves_nothing(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    before = draft_text(SLUG, "quiz.md")
    with counting_writes() as writes:
        response = preview(client, BANK.read_bytes())
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Import preview: 3 questions from bank.xml" in page
    assert "<strong>never</strong>" in page and "<em>always</em>" in page
    assert "4 ± 0.5" in page and "3 (50% of the marks)" in page and "Yes, four." in page
    assert "bank.xml:9" in page and "gift-card.png, which the file does not carry" in page
    assert "Saved into the draft's media/ with the questions: media/story.png" in page
    assert "after the questions already in quiz.md" in page
    assert "Add these 3 questions to the draft" in page
    assert writes == [] and draft_text(SLUG, "quiz.md") == before and draft().media == {}


def test_adding_appends_exactly_the_previewed_questions_and_the_embedded_image(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    before = draft_text(SLUG, "quiz.md")
    response = add(client, preview(client, BANK.read_bytes()).get_data(as_text=True))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Added 3 questions to quiz.md." in page
    text = draft_text(SLUG, "quiz.md")
    assert text.startswith(before.rstrip("\n"))  # the trainer's own questions are untouched
    assert "You should **never** accept it." in text and "= number: 4 ± 0.5" in text
    assert set(draft().media) == {"media/story.png"}
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "draft.questions_imported")
    ).scalar_one()
    assert event.detail["questions"] == 3

    again = preview(client, BANK.read_bytes()).get_data(as_text=True)
    assert "<code>gift-from-a-peer</code> → <code>gift-from-a-peer-2</code>" in again
    assert "already has media/story.png; the draft&#39;s file is kept" in again
    add(client, again)
    assert "### Gift from a peer {#gift-from-a-peer-2}" in draft_text(SLUG, "quiz.md")


def test_adding_is_refused_when_quiz_md_changed_or_the_preview_is_not_the_one_shown(
    client, create_user
):
    signed_in(client, create_user)
    new_draft(client)
    page = preview(client, BANK.read_bytes()).get_data(as_text=True)
    changed = draft_text(SLUG, "quiz.md") + "\n"
    changed = changed.replace("pass_mark: 80", "pass_mark: 70")
    assert save_draft(client, SLUG, "quiz.md", changed + "<!-- edited -->\n").status_code == 302
    edited = draft_text(SLUG, "quiz.md")
    response = add(client, page)
    assert "quiz.md changed after the preview, so nothing was added" in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    forged = add(client, preview(client, BANK.read_bytes()).get_data(as_text=True), digest="0" * 64)
    assert "not the one previewed" in client.get(forged.headers["Location"]).get_data(as_text=True)
    assert draft_text(SLUG, "quiz.md") == edited and draft().media == {}


def test_bad_files_get_a_clear_message_and_change_nothing(app, client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    before = draft_text(SLUG, "quiz.md")
    bomb = b'<!DOCTYPE q [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><quiz>&b;</quiz>'
    cases = [
        (b"%PDF-1.4", "notes.pdf", "Choose a GIFT file (.gift or .txt) or a Moodle XML file"),
        (b"<quiz>\n<question type='truefalse'>\n</quiz>", "bank.xml", "bank.xml:3"),
        (bomb, "bank.xml", "declares a DTD or entities"),
        (b"Broken {=a\n", "bank.gift", "bank.gift:1"),
        (b"Q {=a ~b}\n", "bank.xml", "This should be Moodle XML, but it is GIFT text"),
    ]
    for data, name, message in cases:
        response = preview(client, data, name)
        page = response.get_data(as_text=True)
        assert response.status_code == 400, name
        assert message in page and "Add these" not in page, (name, message)
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    response = preview(client, b"Q {=a ~b}\n\n" * 10_000, "big.gift")
    assert response.status_code == 413 and "That file is too large" in response.get_data(
        as_text=True
    )
    assert draft_text(SLUG, "quiz.md") == before and draft().media == {}


def test_a_gift_file_is_imported_the_same_way(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    gift = "::Bold:: [html]Peers <b>choose</b> their path. {T}\n\n::Hours:: How many? {#3..4}\n"
    page = preview(client, gift.encode(), "bank.gift").get_data(as_text=True)
    assert "<strong>choose</strong>" in page and "3 to 4" in page
    add(client, page)
    assert "Peers **choose** their path." in draft_text(SLUG, "quiz.md")


def test_the_editor_lists_missing_images_and_takes_only_a_real_image_for_each(client, create_user):
    trainer = signed_in(client, create_user)
    new_draft(client)
    add(client, preview(client, BANK.read_bytes()).get_data(as_text=True))
    editor = client.get(EDITOR).get_data(as_text=True)
    line = next(
        n
        for n, text in enumerate(draft_text(SLUG, "quiz.md").split("\n"), start=1)
        if "media/gift-card.png" in text
    )
    assert "media/gift-card.png" in editor and f"Used in quiz.md:{line}." in editor
    assert '<img alt="A gift card" src="media/gift-card.png"' in editor  # not there yet

    def upload(data: bytes, path="media/gift-card.png"):
        response = client.submit(
            EDITOR,
            {"path": path, "file": "quiz.md", "image": (io.BytesIO(data), "anything.png")},
            action=f"/authoring/drafts/{SLUG}/images",
            content_type="multipart/form-data",
        )
        return client.get(response.headers["Location"]).get_data(as_text=True)

    jpeg = io.BytesIO()
    Image.new("RGB", (4, 3)).save(jpeg, "JPEG")
    assert "This file is a JPEG image, but the text asks for media/gift-card.png" in upload(
        jpeg.getvalue()
    )
    assert "not an image Peerpath can show" in upload(b"\x89PNG\r\n\x1a\nnot really")
    assert "not an image Peerpath can show" in upload(png((400, 300))[:-30])  # truncated
    assert "does not show that image" in upload(png(), path="media/../course.md")
    assert "does not show that image" in upload(png(), path="media/other.png")
    with pytest.raises(DraftError, match="the limit is 2 MB"):  # the test client spools
        upload_image(draft(), trainer, "media/gift-card.png", png() + b"\0" * 2 * 1024 * 1024)
    db.session.rollback()
    assert set(draft().media) == {"media/story.png"}

    page = upload(png())
    assert "Uploaded media/gift-card.png." in page
    source = f"/authoring/drafts/{SLUG}/media/gift-card.png"
    assert f'src="{source}"' in page and "media/gift-card.png</label>" not in page
    image = client.get(source)
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.data == png() and "no-store" in image.headers["Cache-Control"]
