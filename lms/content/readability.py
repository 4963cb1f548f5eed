"""Plain-language measures for lesson text: words, sentences, syllables, and the measure of
the lesson's language: the Flesch–Kincaid grade for English, the Fernández Huerta reading ease
for Spanish (206.84 − 0.60 × syllables per 100 words − 1.02 × words per sentence; docs/sources.md).

Works on Markdown: markup, links' targets, code and HTML comments are removed before counting,
so what is measured is what a learner reads. Words are counted with Unicode letters, so
"información", "año" and "pingüino" are one word each in any language.

`readability_findings` is the strict check of one lesson: English at most grade 9, Spanish at
least 60 on the Fernández Huerta scale ("normal": plain text for a general adult reader, the
band such guides place between easy and somewhat hard, about the grade 8-9 the English bar asks).
"""

import re
from dataclasses import dataclass

from lms.findings import Finding

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_BLOCK = re.compile(r"```.*?```", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_MARKUP = re.compile(r"[#*_`>|{}\[\]]")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*|\d+(?:[.,]\d+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SPANISH_VOWELS = re.compile(r"[aeiouáéíóúü]+")
_SPANISH_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")
_SPANISH_STRONG = set("aeoáéóíú")  # a stressed í or ú stands alone, as a strong vowel does
MAX_GRADE = 9  # English lessons, Flesch–Kincaid
MIN_EASE_ES = 60  # Spanish lessons, Fernández Huerta ("normal")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    language: str = "en"

    @property
    def ease(self) -> float:
        """Fernández Huerta reading ease, for Spanish (100 for empty text): higher is easier."""
        if not self.words:
            return 100.0
        return (
            206.84 - 60 * self.syllables / self.words - 1.02 * self.words / max(self.sentences, 1)
        )

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


def count_syllables(word: str, language: str = "en") -> int:
    """Estimate syllables in one word: English by vowel groups with common corrections, Spanish
    by vowel nuclei (two strong vowels side by side, or a stressed í/ú, are two syllables)."""
    word = word.lower().strip("'’-")
    if language == "es" and word and not word[0].isdigit():
        return _spanish_syllables(word)
    if not word:
        return 0
    if word[0].isdigit():
        return max(1, len(word.replace(",", "").replace(".", "")) // 2)
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(_VOWEL_GROUPS.findall(word)))


def _spanish_syllables(word: str) -> int:
    word = _SPANISH_SILENT_U.sub("", word)
    word = re.sub(r"y$", "i", word)
    count = 0
    for group in _SPANISH_VOWELS.findall(word):
        count += 1 + sum(
            1 for a, b in zip(group, group[1:], strict=False) if {a, b} <= _SPANISH_STRONG
        )
    return max(1, count)


def _sentence_count(text: str) -> int:
    # Each list item, heading or table row is read as its own sentence, as are . ! ? endings.
    count = 0
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)|\n(?=#)", text):
        if not _WORD.search(block):
            continue
        parts = [p for p in re.split(r"[.!?:;]+(?=\s|$)", block) if _WORD.search(p)]
        count += max(1, len(parts))
    return count


def measure(markdown_text: str, language: str = "en") -> Readability:
    """Count words, sentences and syllables in Markdown text written in `language`."""
    text = plain_text(markdown_text)
    words = _WORD.findall(text)
    return Readability(
        words=len(words),
        sentences=_sentence_count(text),
        syllables=sum(count_syllables(w, language) for w in words),
        language=language,
    )


def readability_findings(markdown_text: str, path: str, language: str) -> list[Finding]:
    """The strict plain-language check of one lesson, by its language (see the module doc)."""
    measured = measure(markdown_text, language)
    if measured.words < 100:  # too short to measure fairly
        return []
    if language == "es":
        if measured.ease >= MIN_EASE_ES:
            return []
        message = (
            f"Reads at {measured.ease:.0f} on the Fernández Huerta reading ease; Spanish lessons "
            f"need at least {MIN_EASE_ES} (normal)."
        )
    else:
        if measured.grade <= MAX_GRADE:
            return []
        message = (
            f"Reads at grade {measured.grade:.1f} (Flesch–Kincaid); lessons need grade "
            f"{MAX_GRADE} or below."
        )
    hint = "Use shorter sentences and shorter, everyday words."
    return [Finding(path, 1, 1, "error", "readability", message, hint)]


def word_count(markdown_text: str) -> int:
    """Words a reader sees in Markdown text."""
    return len(_WORD.findall(plain_text(markdown_text)))
