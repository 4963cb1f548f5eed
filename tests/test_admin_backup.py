"""Backups: `backup create` snapshots a running site (database, evidence, keys) with a manifest;
`backup restore` rebuilds it in an empty instance, row for row and byte for byte, and refuses
to overwrite a database that holds data."""

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from lms import create_app
from lms.certificates import badges
from lms.extensions import db
from tests.helpers import invoke_ok
from tests.journeys import log_outside_ce


def every_row(engine: sa.Engine) -> dict[str, list]:
    """Every table's rows (reflected from the database itself, so no table is missed)."""
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(table.select())), key=repr)
            for name, table in metadata.tables.items()
        }


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def populated(app, client, completed):
    """Users, a course, an internal CE record with its certificate, outside CE with evidence,
    the badge signing key and an organisation rule set."""
    log_outside_ce(client)
    badges.signing_key(app.instance_path)
    rules = Path(app.instance_path) / "credentials"
    rules.mkdir(parents=True, exist_ok=True)
    (rules / "local.yaml").write_text("key: local\n")
    return app


sqlite_only = pytest.mark.skipif(
    "postgresql" in os.environ.get("LMS_SQLALCHEMY_DATABASE_URI", ""),
    reason="the PostgreSQL round trip needs a second empty database (see docs/operations.md)",
)


@sqlite_only
def test_a_backup_restores_every_row_and_file_into_an_empty_instance(populated, tmp_path):
    backup = tmp_path / "backup-1"
    result = populated.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["tables"]["certificates"] == 1 and manifest["tables"]["evidence"] == 1
    assert any(name.startswith("instance/evidence/") for name in manifest["files"])

    fresh = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'restored.db'}",
            "SECRET_KEY": "test-secret-key-not-for-production",
        }
    )
    fresh.instance_path = str(tmp_path / "fresh-instance")
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
        assert result.exit_code == 0, result.output
        restored_engine = db.engine
        restored = every_row(restored_engine)
        restored_engine.dispose()
    original = every_row(db.engine)
    assert restored == original
    for table in ("users", "course_versions", "ce_records", "certificates", "evidence"):
        assert original[table], f"{table} should hold rows for this test to mean anything"
    assert files_under(Path(fresh.instance_path)) == {
        name: data
        for name, data in files_under(Path(populated.instance_path)).items()
        if name.split("/")[0] in ("evidence", "credentials", "badge_signing_key.pem")
    }


@sqlite_only
def test_restore_refuses_a_database_that_holds_data(populated, tmp_path):
    backup = tmp_path / "backup-2"
    runner = populated.test_cli_runner()
    invoke_ok(runner, ["backup", "create", str(backup)])
    before = every_row(db.engine)
    result = runner.invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code != 0
    assert "already holds data" in result.output and "empty database" in result.output
    assert every_row(db.engine) == before


def test_create_refuses_a_folder_that_is_not_empty(app, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    result = app.test_cli_runner().invoke(args=["backup", "create", str(tmp_path / "old")])
    assert result.exit_code != 0 and "not empty" in result.output


@sqlite_only
def test_a_tampered_backup_is_refused_before_anything_changes(populated, tmp_path):
    backup = tmp_path / "backup-3"
    invoke_ok(populated.test_cli_runner(), ["backup", "create", str(backup)])
    evidence = next((backup / "instance" / "evidence").iterdir())
    evidence.write_bytes(b"%PDF-changed")
    fresh = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'other.db'}",
            "SECRET_KEY": "test-secret-key-not-for-production",
        }
    )
    fresh.instance_path = str(tmp_path / "other-instance")
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
        db.engine.dispose()
    assert result.exit_code != 0 and "changed since the backup" in result.output
    assert not (tmp_path / "other-instance").exists()


@sqlite_only
def test_a_backup_taken_mid_write_holds_only_committed_rows(populated, tmp_path):
    committed = db.session.execute(sa.text("SELECT count(*) FROM audit_events")).scalar_one()
    db.session.rollback()
    writer = sqlite3.connect(db.engine.url.database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO audit_events (at, action, subject_type, subject_id, ip, detail)"
            " VALUES ('2026-01-01', 'half.done', '', '', '', '{}')"
        )
        result = populated.test_cli_runner().invoke(
            args=["backup", "create", str(tmp_path / "mid")]
        )
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "mid" / "manifest.json").read_text())
    assert manifest["tables"]["audit_events"] == committed


def _fresh_instance(tmp_path, name):
    fresh = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / (name + '.db')}",
            "SECRET_KEY": "test-secret-key-not-for-production",
        }
    )
    fresh.instance_path = str(tmp_path / name)
    return fresh


@sqlite_only
def test_restore_refuses_a_backup_whose_manifest_lists_code(populated, tmp_path):
    """A config.py in instance/ runs as code at start-up: a backup can never bring one, even
    with its checksum in the manifest."""
    backup = tmp_path / "backup-code"
    assert populated.test_cli_runner().invoke(args=["backup", "create", str(backup)]).exit_code == 0
    planted = backup / "instance" / "config.py"
    planted.write_text("import os; os.system('touch /tmp/owned')\n")
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"]["instance/config.py"] = hashlib.sha256(planted.read_bytes()).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest))
    fresh = _fresh_instance(tmp_path, "code-instance")
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
        db.engine.dispose()
    assert result.exit_code != 0
    assert "instance/config.py, which a Peerpath backup never holds" in result.output
    assert not (tmp_path / "code-instance" / "config.py").exists()


@sqlite_only
def test_restore_copies_only_the_files_its_manifest_lists(populated, tmp_path):
    backup = tmp_path / "backup-extra"
    assert populated.test_cli_runner().invoke(args=["backup", "create", str(backup)]).exit_code == 0
    (backup / "instance" / "config.py").write_text("DEBUG = True\n")
    (backup / "instance" / "evidence" / "unlisted.pdf").write_bytes(b"%PDF-unlisted")
    fresh = _fresh_instance(tmp_path, "clean-instance")
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
        db.engine.dispose()
    assert result.exit_code == 0, result.output
    restored = files_under(tmp_path / "clean-instance")
    assert "config.py" not in restored
    assert "evidence/unlisted.pdf" not in restored
    assert any(name.startswith("evidence/") for name in restored)
