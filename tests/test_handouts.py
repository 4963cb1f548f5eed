"""Printable handouts: Markdown in a course package, checked like lessons, printed to PDF
through the certificate pipeline and linked from the lesson that names them."""

import re
import shutil
from pathlib import Path

import pytest

from lms.content.check import check_paths
from lms.extensions import db
from lms.models import Lesson
from tests.helpers import invoke_ok, pdf_text

EXAMPLE = Path(__file__).parent / "content" / "fixtures" / "example-course"
SAFETY_PLAN = """\
# My safety plan

Fill this in with someone you trust.

| Step | What I will do |
| --- | --- |
| Warning signs I notice | |
| People I can call | |

If you are in crisis, call or text 988.
"""


@pytest.fixture
def course(tmp_path):
    """A copy of the example course whose first lesson links a handout."""
    folder = tmp_path / "courses" / "example-course"
    shutil.copytree(EXAMPLE, folder)
    (folder / "handouts").mkdir()
    (folder / "handouts" / "safety-plan.md").write_text(SAFETY_PLAN, encoding="utf-8")
    lesson = folder / "lessons" / "01-why-boundaries-matter.md"
    text = lesson.read_text(encoding="utf-8")
    link = "\nPrint [a blank safety plan](../handouts/safety-plan.md) to use with a participant.\n"
    lesson.write_text(text + link, encoding="utf-8")
    return folder


def findings_for(folder: Path):
    return [
        (f.path.split("example-course/")[-1], f.code, f.severity) for f in check_paths([folder])
    ]


def test_a_lesson_links_its_handout_and_the_handout_prints_as_a_pdf(app, client, runner, course):
    app.config["COURSE_ROOTS"] = [str(course.parent)]
    assert not [f for f in findings_for(course) if f[2] in ("error", "warning")]
    invoke_ok(runner, ["courses", "sync"])
    lesson = db.session.execute(db.select(Lesson).where(Lesson.position == 1)).scalar_one()
    link = re.search(
        r'href="(/handouts/example-course/[0-9a-f]{16}/safety-plan\.pdf)"', lesson.html
    )
    assert link, lesson.html
    response = client.get(link[1])
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("inline")
    text = pdf_text(response.data)
    assert "My safety plan" in text and "People I can call" in text and "988" in text


def test_a_handout_of_another_version_or_name_is_not_found(app, client, runner, course):
    app.config["COURSE_ROOTS"] = [str(course.parent)]
    invoke_ok(runner, ["courses", "sync"])
    assert (
        client.get("/handouts/example-course/0000000000000000/safety-plan.pdf").status_code == 404
    )
    lesson = db.session.execute(db.select(Lesson).where(Lesson.position == 1)).scalar_one()
    digest = re.search(r"/handouts/example-course/([0-9a-f]{16})/", lesson.html)[1]
    assert client.get(f"/handouts/example-course/{digest}/other.pdf").status_code == 404
    assert client.get(f"/handouts/example-course/{digest[:8]}/safety-plan.pdf").status_code == 404


def test_a_handout_without_a_title_is_refused_with_what_to_write(course):
    (course / "handouts" / "safety-plan.md").write_text("Fill this in.\n", encoding="utf-8")
    assert ("handouts/safety-plan.md", "handout-title", "error") in findings_for(course)


def test_a_handout_is_checked_for_person_first_language(course):
    text = SAFETY_PLAN.replace("someone you trust", "an addict you trust")
    (course / "handouts" / "safety-plan.md").write_text(text, encoding="utf-8")
    found = [f for f in findings_for(course) if f[0] == "handouts/safety-plan.md"]
    assert found and all(code != "handout-title" for _, code, _ in found)


def test_a_link_to_a_handout_that_does_not_exist_is_a_finding(course):
    (course / "handouts" / "safety-plan.md").unlink()
    found = [f for f in findings_for(course) if f[0].startswith("lessons/01")]
    assert any(severity == "error" for _, _, severity in found), found
