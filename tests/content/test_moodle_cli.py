"""`flask courses import-moodle-xml | export-moodle-xml`."""

import shutil
from pathlib import Path

import pytest

from tests.helpers import invoke_ok

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def roots(app, tmp_path) -> Path:
    root = tmp_path / "courses"
    root.mkdir()
    shutil.copytree(FIXTURES / "example-course", root / "example-course")
    app.config["COURSE_ROOTS"] = [str(root)]
    return root


def test_importing_into_a_course_folder_writes_the_quiz_and_its_embedded_images(app, roots):
    course = roots / "example-course"
    runner = app.test_cli_runner()
    out = course / "quiz.md"
    result = runner.invoke(
        args=[
            "courses",
            "import-moodle-xml",
            str(FIXTURES / "moodle" / "bank.xml"),
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "**never**" in out.read_text()
    assert (course / "media" / "card.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert "essay question" in result.stderr


def test_importing_without_a_course_folder_lists_the_images_it_did_not_save(app, roots, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["courses", "import-moodle-xml", str(FIXTURES / "moodle" / "bank.xml")]
    )
    assert result.exit_code == 0 and "card.png, which was not saved" in result.stderr


def test_a_refused_file_writes_nothing_and_exits_1(app, roots, tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_bytes(b'<!DOCTYPE q [<!ENTITY a "b">]><quiz/>')
    out = tmp_path / "quiz.md"
    result = app.test_cli_runner().invoke(
        args=["courses", "import-moodle-xml", str(evil), "--out", str(out)]
    )
    assert result.exit_code == 1 and "xml-refused" in result.stderr and not out.exists()


def test_export_moodle_xml_writes_every_question_with_its_id(app, roots, tmp_path):
    out = tmp_path / "quiz.xml"
    invoke_ok(
        app.test_cli_runner(), ["courses", "export-moodle-xml", "example-course", "--out", str(out)]
    )
    text = out.read_text()
    assert text.startswith("<?xml") and "<idnumber>gift-card</idnumber>" in text
