"""Files the app creates once in its instance folder (the secret key, the badge key), and
where the files every app server shares live (SHARED_STORAGE_PATH)."""

import contextlib
import os
import tempfile
from pathlib import Path

from flask import current_app

# What lives in shared storage rather than in each server's own instance folder.
SHARED_ITEMS = ("evidence", "badge_signing_key.pem", "imports")


def shared_storage() -> Path:
    """The folder every app server sees alike: SHARED_STORAGE_PATH, else the instance folder."""
    return Path(current_app.config["SHARED_STORAGE_PATH"] or current_app.instance_path)


def home_of(item: str) -> Path:
    """The folder holding an instance item: shared storage for SHARED_ITEMS, else instance/."""
    return shared_storage() if item in SHARED_ITEMS else Path(current_app.instance_path)


def create_once(path: Path, content: bytes) -> bytes:
    """The file's content, writing `content` (mode 600) if the file does not exist yet.

    Several workers may start at once: the content goes to a temporary file that is then
    linked into place, so no one ever reads a half-written file, and the first link wins."""
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp creates it with mode 600
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another worker got there first: use its file
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return path.read_bytes()


def write_private(path: Path, content: bytes) -> None:
    """Write a new file only its owner can read (600), in a folder only its owner can open (700).

    Files in the instance folder hold reset links, evidence and keys: other accounts on the
    server have no business reading them, whatever the process's umask."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


def private_dir(path: Path) -> Path:
    """Create `path` (and its parents) if needed, and make it 700."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def replace_private(path: Path, content: bytes) -> None:
    """Write `content` to `path` (600), replacing any file there in one step."""
    private_dir(path.parent)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:  # mkstemp creates it with mode 600
        handle.write(content)
    os.replace(temporary, path)
