"""Every document that names the provider names the one an admin saved, not the config default."""

import io
import zipfile
from datetime import timedelta

from pypdf import PdfReader

from lms.db import writing
from lms.extensions import db
from lms.localtime import today_for
from lms.models import CERecord, SupervisorLink, UserCredential
from tests.helpers import AuthActions, BrowserLikeClient

SAVED_NAME = "Harbor Peer Academy"
PROVIDER_FORM = {
    "organisation": SAVED_NAME,
    "contact": "12 Pier St, Erie PA · 555-0100",
    "approving_body": "NAADAC",
    "approval_number": "123456",
    "approval_statement": "",
    "signatory_name": "Jamie Cole",
    "signatory_title": "Director of Training",
    "paper": "letter",
}


def _text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _signed_in(app, user) -> BrowserLikeClient:
    client = BrowserLikeClient(app.test_client())
    AuthActions(client).signin(user.email)
    return client


def _supervised_peer_with_a_record(create_user, supervisor):
    peer = create_user(legal_name="Avery Stone")
    today = today_for(peer)
    with writing():
        db.session.add(SupervisorLink(supervisor_id=supervisor.id, peer_id=peer.id))
        credential = UserCredential(
            user_id=peer.id,
            name="IC&RC Peer Recovery",
            rule_set="icrc-pr",
            certified_on=today - timedelta(days=100),
        )
        db.session.add(credential)
        db.session.add(
            CERecord(
                user_id=peer.id,
                source="external",
                title="Boundaries in practice",
                provider="Somewhere Else",
                minutes=60,
                topics=["ethics"],
                delivery="live",
                earned_on=today - timedelta(days=1),
                status="verified",
            )
        )
        db.session.commit()
    return peer, credential.id


def test_transcript_and_audit_packet_name_the_provider_an_admin_saved(app, create_user):
    default_name = app.config["PROVIDER_NAME"]
    admin = _signed_in(app, create_user(roles=("admin",)))
    saved = admin.submit("/admin/provider", PROVIDER_FORM, content_type="multipart/form-data")
    assert saved.status_code == 302
    supervisor = create_user(roles=("supervisor",), legal_name="Sam Okafor")
    peer, credential_id = _supervised_peer_with_a_record(create_user, supervisor)

    response = _signed_in(app, peer).get("/transcript.pdf")
    assert response.status_code == 200
    transcript = _text(response.data)
    assert "Boundaries in practice" in transcript
    assert f"prepared by {SAVED_NAME}" in transcript and default_name not in transcript

    response = _signed_in(app, supervisor).get(
        f"/team/{peer.id}/packet.zip?credential={credential_id}"
    )
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    name = next(n for n in archive.namelist() if n.startswith("transcript-"))
    packet_transcript = _text(archive.read(name))
    assert f"prepared by {SAVED_NAME}" in packet_transcript
    assert default_name not in packet_transcript


def test_without_saved_settings_documents_name_the_configured_provider(app, create_user):
    supervisor = create_user(roles=("supervisor",))
    peer, _credential_id = _supervised_peer_with_a_record(create_user, supervisor)
    transcript = _text(_signed_in(app, peer).get("/transcript.pdf").data)
    assert f"prepared by {app.config['PROVIDER_NAME']}" in transcript
