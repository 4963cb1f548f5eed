"""`courses sync` and `courses list`: versions keyed by content hash, learners kept on theirs,
broken courses never half-loaded, vanished courses retired with their records kept."""

import json
import shutil
from pathlib import Path

import pytest

from lms.extensions import db
from lms.models import Course, CourseMedia, CourseVersion, Enrollment, Lesson

EXAMPLE = Path(__file__).parent / "content" / "fixtures" / "example-course"


@pytest.fixture
def root(app, tmp_path):
    """A course root holding a copy of the example course, configured as the only root."""
    folder = tmp_path / "courses"
    shutil.copytree(EXAMPLE, folder / "example-course")
    app.config["COURSE_ROOTS"] = [str(folder)]
    return folder


def sync(runner, *paths):
    return runner.invoke(args=["courses", "sync", *map(str, paths)])


def count(model) -> int:
    return db.session.execute(db.select(db.func.count(model.id))).scalar()


def test_first_sync_stores_a_version_with_rendered_lessons_and_media(runner, root):
    result = sync(runner)
    assert result.exit_code == 0, result.output
    assert "created  example-course v1" in result.output
    version = db.session.execute(db.select(CourseVersion)).scalar_one()
    lessons = db.session.execute(db.select(Lesson).order_by(Lesson.position)).scalars().all()
    assert [lesson.position for lesson in lessons] == [1, 2]
    assert "<script" not in lessons[0].html and "<p>" in lessons[0].html
    media = db.session.execute(db.select(CourseMedia)).scalar_one()
    assert media.data[:4] == b"\x89PNG"
    assert f"/media/example-course/{version.content_hash[:16]}/media/" in "".join(
        lesson.html for lesson in lessons
    )


def test_media_in_a_package_is_served_by_the_app(client, runner, root):
    sync(runner)
    version = db.session.execute(db.select(CourseVersion)).scalar_one()
    media = db.session.execute(db.select(CourseMedia)).scalar_one()
    response = client.get(f"/media/example-course/{version.content_hash[:16]}/{media.path}")
    assert response.status_code == 200
    assert response.mimetype == "image/png" and response.data == media.data


def test_an_unchanged_resync_creates_nothing(runner, root):
    sync(runner)
    result = sync(runner)
    assert "unchanged example-course v1" in result.output
    assert count(CourseVersion) == 1 and count(Lesson) == 2


def test_changed_content_makes_a_new_version_and_enrolled_learners_stay(runner, root, create_user):
    sync(runner)
    course = db.session.execute(db.select(Course)).scalar_one()
    first = course.live_version_id
    learner = create_user()
    db.session.add(Enrollment(user_id=learner.id, course_id=course.id, version_id=first))
    db.session.commit()

    lesson = root / "example-course" / "lessons" / "01-why-boundaries-matter.md"
    lesson.write_text(lesson.read_text() + "\nOne more plain sentence for the second edition.\n")
    assert "already labelled" in sync(runner).output  # the same label twice is refused
    course_md = root / "example-course" / "course.md"
    course_md.write_text(course_md.read_text().replace('version: "1.0"', 'version: "1.1"'))
    result = sync(runner)
    assert "created  example-course v2" in result.output
    db.session.refresh(course)
    assert course.live_version_id != first
    assert db.session.execute(db.select(Enrollment.version_id)).scalar_one() == first


def test_a_course_with_errors_is_not_loaded_and_its_live_version_stays(runner, root):
    sync(runner)
    live = db.session.execute(db.select(Course.live_version_id)).scalar_one()
    quiz = root / "example-course" / "quiz.md"
    quiz.write_text(quiz.read_text().replace("- [x]", "- [ ]"))
    result = sync(runner)
    assert result.exit_code == 1
    assert "failed   example-course" in result.output
    assert "quiz.md:" in result.output  # names the file and line to fix
    assert db.session.execute(db.select(Course.live_version_id)).scalar_one() == live
    assert count(CourseVersion) == 1


def test_a_course_whose_folder_disappeared_is_retired_but_kept(runner, root):
    sync(runner)
    shutil.rmtree(root / "example-course")
    result = sync(runner)
    assert "retired  example-course" in result.output
    course = db.session.execute(db.select(Course)).scalar_one()
    assert course.retired_at is not None and count(CourseVersion) == 1


def test_list_prints_live_courses_as_json(runner, root):
    sync(runner)
    rows = json.loads(runner.invoke(args=["courses", "list", "--format", "json"]).output)
    assert len(rows) == 1
    row = rows[0]
    assert {
        "slug",
        "title",
        "version",
        "ce_hours",
        "topics",
        "competencies",
        "lessons",
        "questions",
        "words",
        "estimated_hours",
    } <= row.keys()
    assert row["slug"] == "example-course" and row["lessons"] == 2
