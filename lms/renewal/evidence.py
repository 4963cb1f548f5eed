"""Evidence files: checked by content (never by name), stored under instance/ with a random
name, read back only through a permission-checked route."""

import hashlib
import re
import secrets
from pathlib import Path

from flask import current_app

from lms.extensions import db
from lms.i18n import _
from lms.instance_files import shared_storage, write_private
from lms.models import CERecord, Evidence

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)


class EvidenceError(ValueError):
    """An upload that cannot be kept; the message says what to do instead."""


def sniff(data: bytes) -> tuple[str, str]:
    """(content type, extension) from the file's first bytes."""
    for magic, content_type, extension in SIGNATURES:
        if data.startswith(magic):
            return content_type, extension
    raise EvidenceError(
        _(
            "That file is not a PDF, PNG or JPEG. Save or scan the certificate as one of those "
            "and upload it again."
        )
    )


def extension_for(content_type: str) -> str:
    """The file extension of a stored evidence type ("" for a type evidence never has)."""
    return next((ext for _magic, kind, ext in SIGNATURES if kind == content_type), "")


def file_label(original_name: str) -> str:
    """The uploader's file name, kept only as a label: its last part (after / or \\, as
    Windows sends full paths), without control or direction-changing characters."""
    name = re.split(r"[\\/]", original_name or "")[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    return name[:255] or "evidence"


def evidence_dir() -> Path:
    return shared_storage() / "evidence"


def stored_bytes(user_id: int) -> int:
    """Bytes of evidence a person has stored, over all their records."""
    return db.session.execute(
        db.select(db.func.coalesce(db.func.sum(Evidence.size), 0))
        .join(CERecord, CERecord.id == Evidence.ce_record_id)
        .where(CERecord.user_id == user_id)
    ).scalar_one()


def store(data: bytes, original_name: str, owner_id: int) -> dict:
    """Check and save an upload; return the Evidence fields. Nothing is written if it fails.

    Each person's evidence is capped at EVIDENCE_QUOTA_MB: a signed-in account must not be
    able to fill the server's disk."""
    if len(data) > MAX_BYTES:
        raise EvidenceError(
            _(
                "The file is %(size).1f MB; the limit is 10 MB. "
                "A scan at lower resolution is usually enough.",
                size=len(data) / 1024 / 1024,
            )
        )
    if not data:
        raise EvidenceError(_("The file is empty. Choose the certificate file again."))
    quota = current_app.config["EVIDENCE_QUOTA_MB"] * 1024 * 1024
    used = stored_bytes(owner_id)
    if used + len(data) > quota:
        raise EvidenceError(
            _(
                "Your evidence files already take %(used).1f MB of the %(quota)d MB each "
                "person may keep here, and this one would go over. Upload a smaller scan, or "
                "ask an administrator for more room.",
                used=used / 1024 / 1024,
                quota=quota // (1024 * 1024),
            )
        )
    content_type, extension = sniff(data)
    stored_name = secrets.token_hex(16) + extension
    write_private(evidence_dir() / stored_name, data)
    return {
        "stored_name": stored_name,
        "original_name": file_label(original_name),
        "content_type": content_type,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def read(stored_name: str) -> bytes:
    return (evidence_dir() / Path(stored_name).name).read_bytes()
