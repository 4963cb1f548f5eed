"""Authoring in the browser: a trainer writes, previews, fixes and publishes a course; only
its owner (or an administrator) may touch it; publishing goes through the same loader as sync."""

import io
import re
import shutil
import zipfile
from pathlib import Path

from lms.authoring import drafts
from lms.authoring.publish import draft_findings
from lms.content.loader import sync_folders
from lms.db import writing
from lms.extensions import db
from lms.models import AuditEvent, Course, CourseDraft, CourseVersion, Enrollment
from tests.helpers import AuthActions, page_queries
from tests.journeys import TEMPLATE_LESSON as LESSON
from tests.journeys import draft_text, label_edition, new_draft, open_editor
from tests.journeys import publish_draft as publish
from tests.journeys import save_draft as save
from tests.journeys import signed_in_author as signed_in

TEMPLATE = Path(drafts.__file__).parent / "template"


def course(slug) -> Course:
    return db.session.execute(db.select(Course).where(Course.slug == slug)).scalar_one()


def with_line(text: str, number: int, line: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = line
    return "\n".join(lines)


def test_the_template_passes_courses_check_strict(runner, tmp_path):
    folder = tmp_path / "new-course"
    shutil.copytree(TEMPLATE, folder)
    result = runner.invoke(args=["courses", "check", "--strict", str(folder)])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_template_text_left_in_a_lesson_is_a_finding_of_courses_check(
    runner, tmp_path, create_user
):
    folder = tmp_path / "new-course"
    shutil.copytree(TEMPLATE, folder)
    user = create_user(roles=("trainer",))
    with writing():
        draft = drafts.create_from_template("new-course", "New course", user)
        path = drafts.add_lesson(draft, "03-next-steps", user)
        db.session.commit()
    (folder / path).write_text(draft.files[path], encoding="utf-8")
    lesson = folder / "lessons/01-listening-well.md"
    text = lesson.read_text(encoding="utf-8").replace("<!-- Replace", "Replace", 1)
    lesson.write_text(text.replace(" -->\n", "\n", 1), "utf-8")  # the note left as text

    result = runner.invoke(args=["courses", "check", str(folder)])
    assert f"{path}:4:1: warning placeholder-text" in result.output
    assert "“Write the lesson here.” is the template's placeholder" in result.output
    assert "lessons/01-listening-well.md:4:1: warning placeholder-text" in result.output
    assert "2 warnings" in result.output


def test_a_draft_from_the_template_has_the_new_slug_and_title_and_no_warnings(app, create_user):
    user = create_user(roles=("trainer",))
    with writing():
        draft = drafts.create_from_template("my-course", "My course: a start", user)
        db.session.commit()
    assert "slug: my-course\n" in draft.files["course.md"]
    assert 'title: "My course: a start"\n' in draft.files["course.md"]
    assert [f for f in draft_findings(draft) if f.severity != "info"] == []


def test_trainer_creates_from_the_template_and_publishes_version_1(client, create_user):
    trainer = signed_in(client, create_user)
    response = new_draft(client)
    assert response.headers["Location"].endswith("/authoring/drafts/listening-skills/edit")
    page = client.get("/authoring/").get_data(as_text=True)
    assert "listening-skills" in page and "Draft" in page

    page = client.get("/authoring/drafts/listening-skills/publish").get_data(as_text=True)
    assert "No errors or warnings." in page
    response = publish(client, "listening-skills")
    assert response.status_code == 302
    published = course("listening-skills")
    assert (published.source, published.owner_id) == ("browser", trainer.id)
    assert [v.number for v in published.versions] == [1]
    assert published.versions[0].title == "Listening Skills"
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert {"draft.created", "course.version_created", "course.published"} <= set(actions)


def test_a_slug_already_in_use_is_refused_beside_the_field(client, create_user, create_course):
    signed_in(client, create_user)
    create_course(slug="ethics-basics")
    response = client.submit("/authoring/new", {"title": "Mine", "slug": "ethics-basics"})
    assert response.status_code == 400
    assert "already uses this slug" in response.get_data(as_text=True)
    bad = client.submit("/authoring/new", {"title": "Mine", "slug": "Not A Slug"})
    assert "lower-case letters" in bad.get_data(as_text=True).lower()
    assert db.session.execute(db.select(CourseDraft)).first() is None


def test_a_trainer_cannot_see_edit_or_publish_another_trainers_course(client, create_user):
    signed_in(client, create_user, email="owner@example.org")
    new_draft(client)
    publish(client, "listening-skills")
    new_draft(client, slug="still-a-draft")
    AuthActions(client).signout()

    signed_in(client, create_user, email="other@example.org")
    assert "listening-skills" not in client.get("/authoring/").get_data(as_text=True)
    token = client.csrf_token("/authoring/new")
    for path in (
        "/authoring/drafts/listening-skills/edit",
        "/authoring/drafts/still-a-draft/edit",
        "/authoring/drafts/listening-skills/publish",
        "/authoring/courses/listening-skills/versions",
        "/authoring/courses/listening-skills/versions/1.zip",
        "/authoring/courses/listening-skills/statistics",
    ):
        assert client.get(path).status_code == 404, path
    for path in (
        "/authoring/drafts/listening-skills/publish",
        "/authoring/drafts/listening-skills/autosave",
        "/authoring/drafts/still-a-draft/preview",
        "/authoring/courses/listening-skills/draft",
    ):
        data = {"csrf_token": token, "path": "course.md", "text": "x", "acknowledge": "y"}
        assert client.post(path, data=data).status_code == 404, path
    assert len(course("listening-skills").versions) == 1
    assert draft_text("listening-skills", "course.md").startswith("---")


def test_an_admin_may_edit_and_publish_a_trainers_draft_and_the_trainer_owns_it(
    client, create_user
):
    owner = signed_in(client, create_user, email="owner@example.org")
    new_draft(client)
    AuthActions(client).signout()
    signed_in(client, create_user, roles=("admin",))
    assert "listening-skills" in client.get("/authoring/").get_data(as_text=True)
    assert client.get("/authoring/drafts/listening-skills/edit").status_code == 200
    assert publish(client, "listening-skills").status_code == 302
    assert course("listening-skills").owner_id == owner.id


def _disk_course(tmp_path) -> Path:
    folder = tmp_path / "courses" / "disk-course"
    shutil.copytree(TEMPLATE, folder)
    text = (folder / "course.md").read_text().replace("slug: new-course", "slug: disk-course")
    (folder / "course.md").write_text(text)
    assert sync_folders([folder], retire_missing=False).created == ["disk-course v1"]
    return folder


def test_only_admins_edit_disk_courses_and_sync_then_refuses_to_overwrite(
    client, create_user, tmp_path
):
    folder = _disk_course(tmp_path)
    signed_in(client, create_user, email="trainer@example.org")
    assert "disk-course" not in client.get("/authoring/").get_data(as_text=True)
    token = client.csrf_token("/authoring/new")
    assert (
        client.post("/authoring/courses/disk-course/draft", data={"csrf_token": token}).status_code
        == 404
    )
    AuthActions(client).signout()

    signed_in(client, create_user, roles=("admin",))
    assert (
        client.submit("/authoring/", {}, action="/authoring/courses/disk-course/draft").status_code
        == 302
    )
    text = draft_text("disk-course", LESSON).replace("full attention", "whole attention")
    save(client, "disk-course", LESSON, text)
    label_edition(client, "disk-course", "1.1")
    assert publish(client, "disk-course").status_code == 302
    assert (course("disk-course").source, course("disk-course").owner_id) == ("browser", None)
    assert [v.number for v in course("disk-course").versions] == [1, 2]

    (folder / "lessons" / "01-listening-well.md").write_text("changed on disk")
    with writing():
        report = sync_folders([folder], retire_missing=False)
    assert "disk-course" in report.refused
    assert len(course("disk-course").versions) == 2


def test_errors_block_publishing_and_are_listed(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    quiz = draft_text("listening-skills", "quiz.md").replace(
        "- [x] Gives the person", "- [ ] Gives the person"
    )
    save(client, "listening-skills", "quiz.md", quiz)
    response = publish(client, "listening-skills", acknowledge="y")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Errors — these block publishing" in page
    assert re.search(r"quiz\.md:11</a></strong>\s*— Error: No option is marked correct", page)
    assert "file=quiz.md#line-11" in page  # the finding links to its line in the editor
    assert db.session.execute(db.select(Course)).first() is None


def test_warnings_must_be_acknowledged_before_publishing(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    lesson = draft_text("listening-skills", LESSON)
    save(
        client,
        "listening-skills",
        LESSON,
        with_line(lesson, 7, "He stayed clean for a year."),
    )
    response = publish(client, "listening-skills")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Warnings — read before publishing" in page
    assert "Tick this box to publish with warnings." in page
    assert db.session.execute(db.select(Course)).first() is None

    assert publish(client, "listening-skills", acknowledge="y").status_code == 302
    assert [v.number for v in course("listening-skills").versions] == [1]


def test_publishing_creates_version_2_while_an_enrolled_learner_stays_on_version_1(
    client, create_user
):
    signed_in(client, create_user, email="trainer@example.org")
    new_draft(client)
    publish(client, "listening-skills")
    AuthActions(client).signout()
    signed_in(client, create_user, roles=(), email="learner@example.org")
    client.submit("/courses/listening-skills", {}, action="/courses/listening-skills/enroll")
    AuthActions(client).signout()

    AuthActions(client).signin("trainer@example.org")
    lesson = draft_text("listening-skills", LESSON)
    save(client, "listening-skills", LESSON, lesson.replace("full attention", "whole attention"))
    label_edition(client, "listening-skills", "2")
    assert publish(client, "listening-skills").status_code == 302
    assert publish(client, "listening-skills").status_code == 400  # nothing changed since v2

    v1, v2 = course("listening-skills").versions
    assert course("listening-skills").live_version_id == v2.id
    enrollment = db.session.execute(db.select(Enrollment)).scalar_one()
    assert enrollment.version_id == v1.id
    AuthActions(client).signout()
    AuthActions(client).signin("learner@example.org")
    page = client.get("/courses/listening-skills/lessons/1").get_data(as_text=True)
    assert "full attention" in page and "whole attention" not in page


def test_preview_without_javascript_shows_the_html_and_findings_by_line(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    lesson = with_line(draft_text("listening-skills", LESSON), 9, "He stayed clean for a year.")
    response = save(
        client,
        "listening-skills",
        LESSON,
        lesson + "\n<script>alert(1)</script>\n",
        action="preview",
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#preview")
    page = client.get(f"/authoring/drafts/listening-skills/edit?file={LESSON}").get_data(
        as_text=True
    )
    assert '<a href="#line-9" data-line="9">Line 9</a></strong>: <code>He stayed clean' in page
    assert '<li id="line-9">9</li>' in page  # the editor numbers its lines
    assert "&#39;clean for a year&#39;" in page
    assert "<h2>What a good listener does</h2>" in page
    assert "<script>alert" not in page


def test_live_preview_and_autosave_take_the_csrf_token_in_a_header(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    tab = open_editor(client, "listening-skills", LESSON)
    headers = {"X-CSRFToken": tab["csrf_token"]}
    text = "---\ntitle: Listening well\n---\nThe addicts we serve.\n"
    data = {"path": LESSON, "text": text, "version": tab["version"]}
    preview = client.post("/authoring/drafts/listening-skills/preview", data=data, headers=headers)
    assert preview.status_code == 200
    body = preview.get_json()
    assert "<p>The addicts we serve.</p>" in body["html"]
    assert any(
        f["path"] == LESSON and f["line"] == 4 and f["code"] == "language" for f in body["findings"]
    )
    assert draft_text("listening-skills", LESSON) != text  # preview alone saves nothing

    saved = client.post("/authoring/drafts/listening-skills/autosave", data=data, headers=headers)
    assert saved.get_json() == {
        "saved": True,
        "changed": True,
        "version": drafts.file_version(text),
    }
    assert draft_text("listening-skills", LESSON) == text
    without = client.post("/authoring/drafts/listening-skills/autosave", data=data)
    assert without.status_code == 400


def test_add_a_lesson_and_bad_names_are_explained(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    editor = "/authoring/drafts/listening-skills/edit"
    bad = client.submit(
        editor, {"name": "Lesson three"}, action="/authoring/drafts/listening-skills/lessons"
    )
    assert bad.status_code == 400
    assert "Write two digits" in bad.get_data(as_text=True)
    good = client.submit(
        editor, {"name": "03-next-steps"}, action="/authoring/drafts/listening-skills/lessons"
    )
    assert good.headers["Location"].endswith("file=lessons/03-next-steps.md")
    assert draft_text("listening-skills", "lessons/03-next-steps.md").startswith(
        "---\ntitle: Next steps"
    )


def _zip(files: dict[str, str], top="uploaded-course") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, text in files.items():
            archive.writestr(f"{top}/{path}", text)
    return buffer.getvalue()


def test_upload_a_zip_package_as_a_draft(client, create_user):
    signed_in(client, create_user)
    files = drafts.template_files("uploaded-course", "Uploaded")
    files[LESSON] = files[LESSON].replace("full attention", "full attention, not like an addict")
    upload = {"package": (io.BytesIO(_zip(files)), "course.zip")}
    response = client.submit(
        "/authoring/new", upload, action="/authoring/upload", content_type="multipart/form-data"
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "addict" in page and "Findings in the rest of the draft" in page
    assert draft_text("uploaded-course", LESSON) == files[LESSON]


def test_an_unreadable_or_unsafe_zip_changes_nothing(client, create_user):
    signed_in(client, create_user)
    for blob, message in (
        (b"not a zip", "Not a readable zip"),
        (_zip({"../evil.md": "x", "course.md": "---\nslug: x\n---\n"}, top="x"), "not allowed"),
    ):
        upload = {"package": (io.BytesIO(blob), "course.zip")}
        response = client.submit(
            "/authoring/new", upload, action="/authoring/upload", content_type="multipart/form-data"
        )
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert db.session.execute(db.select(CourseDraft)).first() is None


def test_index_lists_versions_and_drafts_in_a_fixed_number_of_queries(client, create_user):

    signed_in(client, create_user)
    new_draft(client, slug="course-one")
    publish(client, "course-one")
    few = page_queries(client, "/authoring/")
    for n in range(2, 5):
        new_draft(client, slug=f"course-{n}")
        publish(client, f"course-{n}")
    page = client.get("/authoring/").get_data(as_text=True)
    assert re.search(r"Published versions:\s*1 \(label 1\.0", page)
    assert page_queries(client, "/authoring/") == few
    assert db.session.execute(db.select(db.func.count(CourseVersion.id))).scalar() == 4


def test_autosaves_are_audited_once_per_stretch_of_work(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    tab = open_editor(client, "listening-skills", LESSON)
    lesson = draft_text("listening-skills", LESSON)
    for n in range(3):
        data = {"path": LESSON, "text": lesson + f"\nMore text {n}.\n", "version": tab["version"]}
        response = client.post(
            "/authoring/drafts/listening-skills/autosave",
            data=data,
            headers={"X-CSRFToken": tab["csrf_token"]},
        )
        assert response.get_json()["changed"] is True
        tab["version"] = response.get_json()["version"]  # as the editor script keeps it
    saves = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "draft.saved")
    ).scalars()
    assert [event.detail["path"] for event in saves] == [LESSON]


def test_a_lesson_is_renamed_to_change_its_place_and_removed_with_a_trail(client, create_user):
    signed_in(client, create_user)
    new_draft(client)
    slug = "listening-skills"
    editor = f"/authoring/drafts/{slug}/edit?file={LESSON}"
    text = draft_text(slug, LESSON)
    bad = client.submit(
        editor,
        {"path": LESSON, "name": "first lesson"},
        action=f"/authoring/drafts/{slug}/lessons/rename",
    )
    assert bad.status_code == 400 and "Write two digits" in bad.get_data(as_text=True)

    moved = client.submit(
        editor,
        {"path": LESSON, "name": "09-last-word"},
        action=f"/authoring/drafts/{slug}/lessons/rename",
    )
    assert moved.headers["Location"].endswith("file=lessons/09-last-word.md")
    assert draft_text(slug, "lessons/09-last-word.md") == text
    assert LESSON not in drafts.editable_paths(_draft(slug))
    assert drafts.editable_paths(_draft(slug))[-2] == "lessons/09-last-word.md"  # before quiz.md

    lessons = [p for p in drafts.editable_paths(_draft(slug)) if p.startswith("lessons/")]
    asked = client.submit(
        f"/authoring/drafts/{slug}/edit?file={lessons[0]}",
        {"path": lessons[0]},
        action=f"/authoring/drafts/{slug}/lessons/remove",
    )
    assert asked.status_code == 200 and f"Remove {lessons[0]} from this draft?" in asked.text
    assert 'name="confirm" value="yes"' in asked.text
    assert lessons[0] in drafts.editable_paths(_draft(slug))  # asking removed nothing
    for path in lessons[:-1]:
        removed = client.submit(
            f"/authoring/drafts/{slug}/edit?file={path}",
            {"path": path, "confirm": "yes"},
            action=f"/authoring/drafts/{slug}/lessons/remove",
        )
        assert removed.status_code == 302
    last = lessons[-1]
    refused = client.submit(
        f"/authoring/drafts/{slug}/edit?file={last}",
        {"path": last, "confirm": "yes"},
        action=f"/authoring/drafts/{slug}/lessons/remove",
    )
    assert refused.status_code == 400
    assert "at least one lesson" in refused.get_data(as_text=True)
    assert [p for p in drafts.editable_paths(_draft(slug)) if p.startswith("lessons/")] == [last]
    events = (
        db.session.execute(db.select(AuditEvent).where(AuditEvent.action == "draft.lesson_removed"))
        .scalars()
        .all()
    )
    assert len(events) == len(lessons) - 1 and all(e.detail["text"] for e in events)


def _draft(slug: str) -> CourseDraft:
    db.session.rollback()
    return db.session.execute(db.select(CourseDraft).where(CourseDraft.slug == slug)).scalar_one()
