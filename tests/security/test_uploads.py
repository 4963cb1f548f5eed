"""Uploads: evidence of outside CE and course packages. A wrong, disguised, oversized or
path-like upload gets a message saying what to fix, stores nothing and writes nothing outside
the uploads folder; what is stored is served so a browser never runs it."""

import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from lms.extensions import db
from lms.models import CERecord, CourseDraft, CourseMedia, CourseVersion, Evidence
from tests.helpers import PDF, AuthActions, signed_in
from tests.security.checks import unsafe_member_names, zip_members

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
FORM = {
    "title": "Motivational interviewing webinar",
    "provider": "Harbor Training",
    "earned_on": (date.today() - timedelta(days=30)).isoformat(),
    "hours": "2",
    "topics": ["ethics"],
    "delivery": "webinar",
}
NOT_A_DOCUMENT = "not a PDF, PNG or JPEG"
MB = 1024 * 1024


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def peer(app, client, create_user):
    """A signed-in peer (the client)."""
    user = create_user(email="peer@example.org")
    AuthActions(client).signin(user.email)
    return user


def post_file(client, form_path: str, action: str, fields: dict, file_field: str, file: tuple):
    """POST a form with one file, given as (name, bytes), as a browser does. The body is built
    in memory: the test client would spool a large one to a temporary file it never closes."""
    values = MultiDict({"csrf_token": client.csrf_token(form_path), **fields})
    file_name, data = file
    values.add(file_field, FileStorage(io.BytesIO(data), filename=file_name))
    boundary, body = encode_multipart(values)
    content_type = f"multipart/form-data; boundary={boundary}"
    return client.post(action, data=body, content_type=content_type)


def upload_evidence(client, data: bytes, name: str):
    return post_file(client, "/ce/outside/new", "/ce/outside/new", FORM, "evidence", (name, data))


def nothing_stored(app) -> None:
    assert db.session.execute(db.select(CERecord.id)).first() is None
    assert db.session.execute(db.select(Evidence.id)).first() is None
    assert not files_under(Path(app.instance_path) / "evidence")


WRONG_EVIDENCE = {
    "exe": (b"MZ\x90\x00\x03\x00\x00\x00 a program", "setup.exe", NOT_A_DOCUMENT),
    "html": (HTML, "certificate.html", NOT_A_DOCUMENT),
    "svg": (SVG, "certificate.svg", NOT_A_DOCUMENT),
    "html-named-png": (HTML, "certificate.png", NOT_A_DOCUMENT),
    "pdf-without-header": (b"Certificate of attendance, 2 hours", "cert.pdf", NOT_A_DOCUMENT),
    "pdf-header-late": (b" " + PDF, "certificate.pdf", NOT_A_DOCUMENT),
    "empty": (b"", "certificate.pdf", "The file is empty"),
    "over-10-mb": (PDF + b"0" * (10 * MB - len(PDF) + 1), "scan.pdf", "the limit is 10 MB"),
}


def test_wrong_disguised_or_oversized_evidence_is_refused_with_what_to_do(
    app, client, peer, tmp_path
):
    before = files_under(tmp_path)
    for case, (data, name, message) in WRONG_EVIDENCE.items():
        response = upload_evidence(client, data, name)
        assert response.status_code == 400, case
        assert message in response.get_data(as_text=True), case
        nothing_stored(app)
        assert files_under(tmp_path) == before, case


def test_a_request_just_over_the_request_limit_gets_the_too_large_page(app, client, peer):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = upload_evidence(client, PDF + b"0" * limit, "scan.pdf")
    assert response.status_code == 413
    assert "That file is too large" in response.get_data(as_text=True)
    nothing_stored(app)


PATH_LIKE_NAMES = {
    "dot-dot": "../../etc/passwd.pdf",
    "backslashes": "..\\..\\..\\evil.pdf",
    "absolute": "/etc/cron.d/evil.pdf",
    "drive-letter": "C:\\Windows\\System32\\evil.pdf",
    "nul": "evil\x00.pdf",
    "newline": "line%0Abreak.pdf",
    "right-to-left-override": "evil\u202efdp.exe.pdf",
}


def test_path_like_evidence_names_are_kept_as_plain_names_inside_the_uploads_folder(
    app, client, peer, create_user, tmp_path
):
    """The file is a real PDF, so it is kept, under a random name in instance/evidence; the
    name the person chose is kept only as a label, without folders or control characters, and
    the administrator's export ZIP has no entry that climbs out of its folder."""
    for case, name in PATH_LIKE_NAMES.items():
        before = files_under(tmp_path)
        assert upload_evidence(client, PDF, name).status_code == 302, case
        evidence = db.session.execute(db.select(Evidence).order_by(Evidence.id.desc())).first()[0]
        written = files_under(tmp_path) - before
        assert written == {f"instance/evidence/{evidence.stored_name}"}, case
        assert evidence.original_name.isprintable(), case
        assert not any(char in evidence.original_name for char in "/\\"), case
        assert evidence.original_name.endswith(".pdf"), case
    for outside in ("/etc/passwd.pdf", "/etc/cron.d/evil.pdf", str(tmp_path.parent / "evil.pdf")):
        assert not Path(outside).exists()

    admin = signed_in(app, create_user(roles=("admin",)))
    page = f"/admin/users/{peer.id}"
    export = admin.submit(page, {}, action=f"{page}/export")
    names = zip_members(export.data)
    assert len([n for n in names if n.startswith("evidence/")]) == len(PATH_LIKE_NAMES)
    assert not unsafe_member_names(names)


def test_evidence_opens_in_the_browser_never_sniffed_nor_run_and_downloads_on_request(client, peer):
    uploads = [(PDF, "application/pdf"), (PNG + HTML, "image/png")]
    uploads.append((b"\xff\xd8\xff" + HTML, "image/jpeg"))
    for data, content_type in uploads:
        assert upload_evidence(client, data, "proof.html").status_code == 302
        evidence = db.session.execute(db.select(Evidence).order_by(Evidence.id.desc())).first()[0]
        response = client.get(f"/evidence/{evidence.id}")
        assert response.status_code == 200
        assert response.mimetype == content_type
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Disposition"].startswith("inline;")
        assert ".html" not in response.headers["Content-Disposition"]
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert policy.startswith("sandbox;") == (content_type != "application/pdf")
        saved = client.get(f"/evidence/{evidence.id}?download=1")
        assert saved.headers["Content-Disposition"].startswith("attachment;")
        assert saved.headers["X-Content-Type-Options"] == "nosniff" and saved.data == data


# Course packages uploaded in the authoring area.

COURSE_MD = """---
slug: uploaded
title: Uploaded course
summary: A course uploaded as a zip.
version: "1.0"
ce_hours: 0.25
topics: [ethics]
objectives: [Listen well.]
references: [Peerpath tests.]
---
Welcome.
"""
LESSON_MD = "---\ntitle: First\n---\n" + "Peers listen with care and respect. " * 300
QUIZ_MD = """---
title: Check
---

### Which phrase puts the person first? {#first}
- [ ] a label
  > A label reduces a person to one thing.
- [x] a person in recovery
  > Right: the person comes first.
"""
GOOD_FILES = {"course.md": COURSE_MD, "lessons/01-first.md": LESSON_MD, "quiz.md": QUIZ_MD}


def zip_of(entries: dict[str, bytes | str]) -> bytes:
    """A ZIP holding exactly these entry names (ZipInfo keeps '..', '/' and '\\' as given)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.fixture
def author(app, client, create_user):
    user = create_user(email="author@example.org", roles=("trainer",))
    AuthActions(client).signin(user.email)
    return user


def upload_package(client, data: bytes, name: str = "uploaded.zip"):
    return post_file(client, "/authoring/new", "/authoring/upload", {}, "package", (name, data))


UNSAFE_NAME = "This file name is not allowed in a course package"


BAD_PACKAGES = {
    "not-a-zip": (b"MZ\x90\x00 a program, not a zip", "Not a readable zip"),
    "dot-dot": (zip_of({**GOOD_FILES, "../../escape.md": "x"}), UNSAFE_NAME),
    "absolute": (zip_of({**GOOD_FILES, "/tmp/absolute.md": "x"}), UNSAFE_NAME),
    "backslashes": (zip_of({**GOOD_FILES, "lessons\\..\\..\\escape.md": "x"}), UNSAFE_NAME),
    "drive-letter": (zip_of({**GOOD_FILES, "C:/escape.md": "x"}), UNSAFE_NAME),
    "bomb": (zip_of({**GOOD_FILES, "media/bomb.txt": b"\0" * (21 * MB)}), "more than 20 MB"),
    "many-files": (zip_of({f"media/{n}.txt": "x" for n in range(1001)}), "the limit is 1000"),
    "over-10-mb": (b"PK\x03\x04" + b"\0" * (10 * MB), "larger than 10 MB"),
}


def test_a_bad_course_zip_is_refused_with_what_to_fix_and_nothing_is_stored(
    client, author, tmp_path
):
    before = files_under(tmp_path)
    for case, (data, message) in BAD_PACKAGES.items():
        response = upload_package(client, data)
        assert response.status_code == 400, case
        assert message in response.get_data(as_text=True), case
        assert db.session.execute(db.select(CourseDraft.id)).first() is None, case
        assert files_under(tmp_path) == before, case
    assert not (tmp_path.parent / "escape.md").exists() and not Path("/tmp/absolute.md").exists()


def test_unsafe_media_in_a_course_zip_is_named_and_never_goes_live(client, author):
    """A draft keeps the author's files, but the editor names each bad one and what to use,
    publishing is refused, and nothing of the package is ever served."""
    media = {"media/page.html": HTML, "media/icon.svg": SVG, "media/photo.png": HTML}
    media["media/setup.exe"] = b"MZ\x90\x00"
    references = "\n\n".join(f"[{path}]({path})" for path in media)
    lesson = LESSON_MD + "\n\n" + references + "\n"
    package = zip_of({**GOOD_FILES, "lessons/01-first.md": lesson, **media})
    response = upload_package(client, package)
    assert response.status_code == 302
    editor = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "&#39;.html&#39; files cannot be served safely" in editor
    assert "&#39;.svg&#39; files cannot be served safely" in editor
    assert "&#39;.exe&#39; files cannot be served safely" in editor
    assert "This file&#39;s content is not a PNG file" in editor
    refused = client.submit("/authoring/drafts/uploaded/publish", {"acknowledge": "y"})
    assert refused.status_code == 400
    assert db.session.execute(db.select(CourseVersion.id)).first() is None
    assert db.session.execute(db.select(CourseMedia.id)).first() is None
