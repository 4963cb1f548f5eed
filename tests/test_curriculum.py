"""The bundled curriculum: every course passes the strict check, reads plainly, claims no more
CE hours than its content supports, and together the courses cover what renewals ask for."""

from pathlib import Path

import pytest

from lms.content.check import check_paths
from lms.content.package import parse_package, read_folder
from lms.content.readability import MAX_GRADE, MIN_EASE_ES, measure

COURSES = Path(__file__).resolve().parent.parent / "courses"
FOLDERS = sorted(p for p in COURSES.iterdir() if (p / "course.md").is_file())
REQUIRED = {
    "foundations-of-peer-support",
    "core-competencies",
    "person-first-language",
    "ethics-and-boundaries",
    "confidentiality-and-privacy",
    "self-care-and-burnout",
    "recovery-capital-and-harm-reduction",
    "supervising-peer-workers",
}


def parsed(folder: Path):
    data, findings = parse_package(read_folder(folder), slug=folder.name)
    assert data is not None, [f for f in findings if f.severity == "error"]
    return data


def test_every_required_course_is_bundled():
    bundled = {folder.name for folder in FOLDERS}
    assert bundled >= REQUIRED


def test_the_strict_check_finds_no_error_or_warning_in_any_bundled_course():
    findings = [f for f in check_paths([COURSES], strict=True) if f.severity != "info"]
    assert findings == []


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_each_lesson_reads_plainly_in_its_language(folder):
    """English lessons at Flesch–Kincaid grade 9 or below; Spanish lessons at 60 or more on the
    Fernández Huerta reading ease ("normal"), the bar `courses check --strict` holds."""
    language = parsed(folder).language
    for lesson in sorted((folder / "lessons").glob("*.md")):
        measured = measure(lesson.read_text(encoding="utf-8"), language)
        where = lesson.relative_to(COURSES)
        if language == "es":
            assert measured.ease >= MIN_EASE_ES, f"{where} reads at ease {measured.ease:.0f}"
        else:
            assert measured.grade <= MAX_GRADE, f"{where} reads at grade {measured.grade:.1f}"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_each_course_claims_no_more_hours_than_its_content_supports(folder):
    course = parsed(folder)
    assert course.ce_minutes <= course.estimated_minutes


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_each_quiz_has_a_deep_pool_and_draws_enough_questions(folder):
    course = parsed(folder)
    hours = course.ce_minutes / 60
    quiz = course.quiz
    assert len(quiz.questions) >= 8 * hours
    assert quiz.questions_per_attempt >= 5 * hours
    assert quiz.pass_mark == 75
    for question in quiz.questions:
        assert question.explanation, f"{question.id} has no explanation"
        for option in question.options:
            assert option.feedback, f"{question.id}/{option.id} has no feedback"
            assert "<!--" not in option.text + option.feedback


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_each_course_cites_sources_and_states_measurable_objectives(folder):
    course = parsed(folder)
    assert len(course.references) >= 3
    # Courses cite the original sources, never the project's own fact sheet.
    assert all(
        "domain.md" not in ref and "domain brief" not in ref.lower() for ref in course.references
    )
    assert len(course.objectives) >= 3


def test_the_curriculum_covers_the_hours_renewals_ask_for():
    courses = [parsed(folder) for folder in FOLDERS]
    total = sum(c.ce_minutes for c in courses)

    def by_topic(topic):
        return sum(c.ce_minutes for c in courses if topic in c.topics)

    assert total >= 8 * 60
    assert by_topic("ethics") >= 3 * 60
    assert by_topic("confidentiality") >= 60
    assert by_topic("self-care") >= 60
