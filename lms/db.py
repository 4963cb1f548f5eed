"""Database behaviour in one place: SQLite pragmas and write transactions that begin IMMEDIATE.

Under WAL, a deferred SQLite transaction that reads and then writes fails with "database is
locked" when another writer got there first. Requests that change state (and CLI commands that
use `writing()`) therefore begin with BEGIN IMMEDIATE, which waits for the write lock up front
(busy_timeout) instead of failing half-way. Read-only requests, and POST views marked
`reads_only`, begin deferred and never block.
"""

from collections import namedtuple
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from flask import Flask, request
from sqlalchemy import Select, event, inspect
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

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
    """A read on a path served on every request, sent straight to the database driver in the
    request's own transaction.

    SQLAlchemy's execution path (its statement cache, execution context and result objects)
    costs about 0.1 ms a statement, twenty times what SQLite takes for an indexed read: more than
    the signed-in user and the lesson page could spare (docs/performance.md). The statement is
    still written with SQLAlchemy and compiled by it, once per dialect, and each column's value
    is converted by its own type as a query would (SQLite's dates come back as `datetime`, its
    booleans as `bool`); rows are named tuples. Pending changes are flushed first when the
    session autoflushes, as before any query. Listeners on `before_cursor_execute` still see the
    statement, so the tests that count queries or catch a write on a GET measure it like any
    other.
    """

    def __init__(self, name: str, statement: Select) -> None:
        self.statement = statement
        self.row = namedtuple(name, statement.selected_columns.keys(), rename=True)
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, dialect: Dialect) -> "_Compiled":
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = _Compiled(self.statement, dialect)
        return found

    def first(self, **params: Any) -> tuple | None:
        """The first row for `params` (every bound parameter by name), or None."""
        rows = self._run(params, many=False)
        return rows[0] if rows else None

    def all(self, **params: Any) -> list[tuple]:
        """Every row for `params`."""
        return self._run(params, many=True)

    def _run(self, params: dict[str, Any], many: bool) -> list[tuple]:
        if db.session.autoflush:
            db.session.flush()  # costs next to nothing when nothing is pending
        connection = db.session.connection()
        compiled = self._for(connection.dialect)
        values = compiled.parameters(params)
        cursor = connection.connection.driver_connection.cursor()
        try:
            for listener in connection.dispatch.before_cursor_execute:
                listener(connection, cursor, compiled.sql, values, None, False)
            cursor.execute(compiled.sql, values)
            found = cursor.fetchall() if many else cursor.fetchmany(1)
        finally:
            cursor.close()
        return [self.row(*compiled.converted(row)) for row in found]


class _Compiled:
    """A statement's SQL for one dialect, how it takes parameters and how its columns convert."""

    def __init__(self, statement: Select, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.order = tuple(compiled.positiontup) if compiled.positional else None
        self.binds = {
            name: processor
            for name, bind in compiled.binds.items()
            if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect))
        }
        self.columns = [
            (index, processor)
            for index, column in enumerate(statement.selected_columns)
            if (processor := column.type.dialect_impl(dialect).result_processor(dialect, None))
        ]

    def parameters(self, params: dict[str, Any]) -> tuple | dict:
        for name, processor in self.binds.items():
            params[name] = processor(params[name])
        return params if self.order is None else tuple(params[name] for name in self.order)

    def converted(self, row: Sequence) -> Sequence:
        if not self.columns:
            return row
        values = list(row)
        for index, processor in self.columns:
            values[index] = processor(values[index])
        return values


def mapped_columns(model: type) -> list:
    """A model's mapped columns, in the order `as_loaded` takes their values."""
    return [attribute.columns[0] for attribute in inspect(model).column_attrs]


def as_loaded(model: type, values: Sequence, **related: list[Sequence]) -> Any:
    """The `model` instance for a row read outside the ORM (`values` in `mapped_columns` order),
    in the session as if a query had loaded it: no SQL, nothing pending. `related` names a
    relationship and the rows of its instances (in their model's `mapped_columns` order), loaded
    with it. A row the session already holds is its instance, as a query would return it."""
    instance, held = _instance(model, values)
    if held:
        return instance
    make_transient_to_detached(instance)
    for name, rows in related.items():
        target = inspect(model).relationships[name].mapper.class_
        children = []
        for row in rows:
            child, child_held = _instance(target, row)
            if not child_held:
                make_transient_to_detached(child)
            children.append(child)
        set_committed_value(instance, name, children)  # loaded, as a query's eager load would
    db.session.add(instance)
    return instance


@lru_cache
def _layout(model: type) -> tuple[Any, tuple[str, ...], tuple[int, ...]]:
    """A model's mapper, its column attributes' keys and where its primary key sits among them."""
    mapper = inspect(model)
    keys = tuple(attribute.key for attribute in mapper.column_attrs)
    primary = tuple(keys.index(mapper.get_property_by_column(c).key) for c in mapper.primary_key)
    return mapper, keys, primary


def _instance(model: type, values: Sequence) -> tuple[Any, bool]:
    """The session's instance for this row (True), or a new transient one holding it (False)."""
    mapper, keys, primary = _layout(model)
    identity = mapper.identity_key_from_primary_key([values[index] for index in primary])
    held = db.session.identity_map.get(identity)
    if held is not None:
        return held, True
    return model(**dict(zip(keys, values, strict=True))), False


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
