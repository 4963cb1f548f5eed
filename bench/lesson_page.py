"""A signed-in lesson page against the app's own /healthz, under gunicorn with 2 workers.

Seeds SQLite (bench/seed.py) with the bundled courses and (by default) 1,000 trainees, each
enrolled on every course with progress and a quiz attempt, some courses complete with their
certificates; then drives /healthz, the lesson and a stored certificate PDF in the same run with
16 connections (bench/http_load.py). Reports requests per second, p50/p99 latency, the ratios to
/healthz (aim for the lesson: 0.5 or better, p99 under 25 ms) and each gunicorn worker's
resident memory after the run (aim: under 150 MB). Options: python -m bench lesson --help.
"""

import argparse
import os

from bench.common import env_for, gunicorn_process, instance_dir, sign_in, worker_rss_mb
from bench.http_load import run_load
from bench.seed import PASSWORD, Scale, seed_database

COURSES = 8  # the bundled ones


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench lesson", description=__doc__)
    parser.add_argument("--trainees", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10, help="measured time per page")
    parser.add_argument("--connections", type=int, default=16)
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> dict:
    args = options(argv or [])
    trainees = args.trainees
    scale = Scale(trainees=trainees, supervisors=0, attempts=trainees * COURSES, ce_records=0)
    with instance_dir() as instance:
        env = env_for(instance)
        learner = seed_database(env, scale, learners_wanted=1).learners[0]
        with gunicorn_process(env) as (base, process):
            cookie = sign_in(base, learner.email, PASSWORD)
            lesson_url = f"{base}/courses/{learner.in_progress[0][0]}/lessons/1"
            pdf_url = f"{base}/certificates/{learner.certificates[0]}.pdf"

            def load(url: str, seconds: float = args.seconds) -> dict:
                return run_load(url, seconds, args.connections, cookie)

            load(base + "/healthz", 2)  # warm up both workers
            load(lesson_url, 2)
            health, lesson, pdf = load(base + "/healthz"), load(lesson_url), load(pdf_url)
            rss = worker_rss_mb(process.pid)
    assert lesson["errors"] == 0 and pdf["errors"] == 0, "errors (not signed in?)"
    return {
        "conditions": f"gunicorn 2 workers, SQLite, {args.connections} connections, "
        f"{args.seconds:g} s per page, {os.cpu_count()} CPUs, 1-minute load "
        f"average at the end {os.getloadavg()[0]:.1f}",
        "healthz": health,
        "lesson": lesson,
        "stored_certificate_pdf": pdf,
        "lesson_ratio": round(lesson["rps"] / health["rps"], 2),
        "certificate_ratio": round(pdf["rps"] / health["rps"], 2),
        "worker_rss_mb": rss,
    }
