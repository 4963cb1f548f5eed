"""The database: migrations match the models, SQLite is tuned, concurrent writes never fail."""

import os
import threading
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from lms import audit
from lms.db import writing
from lms.extensions import db
from lms.models import AuditEvent
from tests.helpers import app_on_a_copy_of_the_test_database


def test_migrations_match_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


@pytest.mark.skipif(
    "postgresql" in os.environ.get("LMS_SQLALCHEMY_DATABASE_URI", ""),
    reason="SQLite pragmas do not apply to PostgreSQL",
)
def test_sqlite_connections_use_wal_and_foreign_keys(app):
    with db.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA busy_timeout").scalar() == 10000
        assert pragma("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_concurrent_read_then_write_transactions_all_succeed(app):
    """Eight writers read, pause, then write at once: none fails with "database is locked"."""
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        with app.app_context(), writing():
            try:
                start.wait()
                seen = db.session.execute(db.select(db.func.count(AuditEvent.id))).scalar()
                time.sleep(0.01)
                audit.record("test.concurrent", seen=seen, n=n)
                db.session.commit()
            except BaseException as error:  # collected and reported below
                errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    events = db.session.execute(db.select(AuditEvent.detail)).scalars().all()
    assert sorted(e["n"] for e in events) == list(range(8))


@pytest.mark.skipif(
    "postgresql" in os.environ.get("LMS_SQLALCHEMY_DATABASE_URI", ""),
    reason="exercises SQLite's table-rebuilding batch migrations",
)
def test_upgrading_a_populated_database_keeps_every_record(tmp_path, create_course):
    """Later migrations rebuild tables that others reference; a live site's data survives."""
    from flask_migrate import downgrade, upgrade

    from lms.models import Course, CourseVersion, Lesson

    create_course(slug="kept-course", lessons=3)
    source = db.engine.url.database
    target = tmp_path / "copy.db"
    app = app_on_a_copy_of_the_test_database(target)
    with app.app_context():
        downgrade(revision="fde7b774ba9f")  # before the table rebuilds
        upgrade()
        assert db.session.execute(db.select(Course.slug)).scalars().all() == ["kept-course"]
        assert db.session.execute(db.select(db.func.count(Lesson.id))).scalar() == 3
        assert db.session.execute(db.select(db.func.count(CourseVersion.id))).scalar() == 1
        db.engine.dispose()
    assert source != str(target)


def test_a_driver_read_runs_in_the_request_transaction_and_is_counted(app, create_user):
    """A hot read sent straight to the driver sees what this transaction has written but not
    committed (it is the same transaction), names its columns, and the query counter sees it."""
    from sqlalchemy import bindparam, select

    from lms.db import DriverRead
    from lms.models import User
    from tests.helpers import counting_queries

    by_email = DriverRead(
        "Person", select(User.id, User.email).where(User.email == bindparam("email"))
    )
    person = create_user(email="before@example.org")
    person.email = "not-yet-committed@example.org"
    db.session.flush()
    with counting_queries() as statements:
        found = by_email.first(email="not-yet-committed@example.org")
        missing = by_email.first(email="before@example.org")
    assert (found.id, found.email) == (person.id, "not-yet-committed@example.org")
    assert missing is None
    assert len(statements) == 2
    db.session.rollback()
    assert by_email.first(email="not-yet-committed@example.org") is None
    assert by_email.first(email="before@example.org").id == person.id


def test_a_driver_read_converts_each_column_as_a_query_would(app, create_user):
    """SQLite hands dates and booleans to the driver as text and integers; a driver read gives
    back what an ORM query gives."""
    from datetime import datetime

    from sqlalchemy import bindparam, select

    from lms.db import DriverRead
    from lms.models import User

    person = create_user()
    columns = (User.created_at, User.active, User.locale)
    read = DriverRead("Joined", select(*columns).where(User.id == bindparam("id")))
    row = read.first(id=person.id)
    queried = db.session.execute(select(*columns).where(User.id == person.id)).one()
    assert tuple(row) == tuple(queried)
    assert isinstance(row.created_at, datetime) and row.active is True and row.locale is None


def test_the_signed_in_user_is_one_read_loaded_as_a_query_would_load_it(app, create_user):
    """The user loader's row becomes a User in the session with its roles, nothing pending, no
    further SQL; a change through it is saved like any other; a user the session already holds
    is that same instance."""
    from lms.models import User
    from lms.security import load_user
    from tests.helpers import counting_queries

    person = create_user(email="sam@example.org", roles=("supervisor", "admin"))
    token, person_id = person.session_token, person.id
    db.session.expunge_all()
    with counting_queries() as statements:
        user = load_user(token)
        assert (user.id, user.email, user.active) == (person_id, "sam@example.org", True)
        assert user.roles == {"trainee", "supervisor", "admin"}
        assert {row.user for row in user.role_rows} == {user}
        assert user.time_zone == "America/New_York" and user.created_at is not None
    assert len(statements) == 1
    assert user in db.session and not db.session.dirty and not db.session.new
    assert load_user(token) is user
    assert load_user("not-a-session-token") is None

    user.preferred_name = "Sam"
    db.session.commit()
    db.session.expunge_all()
    assert db.session.get(User, person_id).preferred_name == "Sam"


def test_a_signed_in_user_whose_roles_the_session_already_holds_keeps_those_roles(app, create_user):
    """As a query would: role rows already in the session are reused, not duplicated."""
    from sqlalchemy import select

    from lms.models import UserRole
    from lms.security import load_user

    person = create_user(roles=("trainer",))
    token = person.session_token
    db.session.expunge_all()
    held = db.session.execute(select(UserRole)).scalars().one()
    user = load_user(token)
    assert user.role_rows == [held] and user.roles == {"trainee", "trainer"}
    assert not db.session.dirty and not db.session.new
