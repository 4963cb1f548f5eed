"""Mixed load on the whole app: gunicorn (2 workers) on a seeded database, many people at once.

Seeds 1,000 trainees, 50 supervisors, the bundled courses, 100,000 quiz attempts and 20,000
CE records with certificates (bench/seed.py), serves them with gunicorn on a loopback port,
and runs virtual users (bench/load_users.py), each a signed-in trainee and supervisor, doing
a weighted mix of steps at once: lesson pages, quiz questions answered and submitted, the
trainee dashboard, the supervisor's team dashboard, certificate PDFs, /verify lookups by
visitors, and /healthz beside them. Reports requests per second, p50/p95/p99 latency and
unexpected responses per step, as JSON and as a Markdown table.

The database is LMS_SQLALCHEMY_DATABASE_URI (PostgreSQL: an empty database), or a fresh
SQLite file. Options: python -m bench load --help.
"""

import argparse
import math
import os
import threading
import time
from collections import Counter

from bench.common import env_for, gunicorn, instance_dir
from bench.load_users import STEPS, VirtualUser, Window
from bench.seed import Scale, seed_database, supervisor_email


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__)
    defaults = Scale()
    parser.add_argument("--trainees", type=int, default=defaults.trainees)
    parser.add_argument("--supervisors", type=int, default=defaults.supervisors)
    parser.add_argument("--attempts", type=int, default=defaults.attempts)
    parser.add_argument("--ce-records", type=int, default=defaults.ce_records)
    parser.add_argument("--users", type=int, default=16, help="virtual users at once")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seconds", type=float, default=60, help="measured period")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured start")
    parser.add_argument(
        "--reset", action="store_true", help="drop everything in the database first"
    )
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> dict:
    args = options(argv or [])
    scale = Scale(args.trainees, args.supervisors, args.attempts, args.ce_records)
    with instance_dir() as instance:
        env = env_for(instance)
        seeded = seed_database(env, scale, learners_wanted=args.users, reset=args.reset)
        if not seeded.learners:
            raise SystemExit("Too few trainees: none holds a certificate and has courses left.")
        with gunicorn(env, workers=args.workers) as base:
            users, samples = drive(base, seeded, args)
    return {
        "database": seeded.database,
        "gunicorn_workers": args.workers,
        "virtual_users": users,
        "measured_seconds": args.seconds,
        "load_average_after": [round(n, 1) for n in os.getloadavg()],
        "seed_seconds": seeded.seconds,
        "rows": {k: v for k, v in seeded.rows.items() if v},
        "steps": summarise(samples, args.seconds),
        "unexpected": unexpected(samples.errors),
    }


def unexpected(errors: list[tuple[str, int, str]]) -> list[dict]:
    """Unexpected responses by step and status (0: no response), with one example each."""
    counts = Counter((step, status) for step, status, _ in errors)
    example = {(step, status): detail for step, status, detail in errors}
    return [
        {"step": step, "status": status, "count": count, "example": example[step, status]}
        for (step, status), count in counts.most_common()
    ]


def drive(base: str, seeded, args) -> tuple[int, "Merged"]:
    """Sign every virtual user in, then let them all loop until the window closes."""
    window = Window(math.inf, math.inf)
    users = [
        VirtualUser(
            base,
            seeded.learners[n % len(seeded.learners)],
            supervisor_email(n % args.supervisors) if args.supervisors else None,
            seeded.codes,
            window,
            seed=n,
        )
        for n in range(args.users)
    ]
    window.start = time.perf_counter() + args.warmup
    window.end = window.start + args.seconds
    merged = Merged()
    threads = [
        threading.Thread(target=lambda u=user: merged.add(u.run()), daemon=True) for user in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.warmup + args.seconds + 120)
    return len(users), merged


class Merged:
    """Every virtual user's samples together."""

    def __init__(self):
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[tuple[str, int, str]] = []
        self._lock = threading.Lock()

    def add(self, samples) -> None:
        with self._lock:
            for step, times in samples.latencies.items():
                self.latencies.setdefault(step, []).extend(times)
            self.errors.extend(samples.errors)


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest rank, in milliseconds."""
    return round(ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] * 1000, 1)


def summarise(samples: Merged, seconds: float) -> dict[str, dict]:
    errors = Counter(step for step, _status, _detail in samples.errors)
    steps = {}
    for step in sorted(samples.latencies, key=lambda s: STEPS.index(s) if s in STEPS else 99):
        ordered = sorted(samples.latencies[step])
        steps[step] = {
            "requests": len(ordered),
            "rps": round(len(ordered) / seconds, 1),
            "p50_ms": percentile(ordered, 0.50),
            "p95_ms": percentile(ordered, 0.95),
            "p99_ms": percentile(ordered, 0.99),
            "errors": errors[step],
        }
    return steps


def markdown(result: dict) -> str:
    """The per-step table, with what was measured above it."""
    rows = result["rows"]
    lines = [
        f"{result['database']}, gunicorn {result['gunicorn_workers']} workers, "
        f"{result['virtual_users']} virtual users, {result['measured_seconds']:g} s measured; "
        f"{rows.get('users', 0):,} accounts, {rows.get('quiz_attempts', 0):,} quiz attempts, "
        f"{rows.get('ce_records', 0):,} CE records, {rows.get('certificates', 0):,} "
        f"certificates, seeded in {result['seed_seconds']} s; load average after the run "
        f"{' '.join(map(str, result['load_average_after']))}",
        "",
        "| step | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for step, s in result["steps"].items():
        lines.append(
            f"| {step} | {s['requests']} | {s['rps']} | {s['p50_ms']} | {s['p95_ms']} "
            f"| {s['p99_ms']} | {s['errors']} |"
        )
    total = sum(s["requests"] for s in result["steps"].values())
    lines.append(f"| **all** | {total} | {round(total / result['measured_seconds'], 1)} | | | | "
                 f"{sum(s['errors'] for s in result['steps'].values())} |")  # fmt: skip
    lines += [
        f"- unexpected: {u['step']}, HTTP {u['status']} × {u['count']} (e.g. {u['example']})"
        for u in result["unexpected"]
    ]
    return "\n".join(lines)
