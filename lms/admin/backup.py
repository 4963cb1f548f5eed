"""`flask --app lms backup create PATH` and `backup restore PATH`.

A backup is a folder: the database (SQLite: a copy made with SQLite's online backup API;
PostgreSQL: a `pg_dump --format=custom` archive), the instance files that matter, and
manifest.json with every table's row count and every file's SHA-256. Both commands are safe to
run while the site is serving requests. See docs/operations.md.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import click
import sqlalchemy as sa

from lms.cli_help import AppGroup
from lms.extensions import db
from lms.i18n import _
from lms.instance_files import home_of, private_dir, replace_private

backup_cli = AppGroup("backup", help="Snapshot the site, or restore a snapshot into an empty one.")

# What under instance/ cannot be rebuilt: uploaded evidence, the keys that sign sessions and
# badges, and the organisation's own credential rule sets. (Certificate PDFs are in the database.)
INSTANCE_ITEMS = ("evidence", "credentials", "secret_key", "badge_signing_key.pem")
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
MANIFEST = "manifest.json"


class BackupError(click.ClickException):
    """A backup or restore that cannot go ahead; the message says what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@backup_cli.command("create")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
def create_command(path: Path) -> None:
    """Write a consistent snapshot of the database and instance files into the folder PATH."""
    if path.exists() and any(path.iterdir()):
        raise BackupError(
            _("%(path)s is not empty. Choose a new folder for each backup.", path=path)
        )
    private_dir(path)  # a backup holds every account and evidence file
    manifest = create_backup(path)
    rows = sum(manifest["tables"].values())
    click.echo(
        _(
            "Backed up %(tables)d tables (%(rows)d rows) and %(files)d files to %(path)s.",
            tables=len(manifest["tables"]),
            rows=rows,
            files=len(manifest["files"]),
            path=path,
        )
    )


def create_backup(target: Path) -> dict:
    """Snapshot the database, then copy instance files (files are never deleted, so every file
    the snapshot refers to is already on disk when it is copied)."""
    engine = db.engine
    if engine.dialect.name == "sqlite":
        tables = _sqlite_snapshot(Path(engine.url.database), target / SQLITE_FILE)
    elif engine.dialect.name == "postgresql":
        tables = _pg_snapshot(engine, target / PG_FILE)
    else:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(name)s.", name=engine.dialect.name)
        )
    for name in INSTANCE_ITEMS:
        source = home_of(name) / name
        if source.is_dir():
            shutil.copytree(source, target / "instance" / name)
        elif source.is_file():
            (target / "instance").mkdir(exist_ok=True)
            shutil.copy2(source, target / "instance" / name)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dialect": engine.dialect.name,
        "tables": tables,
        "files": {name: digest for name, digest in _files_under(target).items()},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _sqlite_snapshot(source: Path, destination: Path) -> dict[str, int]:
    """Copy a live SQLite database as of one moment (the backup API restarts if a writer
    changes it mid-copy), as a single self-contained file, then count its rows."""
    live, copy = sqlite3.connect(source), sqlite3.connect(destination)
    try:
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        return _sqlite_counts(copy)
    finally:
        copy.close()
        live.close()


def _sqlite_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in sorted(names)
    }


def _libpq_arguments(engine: sa.Engine) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore, with the password in the environment
    (never on the command line, where other users could read it)."""
    url = engine.url
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return ["--dbname", plain.render_as_string(hide_password=False)], environment


def _pg_snapshot(engine: sa.Engine, destination: Path) -> dict[str, int]:
    """pg_dump --format=custom inside an exported snapshot, so the counts match the dump."""
    arguments, environment = _libpq_arguments(engine)
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
            tables = _counts(connection)
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(destination)]
                + arguments,
                environment,
            )
    return tables


def _counts(connection: sa.Connection) -> dict[str, int]:
    names = sa.inspect(connection).get_table_names()
    return {
        name: connection.execute(
            sa.select(sa.func.count()).select_from(sa.table(name))
        ).scalar_one()
        for name in sorted(names)
    }


def _run(command: list[str], environment: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(
            _(
                "%(program)s is not installed. Install the PostgreSQL client tools "
                "(the same major version as the server) and try again.",
                program=command[0],
            )
        ) from error
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s", program=command[0], error=result.stderr.strip())
        )


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore_command(path: Path) -> None:
    """Restore the backup in folder PATH into this instance, whose database must be empty."""
    manifest = check_backup(path)
    restore_backup(path, manifest)
    click.echo(
        _(
            "Restored %(tables)d tables (%(rows)d rows) from the backup made %(made)s.",
            tables=len(manifest["tables"]),
            rows=sum(manifest["tables"].values()),
            made=manifest["created_at"],
        )
    )


def check_backup(path: Path) -> dict:
    """Read the manifest and check every file against its SHA-256 before touching anything."""
    try:
        manifest = json.loads((path / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(
            _(
                "%(path)s has no readable %(manifest)s; is it a Peerpath backup?",
                path=path,
                manifest=MANIFEST,
            )
        ) from error
    for name, digest in manifest["files"].items():
        if name not in (SQLITE_FILE, PG_FILE) and _instance_part(name) is None:
            raise BackupError(
                _(
                    "%(manifest)s lists %(name)s, which a Peerpath backup never holds; "
                    "do not use this backup.",
                    manifest=path / MANIFEST,
                    name=name,
                )
            )
        file = path / name
        if not file.is_file() or sha256_of(file) != digest:
            raise BackupError(
                _("%(file)s is missing or changed since the backup; do not use it.", file=file)
            )
    if manifest["dialect"] != db.engine.dialect.name:
        raise BackupError(
            _(
                "This backup is of a %(backup)s database; this instance uses %(here)s. Restore it "
                "into a %(backup)s instance.",
                backup=manifest["dialect"],
                here=db.engine.dialect.name,
            )
        )
    return manifest


def restore_backup(path: Path, manifest: dict) -> None:
    _refuse_unless_empty()
    evidence = home_of("evidence") / "evidence"
    if evidence.is_dir() and any(evidence.iterdir()):
        raise BackupError(
            _("%(folder)s already holds files. Restore into an empty instance.", folder=evidence)
        )
    db.session.remove()
    db.engine.dispose()
    if manifest["dialect"] == "sqlite":
        _sqlite_restore(path / SQLITE_FILE, Path(db.engine.url.database))
    else:
        arguments, environment = _libpq_arguments(db.engine)
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
            + arguments
            + [str(path / PG_FILE)],
            environment,
        )
    for name in manifest["files"]:
        part = _instance_part(name)
        if part is not None:  # only files the manifest lists and check_backup checked
            replace_private(home_of(part[0]).joinpath(*part), (path / name).read_bytes())
    with db.engine.connect() as connection:
        restored = _counts(connection)
    if restored != manifest["tables"]:
        raise BackupError(_("The restored row counts differ from the manifest. Check the logs."))


def _instance_part(name: str) -> tuple[str, ...] | None:
    """The path inside instance/ of a backed-up file, or None for anything else: files outside
    INSTANCE_ITEMS (such as a config.py, which would run as code) are never restored."""
    parts = PurePosixPath(name).parts
    if len(parts) < 2 or parts[0] != "instance" or parts[1] not in INSTANCE_ITEMS:
        return None
    if any(part == ".." or "\\" in part for part in parts):
        return None
    return parts[1:]


def _refuse_unless_empty() -> None:
    with db.engine.connect() as connection:
        counts = _counts(connection)
    filled = sorted(name for name, rows in counts.items() if rows and name != "alembic_version")
    if filled:
        raise BackupError(
            _(
                "This database already holds data (in %(tables)s). Restore only into an empty "
                "database: point LMS_SQLALCHEMY_DATABASE_URI at a new one and try again.",
                tables=", ".join(filled[:5]),
            )
        )


def _sqlite_restore(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    backup, live = sqlite3.connect(source), sqlite3.connect(destination)
    try:
        backup.backup(live)
    finally:
        live.close()
        backup.close()
