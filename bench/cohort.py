"""A cohort starts together: N signed-in learners open the same quiz within a few seconds and
take it (start, answer every question, submit), against gunicorn with 4 workers.

Seeds the database (bench/seed.py: the bundled courses and 1,000 trainees, or more, enrolled on
every course, no quiz attempts yet), gives each of the first `--learners` trainees a session
cookie as signing in would (bench/cohort_check.py), serves the app with gunicorn, and lets the
learners (bench/cohort_learners.py, asyncio, one task each) open the quiz at an even spread over
`--seconds`, each going through it as fast as the server answers. Reports errors by step and
reason, p50/p99 latency per step, requests per second over the run, tracebacks and "database is
locked" lines in the server's log, and lost answers: acknowledged answers the database does not
hold afterwards (counted from the database).

The database is `--database` (PostgreSQL: an empty database, or `--reset`), else a fresh SQLite
file. Options: python -m bench cohort --help.
"""

import argparse
import asyncio
import os
import tempfile
import time

from bench.cohort_check import lost_answers, session_cookies, stored_counts
from bench.cohort_learners import STEPS, run_cohort
from bench.common import env_for, gunicorn_process, instance_dir
from bench.load import percentile
from bench.seed import Scale, seed_database, trainee_email


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench cohort", description=__doc__)
    parser.add_argument("--learners", type=int, default=1000, help="learners in the cohort")
    parser.add_argument("--seconds", type=float, default=10, help="window they open the quiz in")
    parser.add_argument("--course", default="documentation-and-notes", help="the quiz's course")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--timeout", type=float, default=120, help="per request, in seconds")
    parser.add_argument("--database", default="", help="a PostgreSQL URL; default SQLite")
    parser.add_argument("--reset", action="store_true", help="drop everything in it first")
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> dict:
    args = options(argv or [])
    trainees = max(1000, args.learners)
    with instance_dir() as instance:
        env = env_for(instance)
        if args.database:
            env["LMS_SQLALCHEMY_DATABASE_URI"] = args.database
        scale = Scale(trainees=trainees, supervisors=0, attempts=0, ce_records=0)
        seeded = seed_database(env, scale, learners_wanted=0, reset=args.reset)
        cookies = _in_app(lambda app: session_cookies(app, _emails(args.learners)))
        with tempfile.TemporaryFile("w+") as log:
            with gunicorn_process(env, workers=args.workers, log=log) as (base, _process):
                cohort = run_cohort(base, cookies, args.course, args.seconds, timeout=args.timeout)
                tally = asyncio.run(cohort)
            log.seek(0)
            server_log = log.read()
        lost = _in_app(lambda _app: lost_answers(tally.saved))
        stored = _in_app(lambda _app: stored_counts(args.course))
    return report(args, seeded, tally, lost, stored, server_log)


def _emails(count: int) -> list[str]:
    return [trainee_email(n) for n in range(count)]


def _in_app(work):
    """Run `work(app)` in an app context on the benchmark's database (set in os.environ)."""
    from lms import create_app
    from lms.extensions import db

    app = create_app()
    with app.app_context():
        try:
            return work(app)
        finally:
            db.session.remove()
            db.engine.dispose()


def report(args, seeded, tally, lost, stored, server_log) -> dict:
    elapsed = max(tally.ended - tally.began, 1e-9)
    requests = sum(len(times) for times in tally.latencies.values())
    steps = {}
    for step in STEPS:
        ordered = sorted(tally.latencies[step])
        steps[step] = {
            "requests": len(ordered),
            "p50_ms": percentile(ordered, 0.50) if ordered else 0.0,
            "p99_ms": percentile(ordered, 0.99) if ordered else 0.0,
            "errors": sum(tally.errors[step].values()),
            "reasons": dict(tally.errors[step]),
        }
    return {
        "database": seeded.database,
        "gunicorn_workers": args.workers,
        "learners": args.learners,
        "window_seconds": args.seconds,
        "course": args.course,
        "run_seconds": round(elapsed, 1),
        "requests": requests,
        "rps": round(requests / elapsed, 1),
        "steps": steps,
        "errors": sum(s["errors"] for s in steps.values()),
        "answers_acknowledged": len(tally.saved),
        "lost_answers": lost,
        "submitted_acknowledged": tally.submitted,
        "stored": stored,
        "server_log": {
            "tracebacks": server_log.count("Traceback"),
            "database_is_locked": server_log.count("database is locked"),
            "worker_timeouts": server_log.count("WORKER TIMEOUT"),
        },
        "cpus": os.cpu_count(),
        "load_average_after": [round(n, 1) for n in os.getloadavg()],
        "finished_at": time.strftime("%Y-%m-%d %H:%M"),
    }


def markdown(result: dict) -> str:
    """One line of conditions, then the per-step table."""
    lines = [
        f"{result['database']}, gunicorn {result['gunicorn_workers']} workers, "
        f"{result['learners']} learners opening `{result['course']}` within "
        f"{result['window_seconds']:g} s: {result['requests']} requests in "
        f"{result['run_seconds']} s ({result['rps']} req/s), {result['errors']} errors, "
        f"{result['answers_acknowledged']} answers acknowledged, {result['lost_answers']} lost; "
        f"load average after {' '.join(map(str, result['load_average_after']))}",
        "",
        "| step | requests | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for step, s in result["steps"].items():
        reasons = ", ".join(f"{k} × {v}" for k, v in s["reasons"].items())
        lines.append(
            f"| {step} | {s['requests']} | {s['p50_ms']} | {s['p99_ms']} | {s['errors']}"
            f"{f' ({reasons})' if reasons else ''} |"
        )
    return "\n".join(lines)
