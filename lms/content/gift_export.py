"""Write a quiz as Moodle GIFT.

Every question carries a `// peerpath: id=…` comment line (Moodle ignores comments), so an
export imported back gives the same question ids. Text is written in GIFT's `[markdown]`
format with the reserved characters escaped.
"""

from decimal import Decimal
from fractions import Fraction

from lms.content.data import QuestionData, QuizData
from lms.content.itemmeta import meta_pairs

_RESERVED = str.maketrans(
    {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}
)


def escape(text: str) -> str:
    """GIFT-escape reserved characters; newlines become the two characters \\n."""
    return text.translate(_RESERVED).replace("\r", "").replace("\n", "\\n")


def export_gift(quiz: QuizData) -> str:
    """The quiz's questions as GIFT text."""
    header = f"// {quiz.title}\n// Exported from Peerpath; the peerpath: lines keep question ids.\n"
    return "\n".join([header] + [_question(question) for question in quiz.questions])


def _question(question: QuestionData) -> str:
    hint = f"id={question.id}"
    if question.kind == "true_false" and question.options[0].text.lower() == "false":
        hint += " order=false-true"
    hint += "".join(f" {key}={value}" for key, value in meta_pairs(question))
    text = question.prompt if question.prompt.strip() else question.title
    lines = [f"// peerpath: {hint}", f"::{escape(question.title)}::[markdown]{escape(text)}{{"]
    lines += _answers(question)
    if question.explanation:
        lines.append(f"\t####{escape(question.explanation)}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _answers(question: QuestionData) -> list[str]:
    if question.kind == "true_false":
        return [_true_false(question)]
    if question.kind == "short_answer":
        return [f"\t={escape(answer)}" for answer in question.accepted_answers]
    if question.kind == "matching":
        return [f"\t={escape(pair.left)} -> {escape(pair.right)}" for pair in question.pairs]
    if question.kind == "numeric":
        return ["\t#"] + [_number(answer) for answer in question.numbers]
    correct = sum(option.correct for option in question.options)
    wrong = len(question.options) - correct
    lines = []
    for option in question.options:
        if question.kind == "single":
            marker = "=" if option.correct else "~"
        else:
            share = Fraction(100, correct) if option.correct else Fraction(-100, max(wrong, 1))
            marker = f"~%{_weight(share)}%"
        feedback = f"#{escape(option.feedback)}" if option.feedback else ""
        lines.append(f"\t{marker}{escape(option.text)}{feedback}")
    return lines


def _number(answer) -> str:
    """One numeric answer: `=%share%value:tolerance` or `=%share%low..high`, then feedback."""
    spec = (
        f"{answer.low}..{answer.high}"
        if answer.value == ""
        else f"{answer.value}:{answer.tolerance}"
    )
    feedback = f"#{escape(answer.feedback)}" if answer.feedback else ""
    return f"\t=%{answer.credit}%{spec}{feedback}"


def _true_false(question: QuestionData) -> str:
    """GIFT true/false: {TRUE#feedback if wrong#feedback if right}."""
    right = next((o for o in question.options if o.correct), question.options[0])
    wrong = next((o for o in question.options if o is not right), right)
    answer = "TRUE" if right.text.lower() == "true" else "FALSE"
    feedback = ""
    if wrong.feedback or right.feedback:
        feedback = f"#{escape(wrong.feedback)}"
    if right.feedback:
        feedback += f"#{escape(right.feedback)}"
    return f"\t{answer}{feedback}"


def _weight(share: Fraction) -> str:
    """A GIFT percentage weight, as Moodle writes it (at most five decimals)."""
    exact = Decimal(share.numerator) / Decimal(share.denominator)
    return f"{exact.quantize(Decimal('0.00001')).normalize():f}"
