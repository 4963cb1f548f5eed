"""Files in the instance folder that hold private data (mail with reset links, evidence) are
readable by their owner only, whatever the server's umask; so is a backup's folder."""

import io
import os
import stat
from pathlib import Path

import pytest

from tests.helpers import AuthActions

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def generous_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_mail_with_a_reset_link_is_readable_by_its_owner_only(client, create_user, outbox):
    create_user(email="sam@example.org")
    client.submit("/reset", {"email": "sam@example.org"})
    (message,) = outbox.glob("*.eml")
    assert mode(message) == 0o600
    assert mode(outbox) == 0o700


def test_evidence_files_are_readable_by_their_owner_only(app, client, create_user):
    peer = create_user(email="peer@example.org")
    AuthActions(client).signin(peer.email)
    response = client.submit(
        "/ce/outside/new",
        {
            "title": "Ethics webinar",
            "provider": "Harbor Training",
            "earned_on": "2026-03-14",
            "hours": "2",
            "topics": ["ethics"],
            "delivery": "webinar",
            "evidence": (io.BytesIO(PDF), "cert.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    folder = Path(app.instance_path) / "evidence"
    (stored,) = [p for p in folder.rglob("*") if p.is_file()]
    assert mode(stored) == 0o600
    assert mode(folder) == 0o700


def test_a_backup_folder_is_readable_by_its_owner_only(app, runner, tmp_path):
    target = tmp_path / "backup-1"
    result = runner.invoke(args=["backup", "create", str(target)])
    assert result.exit_code == 0, result.output
    assert mode(target) == 0o700
