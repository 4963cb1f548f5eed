"""A signed-in account cannot fill the server's disk with evidence: each person has a storage
quota, and uploads are rate-limited, each with a message that says what to do."""

import io
from pathlib import Path

from lms.extensions import db
from lms.models import CERecord, Evidence
from tests.helpers import AuthActions

FORM = {
    "title": "Ethics webinar",
    "provider": "Harbor Training",
    "earned_on": "2026-03-14",
    "hours": "2",
    "topics": ["ethics"],
    "delivery": "webinar",
}


def pdf_of(size: int) -> bytes:
    return b"%PDF-1.4\n" + b"0" * (size - 9)


def log(client, data: bytes):
    return client.submit(
        "/ce/outside/new",
        {**FORM, "evidence": (io.BytesIO(data), "cert.pdf")},
        content_type="multipart/form-data",
    )


def stored_files(app) -> list[Path]:
    folder = Path(app.instance_path) / "evidence"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_evidence_over_the_persons_quota_is_refused_and_nothing_is_kept(app, client, create_user):
    app.config["EVIDENCE_QUOTA_MB"] = 1
    peer = create_user(email="peer@example.org")
    AuthActions(client).signin(peer.email)
    # 400 KB each (under the size at which the test client would spool to disk)
    assert log(client, pdf_of(400 * 1024)).status_code == 302
    assert log(client, pdf_of(400 * 1024)).status_code == 302
    refused = log(client, pdf_of(400 * 1024))
    assert refused.status_code == 400
    assert "of the 1 MB each person may keep here" in refused.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(CERecord.id))).scalar_one() == 2
    assert db.session.execute(db.select(db.func.count(Evidence.id))).scalar_one() == 2
    assert len(stored_files(app)) == 2


def test_the_quota_is_each_persons_own(app, client, create_user):
    app.config["EVIDENCE_QUOTA_MB"] = 1
    for email in ("one@example.org", "two@example.org"):
        create_user(email=email)
        AuthActions(client).signin(email)
        for _ in range(2):
            assert log(client, pdf_of(400 * 1024)).status_code == 302
        client.post("/signout")
    assert len(stored_files(app)) == 4


def test_uploads_are_rate_limited_per_person_with_how_long_to_wait(client, create_user):
    peer = create_user(email="peer@example.org")
    AuthActions(client).signin(peer.email)
    token = client.csrf_token("/ce/outside/new")
    answers = [
        client.post("/ce/outside/new", data={"csrf_token": token, "title": ""}).status_code
        for _ in range(31)
    ]
    assert answers[:30] == [400] * 30
    assert answers[30] == 429
    blocked = client.post("/ce/outside/new", data={"csrf_token": token, "title": ""})
    assert "Wait about" in blocked.get_data(as_text=True)
