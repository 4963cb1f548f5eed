"""The admin backup page: an administrator makes a backup in the browser, sees it listed and
downloads it as a zip that `flask backup restore` rebuilds into an empty instance; nobody else
may make, list or download one."""

import io
import os
import zipfile

import pytest

from lms import create_app
from lms.extensions import db
from tests.helpers import AuthActions
from tests.journeys import log_outside_ce

BACKUP_LINK = "/admin/backups/"


def _made_backup_name(page: str) -> str:
    start = page.index(BACKUP_LINK) + len(BACKUP_LINK)
    return page[start : page.index(".zip", start)]


@pytest.mark.parametrize("roles", [(), ("trainer",), ("supervisor",)])
def test_only_admins_reach_backups(client, create_user, roles):
    AuthActions(client).signin(create_user(email="x@example.org", roles=roles).email)
    assert client.get("/admin/backups").status_code == 403
    assert client.post("/admin/backups").status_code in (400, 403)  # no token, no role
    assert client.get("/admin/backups/20260101T000000Z.zip").status_code == 403


def test_a_name_that_is_not_a_backup_is_not_found(client, create_user):
    AuthActions(client).signin(create_user(email="a@example.org", roles=("admin",)).email)
    for name in ("..%2Fsecret_key", "20260101T000000Z", "evidence"):
        assert client.get(f"/admin/backups/{name}.zip").status_code == 404


@pytest.mark.skipif(
    "postgresql" in os.environ.get("LMS_SQLALCHEMY_DATABASE_URI", ""),
    reason="the PostgreSQL round trip needs a second empty database (see docs/operations.md)",
)
def test_a_downloaded_backup_restores_into_an_empty_instance(app, client, create_user, tmp_path):
    peer = create_user(email="peer@example.org", legal_name="Pia Peer")
    AuthActions(client).signin(peer.email)
    log_outside_ce(client)
    AuthActions(client).signout()
    AuthActions(client).signin(create_user(email="a@example.org", roles=("admin",)).email)
    assert "No backup has been made here yet" in client.get("/admin/backups").get_data(True)

    made = client.submit("/admin/backups", {}, follow_redirects=True).get_data(as_text=True)
    assert "Backup made:" in made and "Download" in made
    name = _made_backup_name(made)
    response = client.get(f"/admin/backups/{name}.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    zipfile.ZipFile(io.BytesIO(response.data)).extractall(tmp_path / "unzipped")

    fresh = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'restored.db'}",
            "SECRET_KEY": "test-secret-key-not-for-production",
        }
    )
    fresh.instance_path = str(tmp_path / "fresh-instance")
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(
            args=["backup", "restore", str(tmp_path / "unzipped" / name)]
        )
        assert result.exit_code == 0, result.output
        names = db.session.execute(db.text("SELECT legal_name FROM users")).scalars().all()
        evidence = list((tmp_path / "fresh-instance" / "evidence").rglob("*.*"))
        db.engine.dispose()
    assert "Pia Peer" in names
    assert evidence, "the uploaded evidence comes back with the database"
