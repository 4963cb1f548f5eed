"""The rows bench/seed.py writes, as plain data: who completes what, how many attempts each
enrollment has, and what an attempt or an outside CE record looks like."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from lms.learning.attempts import draw_questions
from lms.learning.grading import grade_attempt

PASSWORD = "bench passphrase 2026"  # every seeded account's
DOMAIN = "bench.example.org"
FAILED_VARIANTS = 3
DELIVERIES = ("live", "webinar")
MINUTES = (60, 90, 120, 180)


@dataclass(frozen=True)
class Plan:
    """One enrollment: trainee and course by position, its attempts, whether it is complete."""

    trainee: int
    course: int
    attempts: int
    completed: bool


def trainee_email(n: int) -> str:
    return f"trainee{n}@{DOMAIN}"


def supervisor_email(n: int) -> str:
    return f"supervisor{n}@{DOMAIN}"


def spread(total: int, parts: int) -> list[int]:
    """`total` shared as evenly as possible over `parts`."""
    return [(i + 1) * total // parts - i * total // parts for i in range(parts)]


def trainee_plan(trainees: int, courses: int, attempts: int) -> list[Plan]:
    """Every trainee on every course. Trainee n has completed their first n % 5 courses (each
    ending in a passed attempt); the attempts are spread evenly over all enrollments."""
    shares = spread(attempts, trainees * courses)
    return [
        Plan(n, c, shares[n * courses + c], c < n % 5 and shares[n * courses + c] > 0)
        for n in range(trainees)
        for c in range(courses)
    ]


def chunks(rows: list, size: int):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def progress_rows(plan: Plan, enrollment_id: int, lessons: list[int], started: datetime):
    """Every lesson of a completed course read; some of the first lessons of the others."""
    read = len(lessons) if plan.completed else (plan.trainee + plan.course) % len(lessons)
    return [
        {"enrollment_id": enrollment_id, "lesson_id": lesson_id,
         "first_read_at": started + timedelta(minutes=10 * i), "seconds_on_task": 240 + i * 30}
        for i, lesson_id in enumerate(lessons[:read])
    ]  # fmt: skip


def attempt_variants(quiz: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """Attempts drawn and graded by the app's own code: FAILED_VARIANTS failed ones (a third
    of the answers right), then one passed (every answer right)."""
    by_id = {q["id"]: q for q in quiz["questions"]}
    variants = []
    for passing in [False] * FAILED_VARIANTS + [True]:
        shown = draw_questions(quiz, {}, rng)
        answers = {
            item["id"]: _answer(by_id[item["id"]], right=passing or i % 3 == 0)
            for i, item in enumerate(shown)
        }
        percent, passed, points = grade_attempt(quiz, shown, answers)
        assert passed == passing, (quiz["title"], percent)
        variants.append(
            {"shown": shown, "answers": answers, "score_percent": percent, "passed": passed,
             "results": points}
        )  # fmt: skip
    return variants


def _answer(question: dict[str, Any], *, right: bool) -> Any:
    kind = question["kind"]
    if kind in ("single", "true_false", "multiple"):
        options = [o["id"] for o in question["options"] if o["correct"] == right]
        return sorted(options) if kind == "multiple" and right else options[:1]
    if kind == "short_answer":
        return question["accepted_answers"][0] if right else "not sure"
    pairs = question["pairs"]  # matching
    return {p["id"]: p["right"] for p in pairs} if right else {}


def outside_record(k: int, user_id: int, topics: list[str], supervisor_id: int | None) -> dict:
    """The k-th outside CE record: 7 in 10 verified, 2 pending, 1 rejected, over two years."""
    status = "verified" if k % 10 < 7 else ("pending" if k % 10 < 9 else "rejected")
    earned = date.today() - timedelta(days=(k * 37) % 730)
    decided = status != "pending"
    return {
        "user_id": user_id,
        "source": "external",
        "title": f"Outside training {k}",
        "provider": "Regional Recovery Network",
        "minutes": MINUTES[k % len(MINUTES)],
        "topics": [topics[k % len(topics)]],
        "delivery": DELIVERIES[k % len(DELIVERIES)],
        "earned_on": earned,
        "status": status,
        "decided_by_id": supervisor_id if decided else None,
        "decided_at": datetime.combine(earned, datetime.min.time()) if decided else None,
        "decision_reason": "No certificate of attendance." if status == "rejected" else "",
    }
