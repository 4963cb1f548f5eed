"""Shared fixtures: an app on a real database (SQLite by default, PostgreSQL when
LMS_SQLALCHEMY_DATABASE_URI says so), a client that sends CSRF tokens the way a browser does,
an `auth` helper that signs in through the real form, factory fixtures and a finished course.
Plain helpers live in tests/helpers.py; a conftest is never imported."""

import dataclasses
import os
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
from lms.models import Certificate
from tests.helpers import (
    DEFAULT_PASSWORD,
    AuthActions,
    BrowserLikeClient,
    empty_tables,
    make_question,
)
from tests.journeys import answer_all, read_all_lessons, start_attempt

# Property tests run the same examples every time (a CI run never fails by chance) with no
# per-example deadline (a loaded machine is not a bug). HYPOTHESIS_PROFILE=explore searches
# fresh random examples instead.
settings.register_profile("repeatable", derandomize=True, deadline=None, database=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# Commands print in the operator's language (lms.i18n.operator_locale): the suite runs as an
# English-speaking operator whatever the machine's locale; Spanish tests set LANG themselves.
for _variable in ("LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"


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
            # Journeys complete courses in a blink; the time-on-task rule has its own tests
            # (tests/test_time_on_task.py), which set MIN_TIME_ON_TASK_SHARE themselves.
            "MIN_TIME_ON_TASK_SHARE": 0,
        }
    )
    app.instance_path = str(tmp_path / "instance")
    with app.app_context():
        limiter.reset()
        yield app
        empty_tables()
        db.session.remove()
        db.engine.dispose()


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


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def outbox(app) -> Path:
    return Path(app.instance_path) / "outbox"


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
        lesson_words=0,
        version_label=None,
        language="en",
        translation=None,
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
            language=language,
            translation=translation,
            content_hash=uuid.uuid4().hex * 2,
            lessons=[
                LessonContent(
                    f"{n:02d}-lesson", f"Lesson {n}", f"<p>Text of lesson {n}.</p>", lesson_words
                )
                for n in range(1, lessons + 1)
            ],
        )
        with writing():
            course = db.session.execute(
                db.select(Course).where(Course.slug == slug)
            ).scalar_one_or_none()
            # Each edition its own label, as publishing requires: 1.0, 2.0, ...
            edition = len(course.versions) + 1 if course is not None else 1
            content = dataclasses.replace(content, version_label=version_label or f"{edition}.0")
            version = store_version(course, content, source="disk")
            db.session.commit()
        return version

    return make


@pytest.fixture
def completed(app, client, create_user, create_course):
    """A trainee (signed in on `client`) who completed a 1.5-hour ethics course through the
    real forms; returns (user, certificate, attempt id)."""
    user = create_user(email="maria@example.org", legal_name="Maria Elena Santos")
    AuthActions(client).signin(user.email)
    client.submit(
        "/account",
        {"rule_set": "", "name": "IC&RC Peer Recovery", "number": "PR-2041"},
        action="/account/credentials",
    )
    version = create_course(
        title="Ethics and Boundaries",
        lessons=1,
        ce_minutes=90,
        topics=("ethics", "confidentiality"),
    )
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    read_all_lessons(client, "ethics-basics", 1)
    attempt_id = start_attempt(client, "ethics-basics")
    answer_all(client, attempt_id, right=True, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    return user, db.session.execute(db.select(Certificate)).scalar_one(), attempt_id


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
