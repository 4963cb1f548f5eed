"""Certificates: issued at completion with every field a board checks, stored once, verifiable
by anyone with the code, revocable and re-issuable with a trail."""

import hashlib
import subprocess

import pytest

from lms import codes
from lms.certificates.render import AssetOnlyFetcher
from lms.extensions import db
from lms.models import AuditEvent, Certificate
from tests.helpers import AuthActions, BrowserLikeClient, invoke_ok, pdf_text
from tests.journeys import answer_all, read_all_lessons, start_attempt


def test_passing_the_quiz_issues_a_certificate_in_the_same_request(client, completed):
    _user, certificate, attempt_id = completed
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert "your certificate is ready" in page
    assert f"/certificates/{certificate.display_code}.pdf" in page
    assert certificate.pdf is not None
    assert certificate.pdf_sha256 == hashlib.sha256(certificate.pdf).hexdigest()


def test_the_pdf_prints_every_field_a_board_checks(app, completed):
    _user, certificate, _ = completed
    text = " ".join(pdf_text(certificate.pdf).split())
    for expected in [
        "Maria Elena Santos",
        "IC&RC Peer Recovery no. PR-2041",
        "Ethics and Boundaries",
        "1.5 contact hours",
        "Ethics, Confidentiality and privacy",
        "Self-paced online (home study)",
        app.config["PROVIDER_NAME"],
        app.config["PROVIDER_CONTACT"],
        app.config["PROVIDER_SIGNATORY_NAME"],
        certificate.display_code,
        certificate.fields["verify_url"],
        "Completion date",
        "Issued",
    ]:
        assert expected in text, expected


def test_the_qr_code_opens_the_verification_address(completed, tmp_path):
    _user, certificate, _ = completed
    (tmp_path / "cert.pdf").write_bytes(certificate.pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", str(tmp_path / "cert.pdf"), str(tmp_path / "page")],
        check=True,
    )
    image = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert decoded == certificate.fields["verify_url"]
    assert decoded.endswith(f"/verify/{certificate.display_code}")


def test_downloads_serve_the_stored_bytes(client, completed):
    _user, certificate, _ = completed
    response = client.get(f"/certificates/{certificate.display_code}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data == certificate.pdf


def test_other_trainees_get_404_for_a_certificate(app, completed, create_user):
    _user, certificate, _ = completed
    other = BrowserLikeClient(app.test_client())
    AuthActions(other).signin(create_user().email)
    assert other.get(f"/certificates/{certificate.display_code}.pdf").status_code == 404


def test_completing_again_never_issues_a_second_certificate(client, completed):
    _user, _certificate, attempt_id = completed
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/complete")
    assert db.session.execute(db.select(db.func.count(Certificate.id))).scalar() == 1


def test_codes_are_60_random_bits_without_look_alike_letters():
    code = codes.new_code()
    assert len(code) == 12 and len(codes.ALPHABET) == 32  # 12 × 5 bits
    assert not set("ILOU") & set(codes.ALPHABET)
    assert codes.normalise("7f3k-9q2m-x4tb") == "7F3K9Q2MX4TB"
    assert codes.normalise("7F3K 9Q2M X4TB") == "7F3K9Q2MX4TB"
    assert codes.normalise("7F3K-9Q2M-X4TO") == "7F3K9Q2MX4T0"  # O read as zero
    assert codes.normalise("short") is None


def test_verification_shows_the_record_and_nothing_more_personal(client, completed):
    user, certificate, _ = completed
    typed = certificate.display_code.lower().replace("-", "")
    page = client.get(f"/verify/{typed}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert page.headers["X-Robots-Tag"].startswith("noindex")
    for shown in (
        "Valid certificate",
        "Maria Elena Santos",
        "Ethics and Boundaries",
        "1.5 contact hours",
        "Ethics, Confidentiality and privacy",
    ):
        assert shown in html
    assert user.email not in html and "PR-2041" not in html


def test_unknown_codes_say_so(client):
    response = client.get("/verify/AAAA-BBBB-CCCC")
    assert response.status_code == 404
    assert "No certificate has the code" in response.get_data(as_text=True)
    assert (
        client.get("/verify?code=aaaa-bbbb-cccc")
        .headers["Location"]
        .endswith("/verify/aaaa-bbbb-cccc")
    )


def test_admin_revokes_with_a_reason_and_verification_says_revoked(app, completed, create_user):
    _user, certificate, _ = completed
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(roles=("admin",)).email)
    page = f"/admin/certificates/{certificate.display_code}"
    admin.submit(page, {"reason": ""}, action=page + "/revoke")
    assert db.session.get(Certificate, certificate.id).revoked_at is None  # a reason is required
    admin.submit(page, {"reason": "Issued in error", "confirm": "yes"}, action=page + "/revoke")
    html = admin.get(f"/verify/{certificate.display_code}").get_data(as_text=True)
    assert "Revoked" in html
    assert db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "certificate.revoked")
    ).scalar_one().detail == {"reason": "Issued in error"}


def test_reissue_after_a_name_correction_supersedes_the_old_certificate(
    app, completed, create_user
):
    user, certificate, _ = completed
    old_pdf = certificate.pdf
    user.legal_name = "Maria Elena Santos-Rivera"
    db.session.commit()
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(roles=("admin",)).email)
    page = f"/admin/certificates/{certificate.display_code}"
    admin.submit(
        page, {"reason": "Legal name correction", "confirm": "yes"}, action=page + "/reissue"
    )
    old, new = db.session.execute(db.select(Certificate).order_by(Certificate.id)).scalars()
    assert new.replaces_id == old.id and new.code != old.code
    assert new.fields["participant_name"] == "Maria Elena Santos-Rivera"
    assert old.pdf == old_pdf and old.fields["participant_name"] == "Maria Elena Santos"
    verify_old = admin.get(f"/verify/{old.display_code}").get_data(as_text=True)
    assert "Replaced" in verify_old and new.display_code in verify_old


def test_a_failed_render_keeps_the_certificate_and_a_download_renders_it_without_writing(
    app, client, completed, monkeypatch
):
    _user, certificate, _ = completed
    certificate.pdf = None
    certificate.pdf_sha256 = None
    db.session.commit()
    response = client.get(f"/certificates/{certificate.display_code}.pdf")
    assert response.status_code == 200
    assert "Maria Elena Santos" in pdf_text(response.data)
    assert "X-Content-SHA256" not in response.headers  # no stored PDF to vouch for
    assert db.session.get(Certificate, certificate.id).pdf is None  # a download is a read


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/logo.png",
        "https://example.org/font.ttf",
        "asset:../../lms/config.py",
        "asset:fonts/../../../etc/hostname",
        "ftp://example.org/x",
    ],
)
def test_the_pdf_renderer_refuses_every_url_outside_its_assets(url):
    with pytest.raises(ValueError, match="refused|disallowed"):
        AssetOnlyFetcher().fetch(url)


def test_the_pdf_renderer_serves_its_own_fonts_and_data_uris():
    assert AssetOnlyFetcher().fetch("asset:fonts/DejaVuSans.ttf").read()[:4] == b"\x00\x01\x00\x00"
    assert AssetOnlyFetcher().fetch("data:image/svg+xml,<svg/>").read() == b"<svg/>"
    for url in ["data:text/css,@import url(file:///etc/passwd);", "data:text/plain,hello"]:
        with pytest.raises(ValueError, match="refused"):
            AssetOnlyFetcher().fetch(url)


def test_transcript_lists_records_with_totals_as_csv_and_pdf(client, completed):
    _user, certificate, _ = completed
    year = certificate.fields["completion_date"][:4]
    query = f"start={year}-01-01&end={year}-12-31"
    csv_text = client.get(f"/transcript.csv?{query}").get_data(as_text=True)
    lines = csv_text.strip().splitlines()
    assert lines[0] == "date,title,provider,hours,topics,delivery,status,source,certificate"
    assert "Ethics and Boundaries" in lines[1] and ",1.5," in lines[1]
    assert certificate.code in lines[1]
    pdf = client.get(f"/transcript.pdf?{query}")
    text = " ".join(pdf_text(pdf.data).split())
    assert "Maria Elena Santos" in text and "Total verified 1.5" in text
    empty = client.get("/transcript.csv?start=2001-01-01&end=2001-12-31").get_data(as_text=True)
    assert empty.strip().splitlines() == [lines[0]]


def test_transcript_csv_cells_cannot_run_as_formulas():
    from lms.certificates.transcript import safe_cell

    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert safe_cell("+1") == "'+1" and safe_cell("@SUM") == "'@SUM" and safe_cell("-2") == "'-2"
    assert safe_cell("Ethics") == "Ethics"


def test_a_bad_transcript_period_says_how_to_write_dates(client, completed):
    response = client.get("/transcript?start=31/01/2026", follow_redirects=True)
    assert "Use dates like 2026-01-31" in response.get_data(as_text=True)


def test_open_badge_is_a_signed_credential_carrying_the_ce_hours(
    app, client, runner, completed, tmp_path
):
    import base64
    import json

    _user, certificate, _ = completed
    response = client.get(f"/certificates/{certificate.display_code}/badge.jwt")
    assert response.mimetype == "application/vc+jwt"
    token = response.get_data(as_text=True)
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = payload["credentialSubject"]["achievement"]
    assert achievement["creditsAvailable"] == 1.5
    assert achievement["name"] == "Ethics and Boundaries"
    assert payload["iss"] == payload["issuer"]["id"] and payload["jti"] == payload["id"]
    jwks = client.get("/.well-known/jwks.json").get_json()["keys"][0]
    assert (jwks["kty"], jwks["crv"]) == ("OKP", "Ed25519")

    badge_file = tmp_path / "badge.jwt"
    badge_file.write_text(token)
    ok = runner.invoke(args=["certificates", "verify-badge", str(badge_file)])
    assert ok.exit_code == 0, ok.output
    assert "signature valid" in ok.output and "is valid" in ok.output

    header, body, signature = token.split(".")
    tampered = json.loads(base64.urlsafe_b64decode(body + "=="))
    tampered["credentialSubject"]["achievement"]["creditsAvailable"] = 15
    forged = base64.urlsafe_b64encode(json.dumps(tampered).encode()).rstrip(b"=").decode()
    badge_file.write_text(f"{header}.{forged}.{signature}")
    bad = runner.invoke(args=["certificates", "verify-badge", str(badge_file)])
    assert bad.exit_code == 1 and "signature does not match" in bad.output


def test_badge_status_follows_revocation(app, client, runner, completed, tmp_path):
    _user, certificate, _ = completed
    token = client.get(f"/certificates/{certificate.display_code}/badge.jwt").get_data(as_text=True)
    status_url = f"/badges/{certificate.display_code}/status"
    assert client.get(status_url).get_json()["status"] == "valid"
    from lms.certificates import issue

    issue.revoke(certificate, "Issued in error", actor=_user)
    db.session.commit()
    assert client.get(status_url).get_json() == {
        "id": f"{app.config['PUBLIC_URL']}/badges/{certificate.display_code}",
        "status": "revoked",
        "revoked": True,
    }
    (tmp_path / "b.jwt").write_text(token)
    result = runner.invoke(args=["certificates", "verify-badge", str(tmp_path / "b.jwt")])
    assert result.exit_code == 1 and "is revoked" in result.output


def test_a_linked_supervisor_sees_a_supervisees_certificate_until_the_link_ends(
    app, runner, completed, create_user
):
    user, certificate, _ = completed
    supervisor = create_user(email="sup@example.org", roles=("supervisor",))
    other_supervisor = create_user(email="other@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", supervisor.email, user.email])
    path = f"/certificates/{certificate.display_code}.pdf"
    linked = BrowserLikeClient(app.test_client())
    AuthActions(linked).signin(supervisor.email)
    unlinked = BrowserLikeClient(app.test_client())
    AuthActions(unlinked).signin(other_supervisor.email)
    assert linked.get(path).status_code == 200
    assert unlinked.get(path).status_code == 404
    invoke_ok(runner, ["users", "link", supervisor.email, user.email, "--end"])
    assert linked.get(path).status_code == 404


def test_admins_reach_a_persons_certificates_from_their_page(app, completed, create_user):
    user, certificate, _ = completed
    admin = BrowserLikeClient(app.test_client())
    AuthActions(admin).signin(create_user(roles=("admin",)).email)
    page = admin.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert f"/admin/certificates/{certificate.display_code}" in page
    assert "Ethics and Boundaries, 1.5 hours, valid" in page


def test_a_one_hour_certificate_says_hour_not_hours(client, create_user, create_course):
    user = create_user(email="one@example.org", legal_name="Kai Moss")
    AuthActions(client).signin(user.email)
    version = create_course(slug="one-hour", lessons=1, ce_minutes=60)
    client.submit("/courses/one-hour", {}, action="/courses/one-hour/enroll")
    read_all_lessons(client, "one-hour", 1)
    attempt_id = start_attempt(client, "one-hour")
    answer_all(client, attempt_id, right=True, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    certificate = db.session.execute(db.select(Certificate)).scalar_one()
    page = client.get(f"/verify/{certificate.display_code}").get_data(as_text=True)
    assert "1 contact hour (60 minutes each)" in page
    assert "1 contact hour (60 minutes each)" in " ".join(pdf_text(certificate.pdf).split())
