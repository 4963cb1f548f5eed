"""Provider details printed on certificates: admin-edited, checked by content, kept as history."""

import io
import struct
import zlib

from lms.extensions import db
from lms.models import AuditEvent, ProviderSettings
from tests.helpers import AuthActions, BrowserLikeClient, pdf_text
from tests.journeys import answer_all, read_all_lessons, start_attempt

FORM = {
    "organisation": "Harbor Recovery Training",
    "contact": "12 Pier St, Erie PA · 555-0100",
    "approving_body": "NAADAC",
    "approval_number": "123456",
    "approval_statement": "Approved by NAADAC as an Approved Education Provider, #123456.",
    "signatory_name": "Jamie Cole",
    "signatory_title": "Director of Training",
    "paper": "A4",
}


APPROVAL = {"approving_body": "NAADAC", "approval_number": "123456", "valid_from": "2020-01-01"}


def tiny_png(width=4, height=2) -> bytes:
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def admin_client(client, create_user):
    AuthActions(client).signin(create_user(roles=("admin",)).email)
    return client


def test_admin_saves_provider_details_with_a_logo(client, create_user):
    admin_client(client, create_user)
    response = client.submit(
        "/admin/provider",
        {**FORM, "logo": (io.BytesIO(tiny_png()), "logo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    row = db.session.execute(db.select(ProviderSettings)).scalar_one()
    assert (row.organisation, row.paper, row.logo_png[:4]) == (
        "Harbor Recovery Training",
        "A4",
        b"\x89PNG",
    )
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "provider.settings_changed")
    ).scalar_one()
    assert "organisation" in event.detail["changed"]


def test_a_disguised_file_is_refused_and_nothing_changes(client, create_user):
    admin_client(client, create_user)
    fake = io.BytesIO(b"<svg onload=alert(1)></svg>")
    response = client.submit(
        "/admin/provider", {**FORM, "logo": (fake, "logo.png")}, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "not a PNG image" in response.get_data(as_text=True)
    assert db.session.execute(db.select(ProviderSettings)).first() is None


def test_an_oversized_image_is_refused_with_the_limit(client, create_user):
    admin_client(client, create_user)
    big = tiny_png() + b"\x00" * (210 * 1024)
    response = client.submit(
        "/admin/provider",
        {**FORM, "signature": (io.BytesIO(big), "s.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "under 200 KB" in response.get_data(as_text=True)


def test_certificates_print_the_provider_details_in_force_when_issued(
    app, client, create_user, create_course
):
    admin_client(client, create_user)
    client.submit("/admin/provider", FORM, content_type="multipart/form-data")
    client.submit("/admin/provider/approvals", APPROVAL)

    trainee = BrowserLikeClient(app.test_client())
    AuthActions(trainee).signin(create_user().email)
    version = create_course(lessons=1)
    trainee.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    read_all_lessons(trainee, "ethics-basics", 1)
    attempt = start_attempt(trainee, "ethics-basics")
    answer_all(trainee, attempt, right=True, version=version)
    trainee.submit(f"/attempts/{attempt}", {}, action=f"/attempts/{attempt}/submit")

    from lms.models import Certificate

    certificate = db.session.execute(db.select(Certificate)).scalar_one()
    text = " ".join(pdf_text(certificate.pdf).split())
    assert "Harbor Recovery Training" in text and "approval no. 123456" in text
    assert "Approved by NAADAC as an Approved Education Provider, #123456." in text

    client.submit(
        "/admin/provider",
        {**FORM, "organisation": "Renamed Org"},
        content_type="multipart/form-data",
    )
    db.session.refresh(certificate)
    assert certificate.fields["provider_name"] == "Harbor Recovery Training"
