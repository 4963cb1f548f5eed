"""The editor's live preview cannot be turned against the site: rendering grows linearly with
hostile input, anything rendered has a size cap, and a preview holds no write lock while it
runs, so one slow preview never makes anyone else's request wait."""

import os
import sqlite3
import time

import pytest

from lms.authoring import publish
from lms.content.files import MAX_TEXT_BYTES
from lms.content.render import render_markdown
from lms.extensions import db
from lms.models import CourseDraft
from tests.helpers import AuthActions

SLUG = "listening-skills"
LESSON = "lessons/01-listening-well.md"
PREVIEW = f"/authoring/drafts/{SLUG}/preview"


def cpu_seconds(text: str) -> float:
    """The least CPU time of three renders (CPU time, so other work on the machine matters
    less than wall time would)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        render_markdown(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("unit", ["<a ", "a < b ", "&amp; ", "&#60; ", "[x](y "])
def test_rendering_time_grows_linearly_with_hostile_markup(unit):
    """Ten times the input may take about ten times as long; quadratic rendering took 50-100
    times as long at these sizes."""
    small, large = cpu_seconds(unit * 3_000), cpu_seconds(unit * 30_000)
    assert large <= 25 * max(small, 0.005), (small, large)


def test_rendering_still_escapes_what_it_stands_in_for():
    html = render_markdown("a < b &amp; c &#60;d&#62; [x](y AT&T `<i> &amp;` <https://ex.org>")
    assert "a &lt; b &amp; c &lt;d&gt; [x](y AT&amp;T" in html
    assert "<code>&lt;i&gt; &amp;amp;</code>" in html
    assert 'href="https://ex.org"' in html
    assert "\ue000" not in render_markdown("\ue000 \ue001 \ue002 <")


@pytest.fixture
def editor(client, create_user):
    user = create_user(roles=("trainer",))
    AuthActions(client).signin(user.email)
    created = client.submit("/authoring/new", {"title": "Listening Skills", "slug": SLUG})
    assert created.status_code == 302
    return {"X-CSRFToken": client.csrf_token(f"/authoring/drafts/{SLUG}/edit")}


def draft_files() -> dict:
    draft = db.session.execute(db.select(CourseDraft).where(CourseDraft.slug == SLUG)).scalar_one()
    return dict(draft.files)


def test_a_preview_over_the_size_cap_is_refused_with_the_limit(client, editor):
    before = draft_files()
    text = "---\ntitle: Long\n---\n" + "word " * (MAX_TEXT_BYTES // 5 + 10)
    response = client.post(PREVIEW, data={"path": LESSON, "text": text}, headers=editor)
    assert response.status_code == 413
    assert "the limit is 256 KB" in response.get_json()["message"]
    assert draft_files() == before


def test_a_save_over_the_size_cap_is_refused_and_changes_nothing(client, editor):
    before = draft_files()
    text = "---\ntitle: Long\n---\n" + "word " * (MAX_TEXT_BYTES // 5 + 10)
    response = client.post(
        f"/authoring/drafts/{SLUG}/autosave", data={"path": LESSON, "text": text}, headers=editor
    )
    assert response.status_code == 400
    assert "the limit is 256 KB" in response.get_json()["message"]
    assert draft_files() == before


@pytest.mark.skipif(
    "sqlite" not in os.environ.get("LMS_SQLALCHEMY_DATABASE_URI", "sqlite"),
    reason="the write lock in question is SQLite's",
)
def test_a_preview_holds_no_write_lock_while_it_renders(app, client, editor, monkeypatch):
    """While the preview renders, another connection can take SQLite's write lock at once."""
    seen = []
    render = publish.preview_file

    def render_and_try_to_write(path, text, *media_url):
        other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            seen.append("write lock free")
        except sqlite3.OperationalError as error:
            seen.append(str(error))
        finally:
            other.close()
        return render(path, text, *media_url)

    monkeypatch.setattr(publish, "preview_file", render_and_try_to_write)
    text = "---\ntitle: Listening well\n---\nHello.\n"
    response = client.post(PREVIEW, data={"path": LESSON, "text": text}, headers=editor)
    assert response.status_code == 200
    assert seen == ["write lock free"]
