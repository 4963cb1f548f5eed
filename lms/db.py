"""Database behaviour in one place: SQLite pragmas and write transactions that begin IMMEDIATE.

Under WAL, a deferred SQLite transaction that reads and then writes fails with "database is
locked" when another writer got there first. Requests that change state (and CLI commands that
use `writing()`) therefore begin with BEGIN IMMEDIATE, which waits for the write lock up front
(busy_timeout) instead of failing half-way. Read-only requests, and POST views marked
`reads_only`, begin deferred and never block.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

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
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")
