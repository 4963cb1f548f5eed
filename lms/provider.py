"""Who the provider is: the newest settings an admin saved, or the config defaults.

`current_provider` is the one answer every document that names the provider asks: certificates
(frozen into their printed fields at issue), the transcript PDF, the audit packet and the Open
Badges issuer profile. `approvals_in_force` is the one answer to "which board approvals does
the provider hold on day D": certificates print it, and the renewal engine counts by it.
"""

import base64
import io
import threading
from dataclasses import dataclass
from datetime import date

from flask import current_app
from PIL import Image, ImageFile

from lms import audit
from lms.extensions import db
from lms.models import ProviderApproval, ProviderSettings, User

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_IMAGE_BYTES = 200 * 1024
MAX_IMAGE_SIDE = 2000
# Held while the process-wide "accept truncated images" switch is forced off.
_STRICT_DECODING = threading.Lock()


@dataclass(frozen=True)
class Provider:
    organisation: str
    contact: str
    approval_statement: str
    signatory_name: str
    signatory_title: str
    paper: str
    logo_png: bytes | None = None
    signature_png: bytes | None = None
    min_time_on_task_share: float | None = None


def current_provider() -> Provider:
    """The provider in force now: the newest saved settings, else the `PROVIDER_*` config.
    Board approvals are not here but in `approvals_in_force` (one row per approval)."""
    row = db.session.execute(
        db.select(ProviderSettings).order_by(ProviderSettings.id.desc()).limit(1)
    ).scalar_one_or_none()
    if row is not None:
        return Provider(
            row.organisation,
            row.contact,
            row.approval_statement,
            row.signatory_name,
            row.signatory_title,
            row.paper,
            row.logo_png,
            row.signature_png,
            row.min_time_on_task_share,
        )
    c = current_app.config
    return Provider(
        c["PROVIDER_NAME"],
        c["PROVIDER_CONTACT"],
        c["PROVIDER_APPROVAL_STATEMENT"],
        c["PROVIDER_SIGNATORY_NAME"],
        c["PROVIDER_SIGNATORY_TITLE"],
        c["CERTIFICATE_PAPER"],
    )


def time_on_task_share() -> float:
    """The share of a course's claimed CE time a learner must study before it counts: the
    MIN_TIME_ON_TASK_SHARE setting, or the higher share an admin saved (never a lower one)."""
    configured = float(current_app.config["MIN_TIME_ON_TASK_SHARE"])
    saved = current_provider().min_time_on_task_share
    return configured if saved is None else max(configured, saved)


class ImageProblem(ValueError):
    """An uploaded image that cannot be printed; `str()` says what to do."""


def clean_png(data: bytes) -> bytes:
    """The uploaded image decoded in full and written again as a fresh PNG, or ImageProblem.

    A file whose header looks right but whose body is damaged would otherwise be stored and
    then break every certificate and audit packet that prints it, so every pixel is decoded
    here, with truncated data refused whatever WeasyPrint set (see `_decoded`). The sides are
    checked from the header before decoding, so a small file cannot claim a huge image."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageProblem(
            f"The image is {len(data) // 1024} KB; use a PNG under {MAX_IMAGE_BYTES // 1024} KB."
        )
    image = _decoded(data)
    if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _decoded(data: bytes) -> Image.Image:
    not_png = ImageProblem(
        "That file is not a PNG image we can read. Export the image as PNG and upload it again."
    )
    if not data.startswith(PNG_SIGNATURE):
        raise not_png
    return decode_strictly(data, ("PNG",), not_png)


def decode_strictly(
    data: bytes, formats: tuple[str, ...], unreadable: ImageProblem, max_side: int = MAX_IMAGE_SIDE
) -> Image.Image:
    """The image in `data`, every pixel decoded, in one of Pillow's `formats`; raises
    `unreadable` for anything else (damaged, truncated, another kind) and ImageProblem for
    sides over `max_side`, read from the header before decoding."""
    # Importing WeasyPrint sets LOAD_TRUNCATED_IMAGES for the whole process, and with it set
    # Pillow fills damaged image data with black instead of failing: force it off meanwhile.
    with _STRICT_DECODING:
        lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
        try:
            with Image.open(io.BytesIO(data), formats=list(formats)) as probe:
                width, height = probe.size
                if not (0 < width <= max_side and 0 < height <= max_side):
                    raise ImageProblem(
                        f"The image is {width}×{height} pixels; keep each side at most {max_side}."
                    )
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=list(formats))
            image.load()
        except ImageProblem:
            raise
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            raise unreadable from error
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return image


def png_data_uri(data: bytes | None) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode() if data else ""


def save_provider(values: dict, *, actor: User) -> ProviderSettings:
    """Store new provider settings (a new row) with an audit event naming what changed."""
    before = current_provider()
    row = ProviderSettings(changed_by_id=actor.id, **values)
    db.session.add(row)
    changed = sorted(k for k, v in values.items() if getattr(before, k) != v)
    audit.record("provider.settings_changed", actor=actor, subject=row, changed=changed)
    return row


def all_approvals() -> list[ProviderApproval]:
    """Every approval recorded, newest start first."""
    return list(
        db.session.execute(
            db.select(ProviderApproval).order_by(
                ProviderApproval.valid_from.desc(), ProviderApproval.id.desc()
            )
        ).scalars()
    )


def in_force_on(approvals: list[ProviderApproval], day: date) -> list[ProviderApproval]:
    """The approvals of a list that are in force on `day` (both ends inclusive)."""
    return [
        a for a in approvals if a.valid_from <= day and (a.valid_to is None or day <= a.valid_to)
    ]


def approvals_in_force(day: date) -> list[ProviderApproval]:
    """The board approvals the provider holds on `day`."""
    return in_force_on(all_approvals(), day)


def covered_credentials(approvals: list[ProviderApproval]) -> tuple[str, ...]:
    """The rule-set keys these approvals cover; "*" when one covers every credential."""
    keys: set[str] = set()
    for approval in approvals:
        keys.update(approval.covers or ["*"])
    return tuple(sorted(keys))


def add_approval(values: dict, *, actor: User) -> ProviderApproval:
    """Record a board approval, with its audit event."""
    row = ProviderApproval(created_by_id=actor.id, **values)
    db.session.add(row)
    db.session.flush()
    audit.record(
        "provider.approval_added",
        actor=actor,
        subject=row,
        approving_body=row.approving_body,
        approval_number=row.approval_number,
    )
    return row
