"""The practice question bank for the IC&RC Peer Recovery domains: every file parses cleanly,
every question teaches (feedback on each option, an explanation), language is person-first,
and ids are unique across the four domain files."""

from pathlib import Path

import pytest

from lms.content.language import check_language
from lms.content.quiz import parse_quiz

BANK = Path(__file__).resolve().parent.parent / "lms" / "certification" / "practice_bank"
DOMAINS = {
    "advocacy.md": ("adv-", "Advocacy"),
    "mentoring-education.md": ("men-", "Mentoring/Education"),
    "recovery-wellness-support.md": ("rws-", "Recovery/Wellness Support"),
    "ethical-responsibility.md": ("eth-", "Ethical Responsibility"),
}
MIN_PER_FILE = 16
MIN_TOTAL = 64


def load(name: str):
    path = BANK / name
    text = path.read_text(encoding="utf-8")
    quiz, findings = parse_quiz(text, str(path))
    return text, quiz, findings


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_file_parses_without_findings(name):
    _text, quiz, findings = load(name)
    assert findings == []
    assert quiz is not None
    prefix, domain = DOMAINS[name]
    assert quiz.title == f"Practice questions: {domain}"
    assert quiz.pass_mark == 75
    assert quiz.shuffle is True
    assert quiz.attempts_allowed == 0
    assert quiz.reveal == "after_each_attempt"
    assert quiz.partial_credit is False
    assert len(quiz.questions) >= MIN_PER_FILE


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_every_question_teaches(name):
    _text, quiz, _findings = load(name)
    prefix, _domain = DOMAINS[name]
    true_false = 0
    for question in quiz.questions:
        assert question.id.startswith(prefix), question.id
        assert question.kind in {"single", "multiple", "true_false"}, question.id
        assert question.explanation.strip(), question.id
        assert len(question.options) >= 2, question.id
        for option in question.options:
            assert option.feedback.strip(), (question.id, option.id)
            text = option.text.lower()
            assert "all of the above" not in text and "none of the above" not in text
        true_false += question.kind == "true_false"
    assert true_false <= 2


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_language_is_person_first(name):
    text, _quiz, _findings = load(name)
    findings = check_language(text, str(BANK / name))
    assert [f for f in findings if f.severity != "info"] == []


def test_ids_unique_across_files_and_total():
    ids = [q.id for name in sorted(DOMAINS) for q in load(name)[1].questions]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert len(ids) >= MIN_TOTAL
