"""check_paths: course folders, course roots and single files, with findings named on disk."""

import shutil
from pathlib import Path

from lms.content.check import check_paths, check_root
from tests.content.builders import files, only

EXAMPLE = Path(__file__).parent / "fixtures" / "example-course"


def write_course(folder: Path, changes: dict | None = None) -> Path:
    folder.mkdir(parents=True)
    for path, value in files(changes).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(value.encode() if isinstance(value, str) else value)
    return folder


def test_the_example_course_checks_with_only_the_estimate_note():
    findings = check_paths([EXAMPLE])
    assert [(f.code, f.severity) for f in findings] == [("estimate", "info")]
    assert findings[0].path == str(EXAMPLE / "course.md")


def test_findings_name_the_file_on_disk(tmp_path):
    folder = write_course(tmp_path / "demo", {"lessons/02-more.md": "No title here."})
    finding = only(check_paths([folder]), "missing-title")
    assert finding.path == str(folder / "lessons" / "02-more.md")


def test_a_root_checks_every_course_folder_in_it(tmp_path):
    write_course(tmp_path / "demo")
    shutil.copytree(EXAMPLE, tmp_path / "example-course")
    (tmp_path / "_drafts").mkdir()
    findings = check_paths([tmp_path])
    assert sorted(f.path for f in findings if f.code == "estimate") == [
        str(tmp_path / "demo" / "course.md"),
        str(tmp_path / "example-course" / "course.md"),
    ]


def test_a_folder_in_a_root_without_course_md_is_reported(tmp_path):
    (tmp_path / "half-done" / "lessons").mkdir(parents=True)
    finding = only(check_paths([tmp_path]), "missing-course-file")
    assert finding.path == str(tmp_path / "half-done" / "course.md")


def test_duplicate_slugs_across_a_root_are_errors_on_both_courses(tmp_path):
    write_course(tmp_path / "demo")
    write_course(tmp_path / "copy")
    findings = check_root([tmp_path])
    duplicates = sorted((f.path, f.line) for f in findings if f.code == "duplicate-slug")
    assert duplicates == [
        (str(tmp_path / "copy" / "course.md"), 2),
        (str(tmp_path / "demo" / "course.md"), 2),
    ]


def test_duplicate_slugs_are_found_across_separate_paths(tmp_path):
    write_course(tmp_path / "a" / "demo")
    write_course(tmp_path / "b" / "demo")
    findings = check_paths([tmp_path / "a", tmp_path / "b"])
    assert len([f for f in findings if f.code == "duplicate-slug"]) == 2


def test_a_missing_path_is_an_error(tmp_path):
    assert only(check_paths([tmp_path / "nope"]), "not-found").severity == "error"


def test_an_empty_root_is_a_note(tmp_path):
    assert only(check_paths([tmp_path]), "empty-root").severity == "info"


def test_a_single_lesson_file_is_checked_on_its_own(tmp_path):
    lesson = tmp_path / "lessons" / "01-one.md"
    lesson.parent.mkdir()
    lesson.write_text(
        "---\ntitle: One\n---\nThe addicts came.\n\n![Chart](../media/chart.png)\n"
        "[next](02-two.md)\n"
    )
    findings = check_paths([lesson])
    assert [(f.line, f.code) for f in findings] == [
        (4, "language"),
        (6, "missing-image"),
        (7, "broken-lesson-link"),
    ]
    assert all(f.path == str(lesson) for f in findings)


def test_a_single_lesson_finds_its_images_and_neighbours_on_disk(tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "02-two.md").write_text("---\ntitle: Two\n---\nText.")
    lesson = tmp_path / "lessons" / "01-one.md"
    lesson.write_text("---\ntitle: One\n---\n![Chart](../media/chart.png) [next](02-two.md)\n")
    assert check_paths([lesson]) == []


def test_a_single_file_that_reads_like_a_quiz_is_checked_as_a_quiz(tmp_path):
    quiz = tmp_path / "practice.md"
    quiz.write_text("### Q {#q}\n- [ ] A\n  > a\n- [ ] B\n  > b\nExplanation: e\n")
    finding = only(check_paths([quiz]), "no-correct-answer")
    assert (finding.path, finding.line) == (str(quiz), 1)


def test_a_single_file_that_is_not_utf8_is_an_error_not_a_crash(tmp_path):
    bad = tmp_path / "01-bad.md"
    bad.write_bytes(b"---\ntitle: x\n---\n\xff\xfe")
    assert only(check_paths([bad]), "not-utf8").line == 4


def test_a_single_course_md_is_checked_as_course_front_matter(tmp_path):
    folder = write_course(tmp_path / "demo")
    course = folder / "course.md"
    course.write_text(course.read_text().replace("topics: [ethics]", "topics: [ethic]"))
    finding = only(check_paths([course]), "unknown-value")
    assert (finding.path, finding.line) == (str(course), 7)


def test_a_file_that_is_not_markdown_cannot_be_checked_alone(tmp_path):
    gift = tmp_path / "quiz.gift"
    gift.write_text("Q {=a ~b}")
    assert only(check_paths([gift]), "not-markdown").severity == "error"
