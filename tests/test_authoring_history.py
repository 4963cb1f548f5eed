"""Version history: a readable, escaped diff between any two versions, and each version
exported as a zip that `courses check` accepts."""

import io
import zipfile

from lms.content.check import check_paths
from tests.journeys import (
    TEMPLATE_LESSON,
    draft_text,
    label_edition,
    new_draft,
    publish_draft,
    save_draft,
    signed_in_author,
)


def two_versions(client, create_user):
    signed_in_author(client, create_user)
    new_draft(client)
    publish_draft(client, "listening-skills")
    lesson = draft_text("listening-skills", TEMPLATE_LESSON)
    changed = lesson.replace("full attention", "whole attention <em>now</em>")
    save_draft(client, "listening-skills", TEMPLATE_LESSON, changed)
    label_edition(client, "listening-skills", "1.1")
    assert publish_draft(client, "listening-skills", acknowledge="y").status_code == 302


def test_the_diff_between_two_versions_shows_changed_lines_escaped(client, create_user):
    two_versions(client, create_user)
    page = client.get("/authoring/courses/listening-skills/versions").get_data(as_text=True)
    assert "Changes from version 1 to version 2" in page
    assert f"--- v1/{TEMPLATE_LESSON}" in page and f"+++ v2/{TEMPLATE_LESSON}" in page
    assert "-A good listener gives the person their full attention." in page
    assert (
        "+A good listener gives the person their whole attention &lt;em&gt;now&lt;/em&gt;" in page
    )
    assert "<em>now</em>" not in page

    same = client.get("/authoring/courses/listening-skills/versions?from=2&to=2")
    assert "Choose two different versions." in same.get_data(as_text=True)
    backwards = client.get("/authoring/courses/listening-skills/versions?from=2&to=1")
    assert "+A good listener gives the person their full attention." in backwards.get_data(
        as_text=True
    )


def test_the_changes_read_as_lessons_and_questions_with_the_text_diff_behind_a_disclosure(
    client, create_user
):
    two_versions(client, create_user)
    quiz = draft_text("listening-skills", "quiz.md")
    save_draft(
        client,
        "listening-skills",
        "quiz.md",
        quiz.replace("Gives advice straight away.", "Tells them what to do."),
    )
    label_edition(client, "listening-skills", "1.2")
    assert publish_draft(client, "listening-skills", acknowledge="y").status_code == 302

    page = client.get("/authoring/courses/listening-skills/versions?from=1&to=3").text
    changes = page.split('<ul class="changes">')[1].split("</ul>")[0]
    assert "<li>Lesson 1 ‘Listening well’: 1 paragraph changed</li>" in changes
    assert "<li>Question listener-first: options changed</li>" in changes
    assert "listener-habits" not in changes and "Lesson 2" not in changes
    assert "<summary>Show the text changes</summary>" in page
    assert page.index("Show the text changes") < page.index(f"--- v1/{TEMPLATE_LESSON}")


def test_an_exported_version_passes_courses_check(client, create_user, tmp_path):
    two_versions(client, create_user)
    response = client.get("/authoring/courses/listening-skills/versions/1.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "listening-skills-v1.zip" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "listening-skills"
    findings = check_paths([folder])
    assert [f for f in findings if f.severity == "error"] == []
    assert "full attention" in (folder / TEMPLATE_LESSON).read_text()
    assert client.get("/authoring/courses/listening-skills/versions/3.zip").status_code == 404
