"""Importing a question file (Moodle GIFT or Moodle XML) into quiz Markdown: the one entry
point the CLI and the editor share, and the one size limit, checked before any parsing."""

from dataclasses import dataclass, field

from lms.content.data import QuizData
from lms.content.gift import import_gift
from lms.content.moodle_xml import read_moodle_xml
from lms.content.quiz_writer import write_quiz
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


def import_questions(data: bytes, path: str, title: str = "Imported quiz") -> Imported:
    """Quiz Markdown from GIFT or Moodle XML bytes, with every finding; nothing is written."""
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
