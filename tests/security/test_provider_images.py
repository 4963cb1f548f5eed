"""A provider logo or signature that looks like a PNG but is damaged inside is refused at
upload, whatever WeasyPrint has done to Pillow's settings; what is kept is decoded and written
again, bounded in size, shown on the settings page and removable with one button."""

import io
import re
import struct
import zlib

import pytest
import weasyprint  # noqa: F401  (importing it turns on Pillow's LOAD_TRUNCATED_IMAGES)
from PIL import Image, ImageFile

from lms.extensions import db
from lms.models import ProviderSettings
from tests.helpers import signed_in

FORM = {"organisation": "Harbor Recovery", "contact": "555-0100", "signatory_name": "Jamie Cole"}
FORM["paper"] = "letter"
PIXELS = b"".join(b"\x00" + b"\x10\x80\xf0" * 40 for _ in range(20))


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(idat: bytes, width=40, height=20, extra: bytes = b"") -> bytes:
    """A PNG whose chunks all carry correct checksums, around whatever image data is given."""
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + extra + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


DAMAGED = {
    "garbage body": png(b"this is not compressed image data " * 4),
    "cut short": png(zlib.compress(PIXELS)[:30]),
    "too wide": png(zlib.compress(PIXELS), width=5000),
    "svg named png": b"<svg onload=alert(1)></svg>",
}


@pytest.fixture
def admin(app, create_user):
    return signed_in(app, create_user(email="admin@example.org", roles=("admin",)))


def upload(admin, **files):
    data = {**FORM, **{name: (io.BytesIO(body), f"{name}.png") for name, body in files.items()}}
    return admin.submit("/admin/provider", data, content_type="multipart/form-data")


@pytest.mark.parametrize("name", DAMAGED)
def test_a_damaged_image_is_refused_even_with_weasyprint_loaded(admin, name):
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # the setting WeasyPrint leaves behind
    for field in ("logo", "signature"):
        response = upload(admin, **{field: DAMAGED[name]})
        assert response.status_code == 400, name
        page = response.get_data(as_text=True)
        assert "not a PNG image we can read" in page or "keep each side at most 2000" in page
    assert db.session.execute(db.select(ProviderSettings)).first() is None
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # and it is left as it was


def test_a_kept_image_is_written_again_without_what_rode_along(admin):
    note = _chunk(b"tEXt", b"Comment\x00<script>alert(1)</script>")
    assert upload(admin, logo=png(zlib.compress(PIXELS), extra=note)).status_code == 302
    kept = db.session.execute(db.select(ProviderSettings)).scalar_one().logo_png
    assert b"<script>" not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert (image.format, image.size, image.getpixel((0, 0))) == (
            "PNG",
            (40, 20),
            (16, 128, 240),
        )


def test_the_settings_page_shows_the_images_and_a_button_removes_each(admin):
    upload(admin, logo=png(zlib.compress(PIXELS)), signature=png(zlib.compress(PIXELS)))
    page = admin.get("/admin/provider").get_data(as_text=True)
    assert len(re.findall(r'<img src="data:image/png;base64,[^"]+" alt="Current', page)) == 2
    assert 'name="remove_logo"' in page and 'name="remove_signature"' in page

    assert admin.submit("/admin/provider", {**FORM, "remove_logo": "y"}).status_code == 302
    newest = db.session.execute(
        db.select(ProviderSettings).order_by(ProviderSettings.id.desc()).limit(1)
    ).scalar_one()
    assert newest.logo_png is None and newest.signature_png is not None
    page = admin.get("/admin/provider").get_data(as_text=True)
    assert "Remove the logo" not in page and "Remove the signature" in page
