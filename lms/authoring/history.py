"""Version history of a course: a readable diff between two versions, and export as a zip.

Both read the VersionFile rows stored at publish (or sync), so they show each version's
package exactly as it was published.
"""

import difflib
import io
import zipfile
from dataclasses import dataclass

from lms.extensions import db
from lms.models import Course, CourseVersion, VersionFile


def version_of(course: Course, number: int) -> CourseVersion | None:
    return db.session.execute(
        db.select(CourseVersion).where(
            CourseVersion.course_id == course.id, CourseVersion.number == number
        )
    ).scalar_one_or_none()


def version_files(version_id: int) -> dict[str, bytes]:
    rows = db.session.execute(
        db.select(VersionFile.path, VersionFile.data).where(VersionFile.version_id == version_id)
    )
    return {row.path: row.data for row in rows}


@dataclass(frozen=True)
class FileDiff:
    path: str
    status: str  # added | removed | changed
    lines: list[str]  # unified diff lines ("" for binary files)


def diff_versions(old: dict[str, bytes], new: dict[str, bytes], old_name: str, new_name: str):
    """One FileDiff per file that differs, in path order; text files as a unified diff."""
    diffs = []
    for path in sorted(old.keys() | new.keys()):
        before, after = old.get(path), new.get(path)
        if before == after:
            continue
        status = "added" if before is None else "removed" if after is None else "changed"
        lines: list[str] = []
        if path.endswith(".md"):
            lines = list(
                difflib.unified_diff(
                    _text(before).splitlines(),
                    _text(after).splitlines(),
                    fromfile=f"{old_name}/{path}",
                    tofile=f"{new_name}/{path}",
                    lineterm="",
                )
            )
        diffs.append(FileDiff(path, status, lines))
    return diffs


def _text(blob: bytes | None) -> str:
    return blob.decode("utf-8", "replace") if blob is not None else ""


def export_zip(slug: str, files: dict[str, bytes]) -> bytes:
    """A zip of one course folder (named after the slug), as `courses check` and upload read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, blob in sorted(files.items()):
            archive.writestr(f"{slug}/{path}", blob)
    return buffer.getvalue()
