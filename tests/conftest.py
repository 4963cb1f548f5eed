"""Shared fixtures: an app on a real database (SQLite by default, PostgreSQL when
LMS_SQLALCHEMY_DATABASE_URI says so), a client that sends CSRF tokens the way a browser does,
an `auth` helper that signs in through the real form, and factory fixtures."""

import contextvars
import os
import re
import threading
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from hypothesis import settings
from werkzeug.serving import make_server

from lms import create_app
from lms.auth import accounts
from lms.db import writing
from lms.extensions import db, limiter

# Property tests run the same examples every time (a CI run never fails by chance) with no
# per-example deadline (a loaded machine is not a bug). HYPOTHESIS_PROFILE=explore searches
# fresh random examples instead.
settings.register_profile("repeatable", derandomize=True, deadline=None, database=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

DEFAULT_PASSWORD = "a long test passphrase"
CSRF_INPUT = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"|'
    r'name="csrf_token" value="([^"]+)"'
)


def database_uri(tmp_path_factory) -> str:
    uri = os.environ.get("LMS_SQLALCHEMY_DATABASE_URI")
    if uri:
        return uri
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def database(tmp_path_factory):
    """Build the schema once per run, from the migrations, on an empty database."""
    uri = database_uri(tmp_path_factory)
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": uri,
            "SECRET_KEY": "test-secret-key-not-for-production",
        }
    )
    with app.app_context():
        _drop_everything()
        upgrade()
        db.engine.dispose()
    return uri


def _drop_everything() -> None:
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        else:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            for table in sa.inspect(connection).get_table_names():
                connection.exec_driver_sql(f'DROP TABLE "{table}"')


def _empty_tables() -> None:
    db.session.remove()
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
            )
        return
    # SQLite ignores the foreign_keys pragma inside a transaction: use the driver directly
    # (autocommit, as the connect listener sets it up).
    raw = db.engine.raw_connection()
    try:
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("BEGIN")
        for table in tables:
            raw.execute(f'DELETE FROM "{table}"')
        raw.execute("COMMIT")
        raw.execute("PRAGMA foreign_keys=ON")
    finally:
        raw.close()


@pytest.fixture
def app(database, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "ENVIRONMENT": "development",
            "SERVER_NAME": "localhost",
            "PUBLIC_URL": "http://localhost",
        }
    )
    app.instance_path = str(tmp_path / "instance")
    with app.app_context():
        limiter.reset()
        yield app
        _empty_tables()
        db.session.remove()
        db.engine.dispose()


class BrowserLikeClient:
    """Wraps the test client: reads the CSRF token from a page's form, as a browser would.

    Each request runs in a fresh context, as in a real server: it gets its own app context,
    `g` and database session, not the ones the test body holds. The test's own session ends
    its transaction around every request, so what it reads afterwards is what was committed.
    """

    def __init__(self, client):
        self.client = client

    def __getattr__(self, name):
        return getattr(self.client, name)

    def _request(self, method: str, *args, **kwargs):
        db.session.rollback()
        response = contextvars.Context().run(getattr(self.client, method), *args, **kwargs)
        db.session.rollback()
        return response

    def get(self, *args, **kwargs):
        return self._request("get", *args, **kwargs)

    def post(self, *args, **kwargs):
        return self._request("post", *args, **kwargs)

    def open(self, *args, **kwargs):
        return self._request("open", *args, **kwargs)

    def csrf_token(self, path: str) -> str:
        html = self.get(path).get_data(as_text=True)
        match = CSRF_INPUT.search(html)
        assert match, f"no CSRF token in the form at {path}"
        return next(group for group in match.groups() if group)

    def submit(self, form_path: str, data: dict, action: str | None = None, **kwargs):
        """GET the page holding the form, then POST the form with its token."""
        data = {"csrf_token": self.csrf_token(form_path), **data}
        return self.post(action or form_path, data=data, **kwargs)


@pytest.fixture
def client(app):
    return BrowserLikeClient(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def create_user(app):
    """Factory: create_user(email=..., roles=(...), password=..., legal_name=...)."""
    counter = iter(range(1, 10_000))

    def make(email=None, roles=(), password=DEFAULT_PASSWORD, legal_name="Jordan Lee"):
        email = email or f"person{next(counter)}@example.org"
        with writing():
            user = accounts.create_user(email, password, legal_name, roles=tuple(roles))
            db.session.commit()
        return user

    return make


class AuthActions:
    def __init__(self, client):
        self.client = client

    def signin(self, email, password=DEFAULT_PASSWORD, follow_redirects=False):
        return self.client.submit(
            "/signin", {"email": email, "password": password}, follow_redirects=follow_redirects
        )

    def signout(self):
        return self.client.submit("/dashboard", {}, action="/signout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def outbox(app) -> Path:
    return Path(app.instance_path) / "outbox"


def make_question(qid: str, correct: str = "a", kind: str = "single") -> dict:
    """A quiz question as stored in a course version (options a, b, c; `correct` is right)."""
    options = [
        {
            "id": oid,
            "text": f"Option {oid.upper()} of {qid}",
            "correct": oid in correct,
            "feedback": f"Feedback for {oid}",
        }
        for oid in "abc"
    ]
    return {
        "id": qid,
        "kind": kind,
        "title": f"Question {qid}",
        "prompt": "",
        "prompt_html": "",
        "options": options,
        "accepted_answers": [],
        "pairs": [],
        "explanation": f"Why {qid}.",
    }


@pytest.fixture
def create_course(app):
    """Factory: a live course version, stored exactly as the loader stores one."""
    from lms.content.loader import LessonContent, VersionContent, store_version
    from lms.models import Course

    def make(
        slug="ethics-basics",
        title="Ethics Basics",
        lessons=2,
        questions=None,
        ce_minutes=60,
        topics=("ethics",),
        evaluation=False,
        domain_minutes=None,
        **quiz,
    ):
        questions = questions or [make_question(f"q{n}") for n in range(1, 5)]
        quiz_data = {
            "title": "Check your understanding",
            "pass_mark": 75,
            "questions_per_attempt": 0,
            "shuffle": False,
            "attempts_allowed": 0,
            "reveal": "after_each_attempt",
            "partial_credit": False,
            "questions": questions,
            **quiz,
        }
        content = VersionContent(
            slug=slug,
            title=title,
            ce_minutes=ce_minutes,
            topics=list(topics),
            quiz=quiz_data,
            evaluation=evaluation,
            domain_minutes=dict(domain_minutes or {}),
            icrc_domains=list(domain_minutes or {}),
            summary=f"About {title}.",
            content_hash=uuid.uuid4().hex * 2,
            lessons=[
                LessonContent(f"{n:02d}-lesson", f"Lesson {n}", f"<p>Text of lesson {n}.</p>")
                for n in range(1, lessons + 1)
            ],
        )
        with writing():
            course = db.session.execute(
                db.select(Course).where(Course.slug == slug)
            ).scalar_one_or_none()
            version = store_version(course, content, source="disk")
            db.session.commit()
        return version

    return make


@pytest.fixture
def live_server(app):
    """Serve the test app on 127.0.0.1 in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["SERVER_NAME"] = None
    app.config["PUBLIC_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app.config["PUBLIC_URL"]
    server.shutdown()
    thread.join(timeout=5)
