"""Package sources: every way a course arrives becomes one mapping of POSIX path → bytes.

A folder on disk, an uploaded zip and a draft edited in the browser all turn into a
`PackageSource`, so the parser has one input type. Problems met while reading (an unsafe path
in a zip, a zip bomb) are kept on the source as findings rather than raised.
"""

import hashlib
import io
import os
import posixpath
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from lms.findings import Finding

MAX_ZIP_BYTES = 20 * 1024 * 1024
MAX_ZIP_FILES = 1000
_IGNORED_PARTS = ("__MACOSX", "Thumbs.db")


class PackageSource(Mapping[str, bytes]):
    """Files of one course package, by relative POSIX path.

    `name` is the folder name when known (the slug must match it); `findings` are problems met
    while reading.
    """

    def __init__(
        self,
        files: Mapping[str, bytes],
        *,
        name: str | None = None,
        findings: tuple[Finding, ...] = (),
    ):
        self._files = dict(files)
        self.name = name
        self.findings = tuple(findings)

    def __getitem__(self, path: str) -> bytes:
        return self._files[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __repr__(self) -> str:
        return f"PackageSource({sorted(self._files)!r}, name={self.name!r})"


def clean_path(raw: str) -> str | None:
    """The normalised relative POSIX form of `raw`, or None when it is unsafe or hidden.

    Absolute paths, drive letters, backslashes and `..` are unsafe; names starting with a dot
    (.git, .DS_Store) and macOS resource folders are skipped.
    """
    if not raw or "\\" in raw or "\x00" in raw or raw.startswith("/") or ":" in raw:
        return None
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    if any(p.startswith(".") or p in _IGNORED_PARTS for p in parts):
        return None
    return posixpath.join(*parts)


def _is_hidden(raw: str) -> bool:
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    return any(p.startswith(".") or p in _IGNORED_PARTS for p in parts) and ".." not in parts


def read_folder(folder: str | Path) -> PackageSource:
    """Read every file under `folder`, skipping hidden files and never following links."""
    root = Path(folder)
    files: dict[str, bytes] = {}
    findings: list[Finding] = []
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if clean_path(d) is not None)
        for filename in sorted(filenames):
            path = Path(directory, filename)
            relative = path.relative_to(root).as_posix()
            if clean_path(relative) is None:
                continue
            if path.is_symlink() or not path.is_file():
                message = "Symbolic links and special files are not read."
                findings.append(Finding(relative, 0, 0, "warning", "symlink", message))
                continue
            files[relative] = path.read_bytes()
    return PackageSource(files, name=root.resolve().name, findings=tuple(findings))


def read_dict(files: Mapping[str, str | bytes], *, name: str | None = None) -> PackageSource:
    """A package from a plain dict (a browser draft); text values are encoded as UTF-8."""
    clean: dict[str, bytes] = {}
    findings: list[Finding] = []
    for raw, value in files.items():
        path = clean_path(raw) if isinstance(raw, str) else None
        if path is None:
            if not (isinstance(raw, str) and _is_hidden(raw)):
                findings.append(_unsafe(str(raw)))
            continue
        data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else bytes(value)
        clean[path] = data
    return PackageSource(clean, name=name, findings=tuple(findings))


def read_zip(data: bytes, *, name: str | None = None) -> PackageSource:
    """A package from zip bytes, refusing unsafe paths and anything over the size limits.

    A zip holding one top-level folder (as "compress folder" makes) is read from inside it,
    and that folder's name is used as the package name.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        return PackageSource({}, name=name, findings=(_zip_error(f"Not a readable zip: {error}"),))
    if len(entries) > MAX_ZIP_FILES:
        message = f"The zip holds {len(entries)} files; the limit is {MAX_ZIP_FILES}."
        return PackageSource({}, name=name, findings=(_zip_error(message, "too-many-files"),))
    files, findings = _read_entries(archive, entries)
    return _strip_top_folder(files, name, findings)


def _read_entries(archive: zipfile.ZipFile, entries: list) -> tuple[dict[str, bytes], list]:
    files: dict[str, bytes] = {}
    findings: list[Finding] = []
    total = 0
    for info in entries:
        path = clean_path(info.filename)
        if path is None:
            if not _is_hidden(info.filename):
                findings.append(_unsafe(info.filename))
            continue
        try:
            with archive.open(info) as handle:
                blob = handle.read(MAX_ZIP_BYTES - total + 1)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as error:
            findings.append(_zip_error(f"Could not read {path}: {error}"))
            continue
        total += len(blob)
        if total > MAX_ZIP_BYTES:
            limit = MAX_ZIP_BYTES // (1024 * 1024)
            message = f"The zip unpacks to more than {limit} MB; nothing was read."
            return {}, [_zip_error(message, "package-too-large")]
        files[path] = blob
    return files, findings


def _strip_top_folder(files: dict[str, bytes], name: str | None, findings: list) -> PackageSource:
    tops = {path.split("/", 1)[0] for path in files}
    if "course.md" not in files and len(tops) == 1 and all("/" in p for p in files):
        top = tops.pop()
        files = {path.split("/", 1)[1]: blob for path, blob in files.items()}
        name = name or top
    return PackageSource(files, name=name, findings=tuple(findings))


def _unsafe(path: str) -> Finding:
    return Finding(
        path[:200],
        0,
        0,
        "error",
        "unsafe-path",
        "This file name is not allowed in a course package (absolute, '..' or backslashes).",
        "Use plain relative names such as lessons/01-welcome.md.",
    )


def _zip_error(message: str, code: str = "bad-zip") -> Finding:
    return Finding("", 0, 0, "error", code, message, "Upload a zip of one course folder.")


def content_hash(files: Mapping[str, bytes]) -> str:
    """SHA-256 over every file's path and bytes, in path order (length-prefixed, so no two
    different packages can hash the same by shifting bytes between files)."""
    digest = hashlib.sha256()
    for path in sorted(files):
        name = path.encode("utf-8", "surrogatepass")
        blob = files[path]
        digest.update(len(name).to_bytes(8, "big") + name)
        digest.update(len(blob).to_bytes(8, "big") + blob)
    return digest.hexdigest()
