"""Person-first language check: terms that label people by a condition, and better words.

The terms are data, one file per course language (`language_terms.yaml` for English,
`language_terms_es.yaml` for Spanish, loaded by `load_terms(language)`), shared by
`courses check`, the browser editor and the public /language page (in the reader's language,
with the list's sources from `page_sources:`). A file may add
its own macros (`macros:`) and the small words that join the words of a proper name
(`name_joiners:`). The check is built to be precise rather than noisy:

- proper names are never flagged: the listed ones (Alcoholics Anonymous, National Institute on
  Drug Abuse, …), any Title Case name that holds a term and ends in or contains a name word such
  as Council, Office, Act or Journal ("Ohio Council on Alcoholism and Drug Abuse"), and an
  italicised Title Case title (*Substance Abuse*, a journal);
- a term may need a context word near it (bare "users" only near words about drug use) or be
  cancelled by one ("relapse" near "multiple sclerosis"), within one sentence;
- a term may be a gentle note (`severity: info`), as for "crazy" said of an idea, not a person;
- words inside quotation marks ("…" or “…”) are reported as `info` only;
- a line ending with `<!-- language: allow -->`, or a block between
  `<!-- language: allow start -->` and `<!-- language: allow end -->`, is not checked;
- code, HTML comments, URLs and link targets are not checked.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from lms.content.mdtext import Positions, blank, mask, mask_code, mask_comments
from lms.findings import Finding

TERMS_FILES = {
    "en": Path(__file__).with_name("language_terms.yaml"),
    "es": Path(__file__).with_name("language_terms_es.yaml"),
}
_ENGLISH_JOINERS = ("of", "on", "and", "for", "the", "&")

_END_WORDS = (
    "and|or|but|so|for|since|now|again|today|yet|ever|anymore|at|in|after|before|because|"
    "when|whenever|while|until|through|without|with|on|by|than|as|from|during|every|all|this|that"
)
_PERSON = (
    "son|daughter|brother|sister|mom|mother|dad|father|husband|wife|partner|friend|peer|kid|"
    "client|participant|patient|cousin|uncle|aunt|neighbou?r|roommate|coworker|colleague"
)
_NOT_NAMES = "It|This|That|These|Those|Everything|Something|Nothing|Which|What|There|Here|Where"
_MACROS = {
    "{S}": r"(?:s'|s’|'s|’s|s)?",
    "{N}": r"(?:\d+|a\s+few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|several|many|few|some)",
    "{PRON}": rf"(?:i|you|he|she|they|we|who|someone|somebody|(?:my|her|his|their|our|your)"
    rf"\s+(?:{_PERSON})|(?:the|this|that|a|an)\s+(?:{_PERSON})|(?-i:(?!(?:{_NOT_NAMES})\b)[A-Z][a-z]+))",
    "{END}": r"(?=[ \t]*(?:[.,;:!?)\]\"”’'*_]|\n[ \t]*\n|\Z)|\s+(?:" + _END_WORDS + r")(?![\w-]))",
}
# After a noun used for a person: the end of a phrase, or a verb or relative pronoun.
_MACROS["{NOUN_END}"] = (
    r"(?:"
    + _MACROS["{END}"]
    + r"|(?=\s+(?:who|is|was|were|are|has|had|have|will|would|can|could|may|might|must|"
    r"should|did|does|do|said|says|told|came|went|walked|needs?|wants?)\b))"
)
_FLAGS = re.IGNORECASE
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_ALLOW_LINE = re.compile(r"<!--\s*language:\s*allow\s*-->\s*$")
_ALLOW_START = re.compile(r"<!--\s*language:\s*allow\s+start\s*-->")
_ALLOW_END = re.compile(r"<!--\s*language:\s*allow\s+end\s*-->")
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
# A run of capitalised words, joined by small words: a candidate proper name.
_TITLE_WORD = r"[A-ZÁÉÍÓÚÑÜ][\w'’.&-]*"
# An italicised title of a work (*Substance Abuse*, _Journal of Addiction Medicine_).
_ITALIC_TITLE = re.compile(
    rf"(?<![*_\w])([*_])({_TITLE_WORD}(?:[ \t]+(?:[a-z]{{1,3}}[ \t]+)*{_TITLE_WORD})+)\1(?![*_\w])"
)
# The end of a sentence, for terms that look at the words near them.
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n[ \t]*\n")


@dataclass(frozen=True)
class Near:
    """Context a term needs (`requires`) or must not have (`unless`) within `words` words."""

    words: int
    requires: re.Pattern | None
    unless: re.Pattern | None


@dataclass(frozen=True)
class Term:
    """One entry of the term list: what to avoid, what to say instead, and why."""

    term: str
    prefer: tuple[str, ...]
    reason: str
    patterns: tuple[re.Pattern, ...]
    exceptions: tuple[re.Pattern, ...] = ()
    triggers: tuple[str, ...] = ()  # every match contains one of these (lower case)
    severity: str = "warning"  # "info" for a gentle note
    near: Near | None = None


def compile_pattern(source: str, macros: dict[str, str] | None = None) -> str:
    """Expand the term-list pattern syntax (spaces and macros) into a regular expression."""
    expanded = re.sub(r" \?", r"[\\s-]*", source)
    expanded = expanded.replace(" ", r"[\s-]+")
    for macro, value in {**(macros or {}), **_MACROS}.items():
        expanded = expanded.replace(macro, value)
    return expanded


def _any_word(patterns: list[str], macros: dict[str, str]) -> re.Pattern | None:
    if not patterns:
        return None
    alternatives = "|".join(compile_pattern(p, macros) for p in patterns)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w-])", _FLAGS)


def _term(entry: dict, macros: dict[str, str]) -> Term:
    near = entry.get("near")
    return Term(
        term=entry["term"],
        prefer=tuple(entry["prefer"]),
        reason=entry["reason"],
        patterns=tuple(_any_word([p], macros) for p in entry["match"]),
        exceptions=tuple(_any_word([p], macros) for p in entry.get("except", [])),
        triggers=tuple(entry.get("triggers", ())),
        severity=entry.get("severity", "warning"),
        near=near
        and Near(
            near["words"],
            _any_word(near.get("requires", []), macros),
            _any_word(near.get("unless", []), macros),
        ),
    )


@dataclass(frozen=True)
class TermList:
    """One language's term list, compiled: the terms, and what marks a proper name."""

    terms: tuple[Term, ...]
    names: re.Pattern
    name_words: frozenset[str]
    title_run: re.Pattern


def _data(language: str) -> dict:
    return yaml.safe_load(TERMS_FILES[language].read_text(encoding="utf-8"))


@cache
def _load(language: str = "en") -> TermList:
    """The compiled term list of one course language (lms.content.course.LANGUAGES)."""
    data = _data(language)
    macros = {"{CONDITION}": compile_pattern("(?:" + "|".join(data["conditions"]) + ")")}
    macros |= {name: compile_pattern(value) for name, value in data.get("macros", {}).items()}
    terms = tuple(_term(entry, macros) for entry in data["terms"])
    names = "|".join(
        r"\s+".join(re.escape(word) for word in name.split()) for name in data["proper_names"]
    )
    joiners = "|".join(map(re.escape, data.get("name_joiners", _ENGLISH_JOINERS)))
    title_run = re.compile(
        rf"(?<![\w'’-]){_TITLE_WORD}(?:(?:[ \t]+(?:{joiners}))*[ \t]+{_TITLE_WORD})+"
    )
    return TermList(
        terms,
        re.compile(rf"(?<![\w])(?:{names})(?:'s|’s)?(?![\w])", _FLAGS),
        frozenset(data["name_words"]),
        title_run,
    )


def load_terms(language: str = "en") -> tuple[Term, ...]:
    """Every term of a language, in the order of its data file (for the /language page)."""
    return _load(language).terms


def term_sources(language: str = "en") -> str:
    """The sources of a language's list, as the /language page names them."""
    return " ".join(_data(language)["page_sources"].split())


def proper_names(language: str = "en") -> tuple[str, ...]:
    return tuple(_data(language)["proper_names"])


def check_language(
    text: str, path: str = "", *, first_line: int = 1, quotes: bool = True, language: str = "en"
) -> list[Finding]:
    """Findings (code `language`) for every stigmatising term in `text`, from the term list of
    the course's `language`.

    `first_line` is the file line `text` starts on. With `quotes=False`, quotation marks do not
    make a finding `info` (used for YAML front matter, where quotes are syntax).
    """
    term_list = _load(language)
    terms = term_list.terms
    checked = _masked(text, term_list)
    quoted = _quoted_spans(checked) if quotes else []
    positions = Positions(text, first_line)
    findings = []
    for start, end, term in _matches(checked, terms):
        inside = any(q_start <= start and end <= q_end for q_start, q_end in quoted)
        line, column = positions.at(start)
        found = " ".join(text[start:end].split())
        findings.append(_finding(path, line, column, found, term, inside))
    return findings


def _masked(text: str, term_list: TermList) -> str:
    """The text with everything that is not checked blanked out (offsets unchanged)."""
    checked = _mask_allowed(text)
    checked = mask_comments(mask_code(checked))
    for pattern in (_URL, _LINK_TARGET, term_list.names, _ITALIC_TITLE):
        checked = mask(checked, pattern)
    return term_list.title_run.sub(
        lambda m: _name_or_words(m.group(0), term_list.name_words), checked
    )


def _name_or_words(run: str, name_words: frozenset[str]) -> str:
    """A Title Case run blanked when it is a name (it holds a name word such as Council)."""
    words = {word.strip(".,'’") for word in run.split()}
    return blank(run) if words & name_words else run


def _mask_allowed(text: str) -> str:
    lines = text.split("\n")
    allowing = False
    for index, line in enumerate(lines):
        if _ALLOW_START.search(line):
            allowing = True
        if allowing or _ALLOW_LINE.search(line):
            lines[index] = blank(line)
        if _ALLOW_END.search(line):
            allowing = False
    return "\n".join(lines)


def _matches(text: str, terms: tuple[Term, ...]) -> list[tuple[int, int, Term]]:
    """(start, end, term) of the words to report, without overlaps.

    Where two matches overlap, the longer whole match wins ("relapse prevention" over
    "relapse"); the reported words are the pattern's `t` group when it has one.
    """
    candidates = []
    lowered = text.lower()
    for term in terms:
        if term.triggers and not any(trigger in lowered for trigger in term.triggers):
            continue
        cancelled = [m.span() for pattern in term.exceptions for m in pattern.finditer(text)]
        for pattern in term.patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if start == end or any(a <= start and end <= b for a, b in cancelled):
                    continue
                if term.near and not _context_allows(text, start, end, term.near):
                    continue
                reported = match.span("t") if "t" in pattern.groupindex else (start, end)
                candidates.append((start, end, reported, term))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    chosen: list[tuple[int, int, tuple[int, int], Term]] = []
    for start, end, reported, term in candidates:
        if all(end <= s or start >= e for s, e, _, _ in chosen):
            chosen.append((start, end, reported, term))
    return sorted(((r[0], r[1], term) for _, _, r, term in chosen), key=lambda c: c[0])


def _context_allows(text: str, start: int, end: int, near: Near) -> bool:
    """Whether the words around a match (same sentence, `near.words` each side) allow it."""
    before = _SENTENCE_END.split(text[:start])[-1].split()[-near.words :]
    after = _SENTENCE_END.split(text[end:])[0].split()[: near.words]
    context = " ".join(before) + " \n " + " ".join(after)
    if near.requires and not near.requires.search(context):
        return False
    return not (near.unless and near.unless.search(context))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside "…" or “…”, paired within one paragraph (an unclosed quote is ignored)."""
    spans = []
    for paragraph in _PARAGRAPH.finditer(text):
        straight = curly = None
        for mark in re.finditer('["“”]', paragraph.group()):
            position = paragraph.start() + mark.start()
            if mark.group() == '"':
                if straight is None:
                    straight = position
                else:
                    spans.append((straight, position + 1))
                    straight = None
            elif mark.group() == "“":
                curly = position
            elif curly is not None:
                spans.append((curly, position + 1))
                curly = None
    return spans


def _finding(path: str, line: int, column: int, found: str, term: Term, quoted: bool) -> Finding:
    words = [f"'{p}'" for p in term.prefer]
    preferred = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    if quoted:
        return Finding(
            path,
            line,
            column,
            "info",
            "language",
            f"'{found}' inside a quotation. {term.reason}",
            f"Quoting a person is fine; in your own words prefer {preferred}.",
        )
    return Finding(
        path,
        line,
        column,
        term.severity,
        "language",
        f"'{found}': {term.reason}",
        f"prefer {preferred}",
    )
