"""Question statistics and course evaluation results, so a trainer can spot a confusing question.

For each version's quiz, from submitted attempts: how many attempts showed each question, the
average points earned (as a percent), a discrimination index (the average points of the upper
27% of those attempts, ranked by score, minus the lower 27%; near 0 or negative means strong
and weak learners do equally well, often a sign of a confusing question), and how often each
option was chosen. Two queries in all, whatever the number of questions.

Each question also carries its `flags`: what looks wrong and what to do about it: a negative
discrimination (strong learners miss it more than weak ones: check the key and the wording),
and, once enough attempts showed it, wrong options nobody picked (they help no one tell
learners apart: replace them with a mistake people really make).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from lms.content.numeric import credit_for
from lms.extensions import db
from lms.i18n import _, ngettext
from lms.learning.forms import QUESTIONS as RATING_QUESTIONS
from lms.models import CourseEvaluation, CourseVersion, Enrollment, QuizAttempt

GROUP_SHARE = Fraction(27, 100)
# Below this many attempts an unpicked option says little: a small class may all know the rule.
ATTEMPTS_BEFORE_UNPICKED_FLAG = 5


@dataclass(frozen=True)
class Flag:
    label: str  # a few words for the summary table
    advice: str  # what it means and what to do


@dataclass
class OptionCount:
    label: str
    correct: bool
    chosen: int
    percent: int


@dataclass
class QuestionStats:
    id: str
    title: str
    kind: str
    attempts: int
    percent_correct: int | None  # average points, whole percent
    discrimination: Fraction | None  # -1 … 1; None with fewer than 2 attempts
    options: list[OptionCount] = field(default_factory=list)
    numbers: list[dict] = field(default_factory=list)  # a numeric question's accepted answers

    @property
    def flags(self) -> list[Flag]:
        """What a trainer should look at in this question, with what to do."""
        found = []
        if self.discrimination is not None and self.discrimination < 0:
            found.append(
                Flag(
                    _("Negative discrimination"),
                    _(
                        "Learners who did well on the whole quiz got this question wrong more "
                        "often than those who did poorly. Check that the right answer is marked "
                        "correctly and that the wording does not mislead careful readers."
                    ),
                )
            )
        if self.attempts >= ATTEMPTS_BEFORE_UNPICKED_FLAG and self.kind in CHOICE_KINDS:
            unpicked = [o.label for o in self.options if not o.correct and o.chosen == 0]
            if unpicked:
                names = "; ".join(f"“{label}”" for label in unpicked)
                found.append(
                    Flag(
                        ngettext(
                            "%(num)d option never chosen",
                            "%(num)d options never chosen",
                            len(unpicked),
                        ),
                        _(
                            "No one picked %(names)s. A wrong option nobody chooses does not help "
                            "tell who knows the answer: replace it with a mistake learners really "
                            "make, or remove it.",
                            names=names,
                        ),
                    )
                )
        return found


CHOICE_KINDS = ("single", "multiple")


@dataclass
class VersionStats:
    number: int
    attempts: int
    questions: list[QuestionStats]


def points(value) -> Fraction:
    """A stored result ("1", "0", "2/3") as a Fraction."""
    return Fraction(str(value))


def discrimination(scored: list[tuple[int, Fraction]]) -> Fraction | None:
    """Upper 27% minus lower 27% of (attempt score, points on the question) pairs."""
    if len(scored) < 2:
        return None
    ranked = sorted(scored, key=lambda pair: pair[0])
    size = max(1, int(GROUP_SHARE * len(ranked) + Fraction(1, 2)))
    lower = [p for _score, p in ranked[:size]]
    upper = [p for _score, p in ranked[-size:]]
    return sum(upper, Fraction(0)) / size - sum(lower, Fraction(0)) / size


def question_stats(question: dict, attempts: list[QuizAttempt]) -> QuestionStats:
    qid = question["id"]
    shown = [a for a in attempts if qid in (a.results or {})]
    earned = [points(a.results[qid]) for a in shown]
    percent = int(sum(earned, Fraction(0)) * 100 / len(earned)) if earned else None
    pairs = [(a.score_percent or 0, points(a.results[qid])) for a in shown]
    stats = QuestionStats(
        qid, question["title"], question["kind"], len(shown), percent, discrimination(pairs)
    )
    stats.options = _option_counts(question, [a.answers.get(qid) for a in shown])
    stats.numbers = list(question.get("numbers", []))
    return stats


def _option_counts(question: dict, answers: list) -> list[OptionCount]:
    total = len(answers) or 1
    if question["kind"] == "short_answer":
        typed = Counter(" ".join(str(a).lower().split()) for a in answers if a)
        accepted = {" ".join(a.lower().split()) for a in question.get("accepted_answers", [])}
        return [
            OptionCount(text, text in accepted, count, count * 100 // total)
            for text, count in typed.most_common(5)
        ]
    if question["kind"] == "numeric":
        typed = Counter(a for a in answers if isinstance(a, str) and a)
        return [
            OptionCount(
                text, credit_for(question["numbers"], text) == 1, count, count * 100 // total
            )
            for text, count in typed.most_common(5)
        ]
    if question["kind"] == "matching":
        return [_pair_count(pair, answers, total) for pair in question.get("pairs", [])]
    chosen = Counter(oid for a in answers if isinstance(a, list) for oid in a)
    return [
        OptionCount(o["text"], o["correct"], chosen[o["id"]], chosen[o["id"]] * 100 // total)
        for o in question.get("options", [])
    ]


def _pair_count(pair: dict, answers: list, total: int) -> OptionCount:
    """How many learners matched this pair correctly."""
    matched = sum(isinstance(a, dict) and a.get(pair["id"]) == pair["right"] for a in answers)
    return OptionCount(f"{pair['left']} => {pair['right']}", True, matched, matched * 100 // total)


def quiz_statistics(course_id: int) -> list[VersionStats]:
    """Statistics for every version of a course that has submitted attempts, newest first."""
    rows = db.session.execute(
        db.select(QuizAttempt, Enrollment.version_id)
        .join(Enrollment, Enrollment.id == QuizAttempt.enrollment_id)
        .where(Enrollment.course_id == course_id, QuizAttempt.submitted_at.is_not(None))
    ).all()
    by_version: dict[int, list[QuizAttempt]] = defaultdict(list)
    for attempt, version_id in rows:
        by_version[version_id].append(attempt)
    versions = db.session.execute(
        db.select(CourseVersion.id, CourseVersion.number, CourseVersion.quiz)
        .where(CourseVersion.id.in_(by_version))
        .order_by(CourseVersion.number.desc())
    ).all()
    return [
        VersionStats(
            v.number,
            len(by_version[v.id]),
            [question_stats(q, by_version[v.id]) for q in v.quiz["questions"]],
        )
        for v in versions
    ]


@dataclass
class EvaluationResults:
    count: int
    averages: list[tuple[str, Fraction | None]]  # (question text, average rating 1–5)
    comments: list[str]


def evaluation_results(course_id: int) -> EvaluationResults:
    rows = db.session.execute(
        db.select(CourseEvaluation.ratings, CourseEvaluation.comment)
        .join(Enrollment, Enrollment.id == CourseEvaluation.enrollment_id)
        .where(Enrollment.course_id == course_id)
        .order_by(CourseEvaluation.submitted_at.desc())
    ).all()
    averages = []
    for key, text in RATING_QUESTIONS.items():
        given = [row.ratings[key] for row in rows if isinstance(row.ratings.get(key), int)]
        averages.append((text, Fraction(sum(given), len(given)) if given else None))
    comments = [row.comment.strip() for row in rows if row.comment and row.comment.strip()]
    return EvaluationResults(len(rows), averages, comments)
