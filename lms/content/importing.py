"""Importing a question file (Moodle GIFT or Moodle XML) into quiz Markdown: the one entry
point the CLI and the editor share, the one size limit, checked before any parsing, and how
imported questions join an existing quiz.md (the editor's import)."""

import dataclasses
import re
from dataclasses import dataclass, field

from lms.content.data import QuizData
from lms.content.gift import import_gift
from lms.content.moodle_xml import read_moodle_xml
from lms.content.quiz import parse_quiz
from lms.content.quiz_writer import unique_id, write_question, write_quiz
from lms.findings import Finding

MAX_IMPORT_BYTES = 20 * 1024 * 1024  # a Moodle bank with its images embedded


@dataclass
class Imported:
    markdown: str  # quiz.md text ("" when nothing could be imported)
    findings: list[Finding] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)  # "media/name.png" -> bytes


def is_moodle_xml(data: bytes) -> bool:
    """True for XML (Moodle XML); GIFT is plain text that never starts with '<'."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def import_questions(
    data: bytes, path: str, title: str = "Imported quiz", kind: str | None = None
) -> Imported:
    """Quiz Markdown from GIFT or Moodle XML bytes, with every finding; nothing is written.
    `kind` ("gift" or "xml") says which the caller expects; by default the bytes decide."""
    if len(data) > MAX_IMPORT_BYTES:
        size = len(data) / (1024 * 1024)
        return Imported(
            "",
            [
                Finding(
                    path, 1, 1, "error", "import-too-large",
                    f"The file is {size:.1f} MB; the limit is {MAX_IMPORT_BYTES // 2**20} MB. "
                    "It was not read.",
                    "Export the questions in smaller categories and import each file.",
                )
            ],
        )  # fmt: skip
    if kind is not None and (kind == "xml") != is_moodle_xml(data):
        expected, found = ("Moodle XML", "GIFT text") if kind == "xml" else ("GIFT", "XML")
        problem = f"This should be {expected}, but it is {found}. It was not read."
        fix = "Name GIFT files .gift or .txt and Moodle XML files .xml."
        return Imported("", [Finding(path, 1, 1, "error", "import-wrong-type", problem, fix)])
    if is_moodle_xml(data):
        bank = read_moodle_xml(data, path)
        quiz = QuizData(
            title, 75, None, bank.shuffle, 0, "after_passing", False, tuple(bank.questions)
        )
        return Imported(write_quiz(quiz) if bank.questions else "", bank.findings, bank.media)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problem = "This file is not UTF-8 text."
        fix = "Save it as UTF-8 and import it again."
        return Imported("", [Finding(path, line, 1, "error", "not-utf8", problem, fix)])
    markdown, findings = import_gift(text, title=title, path=path)
    return Imported(markdown, findings)


@dataclass
class Appended:
    text: str  # the quiz.md text with the imported questions after the existing ones
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (imported id, id given)


_HEADING_ID = re.compile(r"^###[ \t].*\{#([^{}]*)\}[ \t]*$", re.M)


def imported_quiz(markdown: str) -> QuizData | None:
    """The quiz an import produced, read back by the quiz parser (what the editor previews
    and what is saved are one and the same text)."""
    return parse_quiz(markdown, "quiz.md")[0] if markdown else None


def append_questions(quiz_text: str | None, markdown: str) -> Appended:
    """Imported quiz Markdown added after the questions of an existing quiz.md (kept exactly
    as written); an imported id the quiz already uses is renamed (-2, -3 …). With no quiz.md
    yet, the imported quiz (with its settings) is the whole file."""
    if quiz_text is None:
        return Appended(markdown)
    quiz = imported_quiz(markdown)
    taken = set(_HEADING_ID.findall(quiz_text))
    renamed, written = [], []
    for position, question in enumerate(quiz.questions if quiz else (), start=1):
        new_id = unique_id(question.id, question.title, taken, position)
        taken.add(new_id)
        if new_id != question.id:
            renamed.append((question.id, new_id))
        written.append(write_question(dataclasses.replace(question, id=new_id)))
    return Appended("\n".join([quiz_text.rstrip("\n") + "\n", *written]), renamed)
