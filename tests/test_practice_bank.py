"""The practice question bank for the IC&RC Peer Recovery domains: every file parses cleanly,
every question teaches (feedback on each option, an explanation), language is person-first,
ids are unique across the four domain files, picking the longest option does not pass, and
every question names the public source it was checked against."""

import re
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
# With four options, a key that is the longest by chance would be so in about a quarter of items;
# above this share, "pick the longest answer" beats chance.
MAX_LONGEST_KEY_SHARE = 0.35
SOURCES_MD = (BANK.parent.parent.parent / "docs" / "sources.md").read_text(encoding="utf-8")
LISTED = {url.rstrip(".,;") for url in re.findall(r"https?://[^\s\"'<>)]+", SOURCES_MD)}
HEADING = re.compile(r"^### .*\{#([\w-]+)\}\s*$")
SOURCE_TAG = re.compile(r"^<!-- source: (https?://\S+) -->$")


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


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_picking_the_longest_option_does_not_beat_chance(name):
    _text, quiz, _findings = load(name)
    single = [q for q in quiz.questions if q.kind == "single"]
    longest = []
    for question in single:
        key = next(len(o.text) for o in question.options if o.correct)
        if key == max(len(o.text) for o in question.options):
            longest.append(question.id)
    share = len(longest) / len(single)
    assert share <= MAX_LONGEST_KEY_SHARE, (
        f"{name}: the key is the longest option in {len(longest)} of {len(single)} "
        f"single-answer items; shorten the key or make distractors as full: {longest}"
    )


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_every_question_names_a_listed_source(name):
    lines = (BANK / name).read_text(encoding="utf-8").splitlines()
    untagged, unlisted = [], []
    for number, line in enumerate(lines):
        heading = HEADING.match(line)
        if not heading:
            continue
        tag = SOURCE_TAG.match(lines[number + 1]) if number + 1 < len(lines) else None
        if tag is None:
            untagged.append(heading.group(1))
        elif tag.group(1) not in LISTED:
            unlisted.append(tag.group(1))
    assert not untagged, f"{name}: add <!-- source: URL --> under the heading of {untagged}"
    assert not unlisted, f"{name}: list these sources in docs/sources.md: {unlisted}"
