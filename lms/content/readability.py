"""Plain-language measures for lesson text: words, sentences, syllables, Flesch–Kincaid grade.

Works on Markdown: markup, links' targets, code and HTML comments are removed before counting,
so what is measured is what a learner reads.
"""

import re
from dataclasses import dataclass

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_BLOCK = re.compile(r"```.*?```", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_MARKUP = re.compile(r"[#*_`>|{}\[\]]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch–Kincaid grade level (0 for empty text)."""
        if not self.words:
            return 0.0
        return (
            0.39 * self.words / max(self.sentences, 1) + 11.8 * self.syllables / self.words - 15.59
        )


def plain_text(markdown_text: str) -> str:
    """Strip Markdown down to the words a reader sees."""
    text = _FRONT_MATTER.sub("", markdown_text)
    text = _COMMENT.sub("", text)
    text = _CODE_BLOCK.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub("", text)
    return _MARKUP.sub(" ", text)


def count_syllables(word: str) -> int:
    """Estimate syllables in one English word (a vowel-group count with common corrections)."""
    word = word.lower().strip("'’-")
    if not word:
        return 0
    if word[0].isdigit():
        return max(1, len(word.replace(",", "").replace(".", "")) // 2)
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(_VOWEL_GROUPS.findall(word)))


def _sentence_count(text: str) -> int:
    # Each list item, heading or table row is read as its own sentence, as are . ! ? endings.
    count = 0
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)|\n(?=#)", text):
        if not _WORD.search(block):
            continue
        parts = [p for p in re.split(r"[.!?:;]+(?=\s|$)", block) if _WORD.search(p)]
        count += max(1, len(parts))
    return count


def measure(markdown_text: str) -> Readability:
    """Count words, sentences and syllables in Markdown text."""
    text = plain_text(markdown_text)
    words = _WORD.findall(text)
    return Readability(
        words=len(words),
        sentences=_sentence_count(text),
        syllables=sum(count_syllables(w) for w in words),
    )


def word_count(markdown_text: str) -> int:
    """Words a reader sees in Markdown text."""
    return len(_WORD.findall(plain_text(markdown_text)))
