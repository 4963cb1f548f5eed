"""Database behaviour in one place: SQLite pragmas and write transactions that begin IMMEDIATE.

Under WAL, a deferred SQLite transaction that reads and then writes fails with "database is
locked" when another writer got there first. Requests that change state (and CLI commands that
use `writing()`) therefore begin with BEGIN IMMEDIATE, which waits for the write lock up front
(busy_timeout) instead of failing half-way. Read-only requests, and POST views marked
`reads_only`, begin deferred and never block.
"""

from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from flask import Flask, request
from sqlalchemy import Integer, Select, String, event
from sqlalchemy.engine import Dialect, Engine

from lms.extensions import db

_write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@contextmanager
def writing() -> Iterator[None]:
    """Run the enclosed database work in transactions that take the write lock first."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


@contextmanager
def reading() -> Iterator[None]:
    """Run the enclosed database work in a plain (deferred) transaction even in a write
    request: for reads that come before slow work, so the write lock is not held during it.
    End the transaction (commit) before leaving, or the writes after it would not take the
    lock first."""
    token = _write_intent.set(False)
    try:
        yield
    finally:
        _write_intent.reset(token)


class DriverRead:
    """A read on a page served on every request, sent straight to the database driver in the
    request's own transaction.

    SQLAlchemy's execution path (its statement cache, execution context and result objects)
    costs about 0.1 ms a statement: twenty times what SQLite takes for an indexed read, and
    what the lesson page could not spare (docs/performance.md). The statement is still written
    with SQLAlchemy and compiled by it, once per dialect. Its columns must be integers or text,
    which no dialect converts (checked here, when it is made); rows come back as named tuples.
    Listeners on `before_cursor_execute` still see the statement, so the tests that count
    queries or catch a write on a GET measure it like any other.
    """

    def __init__(self, name: str, statement: Select) -> None:
        if not all(isinstance(col.type, Integer | String) for col in statement.selected_columns):
            raise TypeError(f"{name}: a driver read selects only integer and text columns")
        self.statement = statement
        self.row = namedtuple(name, statement.selected_columns.keys())
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None]] = {}

    def _sql(self, dialect: Dialect) -> tuple[str, tuple[str, ...] | None]:
        """The SQL for `dialect`, and the parameters' order when it takes them by position."""
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            order = tuple(compiled.positiontup) if compiled.positional else None
            found = self._compiled[dialect.name] = (compiled.string, order)
        return found

    def first(self, **params: Any) -> tuple | None:
        """The first row for `params` (every bound parameter by name), or None."""
        connection = db.session.connection()
        sql, order = self._sql(connection.dialect)
        values = params if order is None else tuple(params[name] for name in order)
        cursor = connection.connection.driver_connection.cursor()
        try:
            for listener in connection.dispatch.before_cursor_execute:
                listener(connection, cursor, sql, values, None, False)
            cursor.execute(sql, values)
            row = cursor.fetchone()
        finally:
            cursor.close()
        return None if row is None else self.row(*row)


def reads_only(view):
    """Mark a POST view that changes nothing (a preview): its transactions begin plain, so
    however long it runs it never holds the write lock others wait for."""
    view.reads_only = True
    return view


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)

    @app.before_request
    def mark_write_requests() -> None:
        if request.method in SAFE_METHODS:
            return
        if getattr(app.view_functions.get(request.endpoint), "reads_only", False):
            return
        request.environ["lms.write_token"] = _write_intent.set(True)

    @app.teardown_request
    def clear_write_intent(_exc: BaseException | None) -> None:
        token = request.environ.pop("lms.write_token", None)
        if token is not None:
            _write_intent.reset(token)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection, _record) -> None:
        # Take transaction control away from the driver so "begin" below decides how to begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "busy_timeout=10000",
            "foreign_keys=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection) -> None:
        # Straight to the driver: this runs for every request that reads, and SQLAlchemy's
        # execution path costs more than the BEGIN itself.
        connection.connection.driver_connection.execute(
            "BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN"
        )
