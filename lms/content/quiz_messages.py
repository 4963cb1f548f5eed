"""What the quiz parser says about each mistake: one table, so wording stays consistent."""

from lms.content.data import Finding

# code: (severity, message, suggestion) — message and suggestion may use {placeholders}.
MESSAGES = {
    "no-questions": ("error", "The quiz has no questions.", "Start each question with '### '."),
    "stray-text-before": (
        "warning",
        "Text before the first question is not shown to learners.",
        "Move it into a question, or into course.md or a lesson.",
    ),
    "too-many-questions": (
        "error",
        "questions_per_attempt is {wanted} but the quiz has {pool} questions.",
        "Write more questions or set questions_per_attempt to {pool} or fewer.",
    ),
    "duplicate-id": (
        "error",
        "The question id '{id}' is already used on line {first}.",
        "Give every question its own {{#id}}.",
    ),
    "missing-explanation": (
        "warning",
        "This question has no explanation.",
        "Add an 'Explanation:' line saying why the right answer is right.",
    ),
    "stray-text": (
        "warning",
        "This text after the answers is not shown.",
        "Move it above the answers, into an option's feedback, or into Explanation:.",
    ),
    "bad-id": (
        "error",
        "'{id}' is not a usable question id.",
        "Use lower-case letters, digits and hyphens, like {{#gift-card}}.",
    ),
    "missing-title": (
        "error",
        "The question heading has no text.",
        "Write a short title or the whole question after '### '.",
    ),
    "no-answers": (
        "error",
        "This question has no answers.",
        "Add '- [ ]' options, '= answer' lines or '- left => right' pairs.",
    ),
    "mixed-answers": (
        "error",
        "This question mixes options, '=' answers and '=>' pairs.",
        "Use one way of answering per question.",
    ),
    "empty-answer": ("error", "This '=' line has no answer.", "Write the answer after '= '."),
    "empty-option": ("error", "This option has no text.", "Write the option after '- [ ] '."),
    "missing-feedback": (
        "warning",
        "This option has no feedback.",
        "Add a line under it: two spaces, '> ', then why it is right or wrong.",
    ),
    "true-false-options": (
        "error",
        "A true/false question needs exactly two options, True and False.",
        "Write '- [x] True' and '- [ ] False' (or the other way round) and nothing else.",
    ),
    "true-false-spelling": (
        "warning",
        "Write the options of a true/false question exactly as True and False.",
        "Use 'True' and 'False', capitalised, without a full stop.",
    ),
    "true-false-both": (
        "error",
        "Both True and False are marked correct.",
        "Mark only the right one with '- [x]'.",
    ),
    "too-few-options": (
        "error",
        "A choice question needs at least two options.",
        "Add another '- [ ]' option.",
    ),
    "no-correct-answer": (
        "error",
        "No option is marked correct.",
        "Mark the right option with '- [x]'.",
    ),
    "too-few-pairs": (
        "error",
        "A matching question needs at least two pairs.",
        "Add another '- left part => right part' line.",
    ),
    "bad-pair": ("error", "This pair is missing a side.", "Write '- left part => right part'."),
}


def finding(path: str, line: int, code: str, **values) -> Finding:
    """A finding from the MESSAGES table; the code's first word is the finding code."""
    severity, message, suggestion = MESSAGES[code]
    name = "stray-text" if code == "stray-text-before" else code
    name = "true-false-options" if code.startswith("true-false") else name
    return Finding(
        path, line, 1, severity, name, message.format(**values), suggestion.format(**values)
    )
