"""What a learner scores by always picking the longest option, against chance.

Over a quiz's items with one right option (single choice and true/false): picking the
longest option earns 1/k on an item whose key is one of k equally longest options (a guess
among the tied ones), 0 otherwise; chance earns 1/n on an item with n options. A quiz whose
longest-option score is well above chance cues its answers (lms/content/itemcheck.py).
"""

from dataclasses import dataclass
from fractions import Fraction

from lms.content.data import QuizData
from lms.content.itemcheck import longest_ids


@dataclass(frozen=True)
class LongestReport:
    items: int  # items with one right option
    longest: Fraction  # expected share right when always picking the longest option
    chance: Fraction  # expected share right when guessing at random (1/options averaged)


def longest_option_report(quizzes: list[QuizData]) -> LongestReport:
    """The longest-option and chance scores over every one-answer item of `quizzes`."""
    longest, chance, items = Fraction(0), Fraction(0), 0
    for quiz in quizzes:
        for question in quiz.questions:
            if question.kind not in ("single", "true_false"):
                continue
            tied = longest_ids(question)
            key = next(o.id for o in question.options if o.correct)
            longest += Fraction(1, len(tied)) if key in tied else 0
            chance += Fraction(1, len(question.options))
            items += 1
    if not items:
        return LongestReport(0, Fraction(0), Fraction(0))
    return LongestReport(items, longest / items, chance / items)
