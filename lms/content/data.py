"""The plain values a course package parses into (findings are `lms.findings.Finding`).

Everything here is a frozen dataclass of strings, ints, bools and tuples (plus the media bytes),
so the loader can store it and tests can compare it without knowing how it was parsed. Hours
are never floats: `CourseData.ce_minutes` is a whole number of minutes.
"""

from dataclasses import dataclass, field

QUESTION_KINDS = ("single", "multiple", "true_false", "short_answer", "matching", "numeric")
REVEAL_RULES = ("after_each_attempt", "after_passing", "never")
ITEM_KINDS = ("applied", "recall")  # the item metadata `kind:` (lms/content/itemmeta.py)


@dataclass(frozen=True)
class LessonData:
    key: str  # the file stem, e.g. "01-why-ethics"
    position: int  # 1-based, in file-name order
    title: str
    markdown: str  # the body, without front matter
    html: str  # sanitised, rendered once at parse time
    words: int


@dataclass(frozen=True)
class OptionData:
    id: str  # "a", "b", "c", … in the order written
    text: str  # shown as written (plain text)
    correct: bool
    feedback: str  # plain text; "" when none


@dataclass(frozen=True)
class PairData:
    id: str  # "a", "b", … in the order written
    left: str
    right: str


@dataclass(frozen=True)
class NumberData:
    """One accepted answer of a numeric question (lms/content/numeric.py reads and matches it).

    Numbers are exact decimals kept as their text ("3.5"), never floats: either `value` with a
    `tolerance` ("0" when exact), or a range `low`..`high` (then `value` is "").
    """

    value: str
    tolerance: str = "0"
    low: str = ""
    high: str = ""
    credit: str = "100"  # percent of the question's marks, "0" to "100"
    feedback: str = ""


@dataclass(frozen=True)
class QuestionData:
    id: str
    kind: str  # one of QUESTION_KINDS
    title: str
    prompt: str  # Markdown between the heading and the answers ("" when none)
    prompt_html: str
    options: tuple[OptionData, ...] = ()
    accepted_answers: tuple[str, ...] = ()
    pairs: tuple[PairData, ...] = ()
    numbers: tuple[NumberData, ...] = ()  # a numeric question's accepted answers
    explanation: str = ""
    # Item metadata, from the comment line under the heading (lms/content/itemmeta.py).
    item_kind: str = "recall"  # one of ITEM_KINDS: applies a rule to a case, or recalls it
    objective: int | None = None  # 1-based index into the course's objectives
    review: str = ""  # the lesson key to reread when the item is missed ("" when none)
    source: str = ""  # the public source the item's fact comes from (a web address, or "")
    line: int = field(default=0, compare=False)  # the heading's line in quiz.md


@dataclass(frozen=True)
class QuizData:
    title: str
    pass_mark: int  # percent, 1–100
    questions_per_attempt: int | None  # None: every question in the pool
    shuffle: bool
    attempts_allowed: int  # 0: unlimited
    reveal: str  # one of REVEAL_RULES
    partial_credit: bool
    questions: tuple[QuestionData, ...]


@dataclass(frozen=True)
class CourseData:
    slug: str
    title: str
    summary: str
    version_label: str
    ce_minutes: int  # ce_hours × 60, always a whole number (hours come in steps of 0.25)
    topics: tuple[str, ...]
    competencies: tuple[int, ...]
    icrc_domains: tuple[str, ...]
    settings: tuple[str, ...]
    audience: str
    evaluation: bool
    objectives: tuple[str, ...]
    references: tuple[str, ...]
    intro_markdown: str
    intro_html: str
    lessons: tuple[LessonData, ...]
    quiz: QuizData
    media: dict[str, bytes] = field(default_factory=dict)  # "media/chart.png" -> bytes
    words: int = 0  # lesson and welcome text, as counted by readability.word_count
    estimated_minutes: int = 0  # words / 180 + 1.85 per question an attempt draws, floored
    content_hash: str = ""  # SHA-256 hex over every file's path and bytes
    domain_minutes: tuple[tuple[str, int], ...] = ()  # CE minutes per IC&RC domain
    language: str = "en"  # lms.content.course.LANGUAGES
    translation: str | None = None  # the slug of the same course in the other language
