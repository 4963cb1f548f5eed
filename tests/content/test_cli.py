"""`flask courses check | import-gift | export-gift`: output formats and exit codes."""

import json
import shutil
from pathlib import Path

import pytest

from tests.content.builders import QUIZ_MD
from tests.helpers import invoke_ok

EXAMPLE = Path(__file__).parent / "fixtures" / "example-course"


@pytest.fixture
def roots(app, tmp_path) -> Path:
    """A course root holding the example course, configured as the app's only COURSE_ROOTS."""
    root = tmp_path / "courses"
    root.mkdir()
    shutil.copytree(EXAMPLE, root / "example-course")
    app.config["COURSE_ROOTS"] = [str(root)]
    return root


@pytest.fixture
def runner(app, roots):
    """The app's own command runner, with `roots` as its course root."""
    return app.test_cli_runner()


def break_lesson(roots: Path) -> Path:
    lesson = roots / "example-course" / "lessons" / "01-why-boundaries-matter.md"
    lesson.write_text("---\ntitel: Oops\n---\nThe addicts came.\n")
    return lesson


def test_check_without_paths_checks_the_configured_roots_and_exits_0(runner, roots):
    result = runner.invoke(args=["courses", "check"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(
        "example-course/course.md:6:1: info estimate: Estimated 15 minutes (0.25 hours): "
        "721 words at 180 a minute + 6 questions × 1.85 minutes."
    )
    assert lines[-1] == "0 errors, 0 warnings, 1 note."


def test_check_text_lines_read_path_line_column_severity_code_message_and_suggestion(runner, roots):
    lesson = break_lesson(roots)
    result = runner.invoke(args=["courses", "check", str(roots / "example-course")])
    assert result.exit_code == 1
    assert (
        f"{lesson}:2:1: error unknown-key: Unknown key 'titel'. (Did you mean 'title'?)"
        in result.output.splitlines()
    )
    assert f"{lesson}:4:5: warning language: 'addicts':" in result.output
    assert result.output.splitlines()[-1] == "2 errors, 1 warning, 2 notes."


def test_check_json_is_an_array_of_findings_with_the_documented_keys(runner, roots):
    break_lesson(roots)
    result = runner.invoke(args=["courses", "check", "--format", "json", str(roots)])
    assert result.exit_code == 1
    findings = json.loads(result.output)
    assert {tuple(sorted(f)) for f in findings} == {
        ("code", "column", "line", "message", "path", "severity", "suggestion")
    }
    assert {f["severity"] for f in findings} == {"error", "warning", "info"}


def test_warnings_fail_only_with_strict(runner, tmp_path):
    lesson = tmp_path / "01-words.md"
    lesson.write_text("---\ntitle: Words\n---\nThe addicts came.\n")
    assert runner.invoke(args=["courses", "check", str(lesson)]).exit_code == 0
    assert runner.invoke(args=["courses", "check", "--strict", str(lesson)]).exit_code == 1


def test_the_example_course_passes_strict(runner):
    result = runner.invoke(args=["courses", "check", "--strict", str(EXAMPLE)])
    assert result.exit_code == 0, result.output


def test_check_of_a_missing_path_exits_1(runner, tmp_path):
    result = runner.invoke(args=["courses", "check", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "not-found" in result.output


def test_import_gift_prints_quiz_markdown_and_reports_on_stderr(runner, tmp_path):
    gift = tmp_path / "quiz.gift"
    gift.write_text("Q1 {=a ~b}\n\nWrite about it. {}\n")
    result = runner.invoke(args=["courses", "import-gift", str(gift)])
    assert result.exit_code == 0
    assert result.stdout.startswith('---\ntitle: "Imported quiz"')
    assert "### Q1 {#q1}" in result.stdout
    assert f"{gift}:3:1: warning gift-unsupported:" in result.stderr


def test_import_gift_with_an_error_writes_no_file_and_exits_1(runner, tmp_path):
    gift = tmp_path / "quiz.gift"
    gift.write_text("Good {=a ~b}\n\nBroken {=a\n")
    out = tmp_path / "quiz.md"
    result = runner.invoke(args=["courses", "import-gift", str(gift), "--out", str(out)])
    assert result.exit_code == 1
    assert "gift-syntax" in result.stderr and "Nothing was written." in result.stderr
    assert not out.exists() and result.stdout == ""


def test_import_gift_of_moodle_xml_is_refused_by_name(runner, tmp_path):
    gift = tmp_path / "quiz.gift"
    gift.write_text("<quiz></quiz>\n")
    result = runner.invoke(args=["courses", "import-gift", str(gift)])
    assert result.exit_code == 1 and "import-wrong-type" in result.stderr


def test_import_gift_of_a_file_that_is_not_utf8_exits_1(runner, tmp_path):
    gift = tmp_path / "quiz.gift"
    gift.write_bytes(b"Q {=caf\xe9 ~b}")
    result = runner.invoke(args=["courses", "import-gift", str(gift)])
    assert result.exit_code == 1 and "not-utf8" in result.stderr


def test_export_gift_finds_the_course_by_slug_and_round_trips(runner, tmp_path):
    result = runner.invoke(args=["courses", "export-gift", "example-course"])
    assert result.exit_code == 0
    assert "// peerpath: id=gift-card" in result.stdout
    gift = tmp_path / "out.gift"
    invoke_ok(runner, ["courses", "export-gift", "example-course", "--out", str(gift)])
    back = runner.invoke(args=["courses", "import-gift", str(gift)])
    assert back.exit_code == 0 and back.stderr == ""


def test_export_gift_of_an_unknown_slug_exits_1(runner):
    result = runner.invoke(args=["courses", "export-gift", "nope"])
    assert result.exit_code == 1 and "No course with the slug 'nope'" in result.stderr


def test_export_gift_of_a_broken_quiz_exits_1_with_the_errors(runner, roots):
    quiz = roots / "example-course" / "quiz.md"
    quiz.write_text(QUIZ_MD.replace("- [x]", "- [ ]"))
    result = runner.invoke(args=["courses", "export-gift", "example-course"])
    assert result.exit_code == 1 and "no-correct-answer" in result.stderr
