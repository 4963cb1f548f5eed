"""A signed-in lesson page against the app's own /healthz, under gunicorn with 2 workers.

Seeds SQLite (bench/seed.py) with the bundled courses and 1,000 trainees, each enrolled on
every course with progress and a quiz attempt, some courses complete with their certificates;
then drives the lesson, /healthz and a stored certificate PDF with wrk in the same run. Reports
requests per second, p99 latency and the ratios to /healthz (aim for the lesson: 0.5 or better).
"""

from bench.common import env_for, gunicorn, instance_dir, sign_in, wrk
from bench.seed import PASSWORD, Scale, seed_database

TRAINEES = 1000
COURSES = 8  # the bundled ones


def run() -> dict:
    scale = Scale(trainees=TRAINEES, supervisors=0, attempts=TRAINEES * COURSES, ce_records=0)
    with instance_dir() as instance:
        env = env_for(instance)
        learner = seed_database(env, scale, learners_wanted=1).learners[0]
        with gunicorn(env) as base:
            cookie = sign_in(base, learner.email, PASSWORD)
            lesson_url = f"{base}/courses/{learner.in_progress[0][0]}/lessons/1"
            pdf_url = f"{base}/certificates/{learner.certificates[0]}.pdf"
            wrk(base + "/healthz", seconds=2)  # warm up both workers
            wrk(lesson_url, seconds=2, cookie=cookie)
            health = wrk(base + "/healthz")
            lesson = wrk(lesson_url, cookie=cookie)
            pdf = wrk(pdf_url, cookie=cookie)
    assert lesson["errors"] == 0 and pdf["errors"] == 0, "errors (not signed in?)"
    return {
        "healthz": health,
        "lesson": lesson,
        "stored_certificate_pdf": pdf,
        "lesson_ratio": round(lesson["rps"] / health["rps"], 2),
        "certificate_ratio": round(pdf["rps"] / health["rps"], 2),
    }
