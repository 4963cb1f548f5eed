"""Every file Peerpath sends goes out through lms.downloads: fetched by someone allowed to, each
download names its file, says whether to save or show it, is never sniffed, and nothing that
belongs to a person is kept by any cache. The list of download routes is checked complete."""

import ast
import base64
import hashlib
import inspect
import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from werkzeug.http import parse_options_header

from lms.admin import site_backups
from lms.authoring import drafts
from lms.config import PROJECT_ROOT
from lms.db import writing
from lms.downloads import safe_filename
from lms.extensions import db
from lms.models import (
    CourseMedia,
    CourseVersion,
    Evidence,
    User,
    UserCredential,
    VersionFile,
)
from tests.security.world import ALL_TIME, build_world

# Every endpoint that sends a file; test_the_list_of_download_routes_is_complete keeps it so.
DOWNLOAD_ENDPOINTS = {
    "admin.download_backup",
    "admin.export",
    "authoring.draft_media",
    "authoring.export",
    "certificates.badge",
    "certificates.download",
    "certificates.handout",
    "certificates.transcript_file",
    "learning.media",
    "renewal.evidence",
    "renewal.renewal_calendar",
    "supervision.packet",
    "supervision.status_csv",
}
PRIVATE = "private, no-store"
PUBLIC = "public, max-age=31536000, immutable"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
MEDIA_NAME = "diagramme-été.png"
SLUG = "ethics-basics"


@dataclass(frozen=True)
class Download:
    endpoint: str
    who: str  # peer | supervisor | admin | public: someone allowed to fetch it
    path: str
    mimetype: str
    filename: str  # a regular expression the whole name matches
    disposition: str = "attachment"
    cache: str = PRIVATE
    method: str = "GET"


def downloads(world, ids: dict) -> list[Download]:
    code, peer = world.certificate_codes[-1], world.peer.id
    period = "2000-01-01-2100-12-31"
    day = r"\d{4}-\d\d-\d\d"
    media = f"/media/{SLUG}/{ids['digest']}/media"
    return [
        Download(
            "certificates.download",
            "supervisor",
            f"/certificates/{code}.pdf",
            "application/pdf",
            f"peerpath-certificate-{code}.pdf",
            disposition="inline",
        ),
        Download(
            "certificates.download",
            "supervisor",
            f"/certificates/{code}.pdf?download=1",
            "application/pdf",
            f"peerpath-certificate-{code}.pdf",
        ),
        Download(
            "certificates.transcript_file",
            "peer",
            f"/transcript.csv?{ALL_TIME}",
            "text/csv",
            f"peerpath-transcript-{period}.csv",
        ),
        Download(
            "certificates.transcript_file",
            "peer",
            f"/transcript.pdf?{ALL_TIME}",
            "application/pdf",
            f"peerpath-transcript-{period}.pdf",
        ),
        Download(
            "certificates.badge",
            "peer",
            f"/certificates/{code}/badge.jwt",
            "application/vc+jwt",
            f"peerpath-badge-{code}.jwt",
        ),
        Download(
            "renewal.evidence",
            "supervisor",
            f"/evidence/{ids['evidence']}",
            "application/pdf",
            f"evidence-{ids['evidence']}.pdf",
            disposition="inline",
        ),
        Download(
            "renewal.evidence",
            "supervisor",
            f"/evidence/{ids['evidence']}?download=1",
            "application/pdf",
            f"evidence-{ids['evidence']}.pdf",
        ),
        Download(
            "renewal.renewal_calendar",
            "peer",
            f"/renewal/{ids['credential']}.ics",
            "text/calendar",
            "renewal-deadline.ics",
        ),
        Download(
            "supervision.status_csv",
            "supervisor",
            "/team/status.csv",
            "text/csv",
            "peerpath-team-status.csv",
        ),
        Download(
            "supervision.packet",
            "supervisor",
            f"/team/{peer}/packet.zip?credential={ids['credential']}",
            "application/zip",
            f"peerpath-audit-{peer}-{day}-{day}.zip",
        ),
        Download(
            "admin.download_backup",
            "admin",
            f"/admin/backups/{ids['backup']}.zip",
            "application/zip",
            rf"peerpath-backup-{ids['backup']}\.zip",
        ),
        Download(
            "admin.export",
            "admin",
            f"/admin/users/{peer}/export",
            "application/zip",
            f"peerpath-person-{peer}.zip",
            method="POST",
        ),
        Download(
            "authoring.draft_media",
            "admin",
            "/authoring/drafts/draft-course/media/picture.png",
            "image/png",
            "picture.png",
            disposition="inline",
        ),
        Download(
            "authoring.export",
            "admin",
            f"/authoring/courses/{SLUG}/versions/1.zip",
            "application/zip",
            f"{SLUG}-v1.zip",
        ),
        Download(
            "certificates.handout",
            "public",
            f"/handouts/{SLUG}/{ids['digest']}/safety-plan.pdf",
            "application/pdf",
            r"safety-plan\.pdf",
            disposition="inline",
            cache=PUBLIC,
        ),
        Download(
            "learning.media",
            "public",
            f"{media}/{MEDIA_NAME}",
            "image/png",
            MEDIA_NAME,
            disposition="inline",
            cache=PUBLIC,
        ),
        Download(
            "learning.media",
            "public",
            f"{media}/page.html",
            "application/octet-stream",
            r"page\.html",
            cache=PUBLIC,
        ),
    ]


@pytest.fixture
def world(app, client, create_user, create_course, outbox):
    """The security suite's site, written through the real forms, plus the files a published
    course version keeps: its package and two media files (a picture, and a page that a
    browser must never show)."""
    built = build_world(app, client, create_user, create_course, outbox, "Zoë O'Neill")
    version = db.session.execute(db.select(CourseVersion)).scalar_one()
    media = {MEDIA_NAME: ("image/png", PNG), "page.html": ("text/html", b"<p>hello</p>")}
    handout = b"<h1>My safety plan</h1>"
    with writing():
        db.session.add(VersionFile(version_id=version.id, path="course.md", data=b"---\n"))
        for name, (content_type, data) in media.items():
            db.session.add(
                CourseMedia(
                    version_id=version.id,
                    path=f"media/{name}",
                    content_type=content_type,
                    data=data,
                    sha256=hashlib.sha256(data).hexdigest(),
                )
            )
        admin = db.session.execute(
            db.select(User).where(User.email == "admin@example.org")
        ).scalar_one()
        draft = drafts.create_from_template("draft-course", "A draft", admin)
        draft.media = {"media/picture.png": base64.b64encode(PNG).decode("ascii")}
        db.session.add(
            CourseMedia(
                version_id=version.id,
                path="handouts/safety-plan.html",
                content_type="text/html",
                data=handout,
                sha256=hashlib.sha256(handout).hexdigest(),
            )
        )
        db.session.commit()
    return built


def ids_of(world) -> dict:
    version = db.session.execute(db.select(CourseVersion)).scalar_one()
    credential = db.session.execute(
        db.select(UserCredential.id).where(
            UserCredential.user_id == world.peer.id, UserCredential.rule_set.is_not(None)
        )
    ).scalar_one()
    evidence = db.session.execute(db.select(Evidence.id).order_by(Evidence.id)).scalars().first()
    backup = site_backups.make_backup().name  # an administrator's backup of this world
    return {
        "digest": version.content_hash[:16],
        "credential": credential,
        "evidence": evidence,
        "backup": backup,
    }


def fetch(world, download: Download):
    client = {
        "peer": world.peer_client,
        "supervisor": world.boss_client,
        "admin": world.admin_client,
        "public": world.public_client,
    }[download.who]
    if download.method == "POST":
        page = download.path.rsplit("/", 1)[0]
        return client.submit(page, {}, action=download.path)
    return client.get(download.path)


def header_problems(response, download: Download) -> list[str]:
    disposition, options = parse_options_header(response.headers.get("Content-Disposition", ""))
    checks = {
        "status": (response.status_code == 200, response.status_code),
        "type": (response.mimetype == download.mimetype, response.mimetype),
        "disposition": (disposition == download.disposition, disposition),
        "file name": (
            re.fullmatch(download.filename, options.get("filename", "")) is not None,
            options.get("filename"),
        ),
        "nosniff": (
            response.headers.get("X-Content-Type-Options") == "nosniff",
            response.headers.get("X-Content-Type-Options"),
        ),
        "cache": (
            response.headers.get("Cache-Control") == download.cache,
            response.headers.get("Cache-Control"),
        ),
        "body": (bool(response.data), len(response.data)),
        "shown files run nothing": (
            download.disposition != "inline"
            or "default-src 'none'" in response.headers.get("Content-Security-Policy", ""),
            response.headers.get("Content-Security-Policy"),
        ),
    }
    return [f"{name}: got {got!r}" for name, (ok, got) in checks.items() if not ok]


def test_every_download_names_its_file_is_never_sniffed_and_private_ones_are_never_cached(world):
    walked = downloads(world, ids_of(world))
    assert {d.endpoint for d in walked} == DOWNLOAD_ENDPOINTS
    failures = []
    for download in walked:
        problems = header_problems(fetch(world, download), download)
        failures += [f"{download.method} {download.path}: {p}" for p in problems]
    assert not failures, "\n".join(failures)


def test_a_file_name_beyond_ascii_reaches_new_and_old_browsers(world):
    picture = next(d for d in downloads(world, ids_of(world)) if d.filename == MEDIA_NAME)
    header = fetch(world, picture).headers["Content-Disposition"]
    assert f"filename*=UTF-8''{quote(MEDIA_NAME)}" in header  # RFC 5987
    assert "filename=diagramme-ete.png" in header  # the ASCII fallback


def test_a_file_name_cannot_leave_the_downloads_folder_or_break_the_header():
    assert safe_filename('../../etc/passwd"\r\n.pdf') == "_.._etc_passwd___.pdf"
    assert safe_filename(" .. ") == "download"
    assert safe_filename("Zoë's transcript.pdf") == "Zoë's transcript.pdf"


def calls(function, name: str) -> bool:
    """Whether the view's own code calls `name` (decorators unwrapped)."""
    source = inspect.getsource(inspect.unwrap(function))
    tree = ast.parse(inspect.cleandoc("\n" + source) if source[0].isspace() else source)
    return any(
        isinstance(node, ast.Call) and getattr(node.func, "id", None) == name
        for node in ast.walk(tree)
    )


def test_the_list_of_download_routes_is_complete(app):
    """Every route that sends a file is listed above, and no module builds a file response by
    hand: only lms/downloads.py sets a Content-Disposition or calls send_file."""
    sending = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and (calls(view, "send_bytes") or calls(view, "viewable"))
    }
    assert sending == DOWNLOAD_ENDPOINTS
    by_hand = [
        str(path.relative_to(PROJECT_ROOT))
        for path in sorted((PROJECT_ROOT / "lms").rglob("*.py"))
        if path.name != "downloads.py"
        and any(word in path.read_text() for word in ("Content-Disposition", "send_file"))
    ]
    assert not by_hand, f"send files with lms.downloads.send_bytes: {by_hand}"
