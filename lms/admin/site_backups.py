"""Backups an administrator makes and downloads from the admin pages.

Each is the same folder `flask --app lms backup create` writes (lms.admin.backup makes it:
one rule, one place), kept under instance/backups/ with a name that is its UTC time; a download
is that folder as a zip, which `backup restore` takes once unzipped. instance/backups/ is not
itself backed up (lms.admin.backup.INSTANCE_ITEMS), so backups never nest.
"""

import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app

from lms.admin.backup import MANIFEST, check_backup, create_backup
from lms.instance_files import private_dir

FOLDER = "backups"
NAME = re.compile(r"^\d{8}T\d{6}Z$")  # the only names this page makes, or serves


@dataclass(frozen=True)
class SiteBackup:
    name: str
    created_at: datetime
    tables: int
    rows: int
    files: int


def backups_dir() -> Path:
    return Path(current_app.instance_path) / FOLDER


def make_backup(now: datetime | None = None) -> SiteBackup:
    """Snapshot the site into a new folder under instance/backups/ and describe it."""
    name = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir() / name
    if target.exists():
        raise FileExistsError("A backup was made this very second. Wait a moment and try again.")
    private_dir(target)
    return _described(name, create_backup(target))


def list_backups() -> list[SiteBackup]:
    """Every backup made here, newest first (folders without a readable manifest are skipped)."""
    found = []
    root = backups_dir()
    for folder in sorted(root.iterdir(), reverse=True) if root.is_dir() else ():
        if NAME.match(folder.name) and (folder / MANIFEST).is_file():
            found.append(_described(folder.name, json.loads((folder / MANIFEST).read_text())))
    return found


def backup_zip(name: str) -> bytes | None:
    """The backup `name` as a zip holding its folder, checked file by file against its manifest
    first; None when there is no such backup."""
    folder = backups_dir() / name
    if not NAME.match(name) or not (folder / MANIFEST).is_file():
        return None
    check_backup(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{name}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


def _described(name: str, manifest: dict) -> SiteBackup:
    created = datetime.strptime(name, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    tables = manifest["tables"]
    return SiteBackup(name, created, len(tables), sum(tables.values()), len(manifest["files"]))
