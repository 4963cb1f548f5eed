"""Where a signed-in lesson request's time goes, in-process: cProfile over the test client.

Seeds a small SQLite instance (bench/seed.py), signs a learner in through the real form, then
profiles `--requests` (2,000) lesson requests outside any app context (as under gunicorn) and
reports each part's share of the profiled time, beside CPU milliseconds per lesson and per
/healthz measured without the profiler (median of 7 rounds). The profiler inflates Python-heavy
parts, so shares are a map of where to look; the unprofiled figures are the ones to compare.
"""

import argparse
import cProfile
import pstats
import statistics
import time

from bench.common import env_for, instance_dir, signed_in_client
from bench.seed import PASSWORD, Scale, seed_database

# (part, file, function whose cumulative time it is), in request order. `_connection_for_bind`
# runs once a request: the first query takes a pooled connection and sends BEGIN.
PARTS = [
    ("request context and session cookie", "flask/ctx.py", "push"),
    ("before-request hooks (limiter, idle clock, NUL guard)", "flask/app.py", "preprocess_request"),
    ("user loader (one driver read, the User built from it)", "lms/security.py", "load_user"),
    ("taking a connection and BEGIN (first query)", "orm/session.py", "_connection_for_bind"),
    ("the view's own queries", None, None),
    ("time-on-task stamp", "lms/learning/ontask.py", "page_stamp"),
    (
        "template (lesson.html + base.html, CSRF tokens, url_for)",
        "flask/templating.py",
        "render_template",
    ),
    ("after-request hooks and session save", "flask/app.py", "process_response"),
    ("teardown (session close, rollback, connection back)", "flask/ctx.py", "pop"),
]


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench lesson-profile", description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> dict:
    args = options(argv or [])
    with instance_dir() as instance:
        env = env_for(instance)
        scale = Scale(trainees=20, supervisors=0, attempts=100, ce_records=0)
        learner = seed_database(env, scale, learners_wanted=1).learners[0]
        from lms import create_app

        client = signed_in_client(create_app(), learner.email, PASSWORD)
        lesson = f"/courses/{learner.in_progress[0][0]}/lessons/2"
        cpu = {path: _cpu_ms(client, path) for path in (lesson, "/healthz")}
        profile = cProfile.Profile(time.process_time)
        profile.runcall(lambda: [client.get(lesson) for _ in range(args.requests)])
    shares = _shares(pstats.Stats(profile), args.requests)
    return {
        "lesson_cpu_ms": cpu[lesson],
        "healthz_cpu_ms": cpu["/healthz"],
        "in_process_ratio": round(cpu["/healthz"] / cpu[lesson], 2),
        "profiled_ms_per_lesson": shares.pop("total"),
        "shares_percent": shares,
    }


def _cpu_ms(client, path: str, rounds: int = 7, per_round: int = 500) -> float:
    for _ in range(200):
        assert client.get(path).status_code == 200
    times = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(per_round):
            client.get(path)
        times.append((time.process_time() - start) / per_round * 1000)
    return round(statistics.median(times), 3)


def _cumulative(stats: pstats.Stats, file_part: str, name: str) -> float:
    """Seconds spent in `name` (in a file ending `file_part`) and below; where it nests in
    itself or in a namesake (RequestContext.pop calls AppContext.pop), the outermost."""
    found = [
        row[3]
        for (filename, _line, function), row in stats.stats.items()
        if function == name and filename.endswith(file_part)
    ]
    return max(found, default=0.0)


def _shares(stats: pstats.Stats, requests: int) -> dict:
    """Each part's percentage of the profiled request, and the profiled ms per request."""
    total = _cumulative(stats, "werkzeug/test.py", "run_wsgi_app")
    times = {part: _cumulative(stats, file, name) for part, file, name in PARTS if file}
    connection, stamp, template = PARTS[3][0], PARTS[5][0], PARTS[6][0]
    times[PARTS[2][0]] -= times[connection]  # the first query is the user loader's
    view = _cumulative(stats, "lms/learning/views.py", "lesson")
    times[PARTS[4][0]] = view - times[stamp] - times[template]
    times["Werkzeug, the test client, the rest"] = total - sum(times.values())
    shares = {part: round(100 * seconds / total, 1) for part, seconds in times.items()}
    return {**shares, "total": round(total / requests * 1000, 3)}
