"""The practice exam: questions drawn across the four IC&RC Peer Recovery domains, optionally
timed, graded exactly once, with a score per domain.

It is practice only. It earns no CE hours (nothing here touches CE records) and makes no claim
about the real exam's format, length or passing score.
"""

import dataclasses
import random
from datetime import datetime, timedelta
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from flask import current_app

from lms import audit
from lms.content.quiz import parse_quiz
from lms.i18n import _
from lms.learning import attempts as attempt_rules
from lms.learning.grading import grade_shown
from lms.models import PracticeAttempt, User, utcnow

BANK_DIR = Path(__file__).with_name("practice_bank")
DOMAINS = {
    "advocacy": "Advocacy",
    "mentoring-education": "Mentoring/Education",
    "recovery-wellness-support": "Recovery/Wellness Support",
    "ethical-responsibility": "Ethical Responsibility",
}
DEFAULT_QUESTIONS = 20
DEFAULT_PROPORTIONS = dict.fromkeys(DOMAINS, 0.25)
TIME_LIMITS = (30, 60)  # minutes a trainee may choose, besides untimed


class ExamError(ValueError):
    """A request the practice exam cannot carry out; the message says why."""


@cache
def load_bank() -> dict[str, Any]:
    """The parsed bank, once per process: {"questions": {id: question with "domain"},
    "by_domain": {domain: [ids]}}. The files ship with the code, so they do not change."""
    questions: dict[str, dict[str, Any]] = {}
    by_domain: dict[str, list[str]] = {}
    for domain in DOMAINS:
        path = BANK_DIR / f"{domain}.md"
        quiz, findings = parse_quiz(path.read_text(encoding="utf-8"), str(path))
        if quiz is None:
            raise RuntimeError(f"{path}: {[f.message for f in findings]}")
        by_domain[domain] = []
        for question in quiz.questions:
            questions[question.id] = {**dataclasses.asdict(question), "domain": domain}
            by_domain[domain].append(question.id)
    return {"questions": questions, "by_domain": by_domain}


def settings() -> tuple[int, dict[str, float]]:
    """(questions per exam, share per domain) from config, with the documented defaults."""
    total = int(current_app.config.get("PRACTICE_EXAM_QUESTIONS", DEFAULT_QUESTIONS))
    shares = current_app.config.get("PRACTICE_EXAM_PROPORTIONS", DEFAULT_PROPORTIONS)
    return total, {d: float(shares.get(d, 0)) for d in DOMAINS}


def domain_counts(
    total: int, shares: dict[str, float], available: dict[str, int]
) -> dict[str, int]:
    """How many questions each domain gets: in proportion to its share, never more than the bank
    holds. Each question goes to the domain furthest behind its exact share, so rounding is
    fair and what a small domain cannot fill goes to the others. Share 0 means none."""
    weight = sum(max(s, 0) for s in shares.values())
    if weight <= 0:
        raise ExamError("The practice exam has no domain proportions set.")
    exact = {d: Fraction(max(shares.get(d, 0), 0)) / Fraction(weight) * total for d in available}
    counts = dict.fromkeys(available, 0)
    room = sum(available[d] for d in available if exact[d] > 0)
    for _step in range(min(total, room)):
        open_domains = [d for d in available if exact[d] > 0 and counts[d] < available[d]]
        chosen = max(open_domains, key=lambda d: exact[d] - counts[d])
        counts[chosen] += 1
    return counts


def draw(seen: dict[str, int], rng: random.Random) -> list[dict[str, Any]]:
    """This exam's questions: the configured count per domain, unseen ones first, options and
    order shuffled. Each shown item remembers its domain."""
    bank = load_bank()
    total, shares = settings()
    available = {d: len(ids) for d, ids in bank["by_domain"].items()}
    shown: list[dict[str, Any]] = []
    for domain, count in domain_counts(total, shares, available).items():
        if not count:
            continue
        pool = {
            "questions": [bank["questions"][qid] for qid in bank["by_domain"][domain]],
            "questions_per_attempt": count,
            "shuffle": True,
        }
        shown += [
            {**item, "domain": domain} for item in attempt_rules.draw_questions(pool, seen, rng)
        ]
    rng.shuffle(shown)
    return shown


def attempts_of(user_id: int) -> list[PracticeAttempt]:
    """A person's practice exams, newest first."""
    return attempt_rules.history(PracticeAttempt.user_id, user_id)[::-1]


def start_or_resume(user: User, time_limit_minutes: int | None) -> tuple[PracticeAttempt, bool]:
    """(attempt, started): the unfinished exam if there is one, else a new one."""
    if time_limit_minutes is not None and time_limit_minutes not in TIME_LIMITS:
        raise ExamError(_("Choose untimed or one of the time limits offered."))

    def new_attempt(past: list[PracticeAttempt]) -> dict[str, Any]:
        shown = draw(attempt_rules.seen_questions(past), random.SystemRandom())
        return {"time_limit_minutes": time_limit_minutes, "shown": shown}

    attempt, started = attempt_rules.start_or_resume(PracticeAttempt.user_id, user.id, new_attempt)
    if started:
        audit.record(
            "practice_exam.started",
            actor=user,
            subject=attempt,
            questions=len(attempt.shown),
            time_limit_minutes=time_limit_minutes,
        )
    return attempt, started


def question_for(item: dict[str, Any]) -> dict[str, Any] | None:
    """The bank's question for one shown item (None if it has since left the bank)."""
    return load_bank()["questions"].get(item["id"])


def submit(attempt: PracticeAttempt, user: User) -> bool:
    """Submit and grade the exam exactly once. False when it had already been submitted.
    Answers saved after the time limit still count; the report says the exam ran over."""
    if not attempt_rules.submit(attempt):
        return False
    attempt.score_percent, attempt.by_domain = grade(attempt.shown, attempt.answers)
    audit.record(
        "practice_exam.submitted",
        actor=user,
        subject=attempt,
        score_percent=attempt.score_percent,
        ran_over=ran_over(attempt),
    )
    return True


def grade(shown: list[dict[str, Any]], answers: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """(percent rounded down, {domain: {right, total, percent, points: {id: "1"|"0"}}}).
    All or nothing per question: the practice exam gives no partial credit."""
    exact, points = grade_shown(load_bank()["questions"], shown, answers, partial_credit=False)
    by_domain: dict[str, Any] = {}
    for item in shown:
        entry = by_domain.setdefault(item["domain"], {"right": 0, "total": 0, "points": {}})
        entry["right"] += int(points[item["id"]] == 1)
        entry["total"] += 1
        entry["points"][item["id"]] = str(points[item["id"]])
    for entry in by_domain.values():
        entry["percent"] = entry["right"] * 100 // entry["total"]
    return int(exact), by_domain


def deadline(attempt: PracticeAttempt) -> datetime | None:
    if attempt.time_limit_minutes is None:
        return None
    return attempt.started_at + timedelta(minutes=attempt.time_limit_minutes)


def minutes_left(attempt: PracticeAttempt, now: datetime | None = None) -> int | None:
    """Whole minutes left on a timed exam (0 once time is up); None when untimed."""
    end = deadline(attempt)
    if end is None:
        return None
    return max(0, int((end - (now or utcnow())).total_seconds() // 60))


def ran_over(attempt: PracticeAttempt) -> bool:
    end = deadline(attempt)
    return end is not None and attempt.submitted_at is not None and attempt.submitted_at > end


def practice_results(user_id: int) -> dict[str, Any]:
    """For the readiness page: submitted exams, the latest score, and per domain the best and
    latest percent (None where the person has not been tested on that domain yet)."""
    done = [a for a in attempts_of(user_id) if a.submitted_at is not None]
    done.sort(key=lambda a: (a.submitted_at, a.id), reverse=True)
    domains: dict[str, dict[str, Any]] = {}
    for domain, label in DOMAINS.items():
        scores = [a.by_domain[domain]["percent"] for a in done if domain in (a.by_domain or {})]
        domains[domain] = {
            "label": label,
            "latest": scores[0] if scores else None,
            "best": max(scores) if scores else None,
        }
    latest = done[0] if done else None
    return {
        "attempts": len(done),
        "latest_percent": latest.score_percent if latest else None,
        "latest_at": latest.submitted_at if latest else None,
        "best_percent": max((a.score_percent or 0) for a in done) if done else None,
        "domains": domains,
    }
