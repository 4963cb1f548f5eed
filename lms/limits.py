"""Where rate limits are counted, and the start-up warning when they cannot hold.

With `memory://` storage each process keeps its own counters, so with 4 workers "5 failed
sign-ins per 15 minutes" becomes up to 20. Outside development, when more than one worker
serves the app (`WEB_CONCURRENCY`, which the repository's gunicorn.conf.py sets from gunicorn's
own worker count), every worker says so at start-up in the log, naming the setting to change.
It warns rather than refuses: a small site may accept per-worker limits, and a site that
cannot must set RATELIMIT_STORAGE_URI to Redis.
"""

import os

from flask import Flask

from lms.numbers import whole_number


def worker_count() -> int:
    """How many processes serve the app, as the server announced it (1 if it did not)."""
    return whole_number(os.environ.get("WEB_CONCURRENCY", "").strip()) or 1


def warn_if_counted_per_worker(app: Flask) -> None:
    """Log a warning when limits live in one process's memory but several processes serve."""
    storage = str(app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    workers = worker_count()
    if app.config["ENVIRONMENT"] == "development" or not storage.startswith("memory://"):
        return
    if workers > 1:
        app.logger.warning(
            "Rate limits are counted separately by each of the %d workers "
            "(RATELIMIT_STORAGE_URI is memory://): a limit of 5 tries lets through up to %d. "
            "Set LMS_RATELIMIT_STORAGE_URI to a Redis server (see docs/deploy.md).",
            workers,
            5 * workers,
        )
