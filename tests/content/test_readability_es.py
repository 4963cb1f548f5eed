"""Spanish lessons are measured in Spanish: Unicode words, Spanish syllables, the Fernández
Huerta reading ease in the strict check, and CE-time word counts that count every word."""

import pytest

from lms.content.package import parse_package
from lms.content.readability import count_syllables, measure, word_count
from tests.content.builders import course_with, package

PLAIN = "La persona escucha. Su par le habla con calma. Los dos buscan un plan. " * 20
DENSE = (
    "La implementación sistemática de intervenciones psicoeducativas individualizadas, "
    "fundamentadas en metodologías interdisciplinarias contemporáneas, posibilita "
    "consideraciones terapéuticas extraordinariamente heterogéneas y multidimensionales "
    "para comunidades históricamente desatendidas por instituciones gubernamentales. "
) * 10


def lesson(text: str) -> str:
    return "---\ntitle: Lección\n---\n" + text


def test_accented_letters_n_tilde_and_dieresis_stay_inside_one_word():
    assert word_count("Información sobre el año y el pingüino.") == 7


@pytest.mark.parametrize(
    "word,syllables",
    [("información", 4), ("pingüino", 3), ("queso", 2), ("día", 2), ("aeropuerto", 5)],
)
def test_spanish_syllables_are_counted_by_vowel_nuclei(word, syllables):
    assert count_syllables(word, "es") == syllables


def test_the_fernandez_huerta_ease_follows_its_published_formula():
    measured = measure("Mi casa es tu casa. El sol sale hoy.", "es")
    assert (measured.words, measured.sentences, measured.syllables) == (9, 2, 12)
    assert measured.ease == pytest.approx(206.84 - 60 * 12 / 9 - 1.02 * 9 / 2)


def strict_findings(text: str, language: str = "es"):
    front = course_with(language=language)
    _data, findings = parse_package(
        package({"course.md": front, "lessons/01-first.md": lesson(text)}), strict=True
    )
    return [f for f in findings if f.code == "readability"]


def test_the_strict_check_asks_spanish_lessons_for_a_reading_ease_of_60():
    (finding,) = strict_findings(DENSE)
    assert "Fernández Huerta" in finding.message and "at least 60" in finding.message
    assert finding.path == "lessons/01-first.md" and "shorter sentences" in finding.suggestion
    assert strict_findings(PLAIN) == []


def test_english_lessons_keep_the_grade_9_bar():
    dense = "Comprehensive multidisciplinary interventions necessitate organisational " * 40
    (finding,) = strict_findings(dense + ".", language="en")
    assert "Flesch–Kincaid" in finding.message


def test_the_ce_estimate_counts_spanish_words_whole():
    text = "Él señaló que la información está aquí en español, año tras año. " * 30
    _data, findings = parse_package(
        package({"course.md": course_with(language="es"), "lessons/01-first.md": lesson(text)})
    )
    (estimate,) = [f for f in findings if f.code == "estimate"]
    assert f"{12 * 30 + 5:,} words at 180 a minute" in estimate.message  # + the welcome's 5
