"""`courses sync` stores each course's language and translation on its course row, and warns
when a named translation is not installed; `courses check` refuses a translation in the same
language."""

import shutil
from pathlib import Path

from lms.content.check import check_paths
from lms.extensions import db
from lms.models import Course

FIXTURES = Path(__file__).parent / "content" / "fixtures"


def copy(tmp_path, *names: str) -> Path:
    root = tmp_path / "courses"
    for name in names:
        shutil.copytree(FIXTURES / name, root / name)
    return root


def test_sync_stores_the_language_and_the_translation_on_the_course(app, runner, tmp_path):
    root = copy(tmp_path, "example-course", "curso-de-ejemplo")
    result = runner.invoke(args=["courses", "sync", str(root)])
    assert result.exit_code == 0, result.output
    rows = db.session.execute(db.select(Course.slug, Course.language, Course.translation)).all()
    assert sorted(rows) == [
        ("curso-de-ejemplo", "es", "example-course"),
        ("example-course", "en", None),
    ]
    assert "warning" not in result.output


def test_sync_warns_when_the_named_translation_is_not_installed(app, runner, tmp_path):
    root = copy(tmp_path, "curso-de-ejemplo")
    result = runner.invoke(args=["courses", "sync", str(root)])
    assert result.exit_code == 0
    assert (
        "warning  curso-de-ejemplo: its translation 'example-course' is not an installed course"
        in result.output
    )


def test_check_refuses_a_translation_in_the_same_language(tmp_path):
    root = copy(tmp_path, "example-course", "curso-de-ejemplo")
    course = root / "curso-de-ejemplo" / "course.md"
    course.write_text(course.read_text("utf-8").replace("language: es", "language: en"), "utf-8")
    (finding,) = [f for f in check_paths([root]) if f.code == "translation-same-language"]
    assert finding.path == str(course) and finding.line == 7
    assert "'example-course' is also in language 'en'" in finding.message
