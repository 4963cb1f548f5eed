"""Reading one question's answer from a submitted form, by option id, never by label."""

from typing import Any

from werkzeug.datastructures import MultiDict

from lms.content.numeric import read_learner_number
from lms.i18n import _


def read_answer(
    question: dict[str, Any], shown: dict[str, Any], form: MultiDict
) -> tuple[Any, str | None]:
    """Return (answer to store or None, a message saying what to fix or None)."""
    kind = question["kind"]
    if kind in ("single", "true_false"):
        choice = form.get("option", "")
        if choice not in shown["options"]:
            return None, _("Choose one answer, then continue.")
        return [choice], None
    if kind == "multiple":
        chosen = [o for o in form.getlist("option") if o in shown["options"]]
        if not chosen:
            return None, _("Choose every answer that applies, then continue.")
        return sorted(set(chosen)), None
    if kind == "short_answer":
        text = " ".join(form.get("text", "").split())[:500]
        if not text:
            return None, _("Type your answer, then continue.")
        return text, None
    if kind == "numeric":
        return read_learner_number(form.get("number", "")[:100])
    if kind == "matching":
        answer = {}
        for pair in question["pairs"]:
            value = form.get(f"pair-{pair['id']}", "")
            if value in shown["choices"]:
                answer[pair["id"]] = value
        if len(answer) < len(question["pairs"]):
            return answer or None, _("Match every item, then continue.")
        return answer, None
    return None, _("This question cannot be answered here.")
