"""The Spanish person-first check: its own term list, picked by the course language, scored on
its own labelled corpus with the same precision and recall bars as the English one."""

import re
from pathlib import Path

import yaml

from lms.content.language import check_language, load_terms
from lms.content.package import parse_package
from tests.content.builders import course_with, package
from tests.content.corpus_scores import score

CORPUS = yaml.safe_load((Path(__file__).parent / "language_corpus_es.yaml").read_text("utf-8"))


def outcome(item: dict) -> str:
    """What the Spanish check did with one sentence: warning, info, wrong words or none."""
    findings = [
        (f.severity, re.match(r"'(.*?)'(?::| inside)", f.message).group(1))
        for f in check_language(item["text"], language="es")
    ]
    if "term" in item:
        findings = [f for f in findings if item["term"].lower() == f[1].lower()] or [
            ("wrong words", words) for _, words in findings
        ]
    severities = {severity for severity, _ in findings}
    return next((s for s in ("warning", "info", "wrong words") if s in severities), "none")


def test_the_spanish_corpus_is_checked_with_high_precision_and_recall():
    negatives = sum(1 for item in CORPUS if item["expect"] == "none")
    assert len(CORPUS) >= 80 and negatives >= 40
    precision, recall, misses = score(CORPUS, outcome)
    assert precision >= 0.95 and recall >= 0.95, misses


def test_every_spanish_term_has_preferred_words_and_a_reason_in_spanish():
    terms = load_terms("es")
    assert len(terms) >= 15
    for term in terms:
        assert term.prefer and term.reason.endswith(".") and term.triggers


def test_the_package_language_picks_the_term_list():
    lesson = "---\ntitle: Uno\n---\nLos adictos merecen respeto. Addicts deserve respect.\n"
    spanish = course_with(language="es")
    _data, es_findings = parse_package(
        package({"course.md": spanish, "lessons/01-welcome.md": lesson})
    )
    _data, en_findings = parse_package(package({"lessons/01-welcome.md": lesson}))
    flagged = {
        name: {f.message.split("'")[1] for f in found if f.code == "language"}
        for name, found in (("es", es_findings), ("en", en_findings))
    }
    assert flagged == {"es": {"adictos"}, "en": {"Addicts"}}


def test_a_course_language_outside_the_list_is_a_finding_that_names_the_allowed_ones():
    _data, findings = parse_package(package({"course.md": course_with(language="fr")}))
    (finding,) = [f for f in findings if f.severity == "error"]
    assert "'fr' is not a course language" in finding.message
    assert "en (English)" in finding.suggestion and "es (Spanish / Español)" in finding.suggestion


def test_a_course_cannot_name_itself_as_its_translation():
    _data, findings = parse_package(package({"course.md": course_with(translation="demo")}))
    assert [f.code for f in findings if f.severity == "error"] == ["translation-is-self"]


def test_language_and_translation_reach_the_parsed_course():
    front = course_with(language="es", translation="demo-in-english")
    data, _findings = parse_package(package({"course.md": front}))
    assert (data.language, data.translation) == ("es", "demo-in-english")
    english, _findings = parse_package(package())
    assert (english.language, english.translation) == ("en", None)
