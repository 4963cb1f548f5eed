"""gunicorn settings read from the working directory: only a hook that tells the app how many
workers serve it, so it can warn when rate limits are counted per worker (lms.limits)."""

import os


def on_starting(server):
    """Before the workers fork: each one inherits WEB_CONCURRENCY, the worker count."""
    os.environ["WEB_CONCURRENCY"] = str(server.cfg.workers)
