"""Stored XSS: whatever a peer, supervisor, trainer or administrator types is shown as text on
every page, printed as text in PDFs, and never runs as a formula in a spreadsheet."""

import ast
import csv
import email
import io
from urllib.parse import quote

import pytest

from lms.config import PROJECT_ROOT
from lms.extensions import db
from tests.helpers import signed_in
from tests.journeys import save_draft
from tests.security.checks import (
    active_content,
    crawl,
    formula_cells,
    pdf_actions,
    pdf_text,
    squeeze,
    visible_text,
    zip_members,
)
from tests.security.world import ALL_TIME, build_world

# Plain-text fields: each attack is a way out of element text or out of an attribute value.
TEXT_ATTACKS = {
    "script-and-onerror": '<script>alert("pp")</script><img src=x onerror=alert(1)>',
    "attribute-breakout": '"><svg onload=alert(1)>\'><a href="javascript:alert(1)">x</a>',
    "malformed-tags": "<scr<script>ipt>alert(1)</scr</script>ipt><iframe src=&#106;avascript:1>",
}


@pytest.fixture(params=list(TEXT_ATTACKS.values()), ids=list(TEXT_ATTACKS))
def world(request, app, client, create_user, create_course, outbox):
    return build_world(app, client, create_user, create_course, outbox, request.param)


def everything_shown(world) -> dict:
    """{(who, path): response} for every page and file each person reaches by its links, and
    the pages that echo what is typed into search boxes and addresses."""
    typed = quote(world.payload)
    codes = world.certificate_codes
    visits = {
        "peer": (
            world.peer_client,
            ["/dashboard", "/account", "/ce", "/renewal", "/certificates"]
            + [f"/transcript?{ALL_TIME}", f"/transcript.csv?{ALL_TIME}"]
            + [f"/transcript.pdf?{ALL_TIME}", f"/transcript?start={typed}"]
            + ["/certification/log", "/certification/log/supervision"]
            + ["/certification/ethics", "/team/supervisors"],
        ),
        "supervisor": (
            world.boss_client,
            ["/team/", "/team/status.csv", "/supervision/queue", world.invitation_path],
        ),
        "admin": (
            world.admin_client,
            [
                f"/admin/users/{world.peer.id}",
                "/admin/users",
                "/admin/provider",
                "/admin/provider/approvals",
                "/authoring/",
            ]
            + [f"/admin/certificates/{code}" for code in codes]
            + [f"/admin/users?q={typed}", f"/admin/audit?person={typed}&action={typed}"]
            + ["/admin/audit"],
        ),
        "public": (
            world.public_client,
            [f"/verify/{code}" for code in codes] + [f"/verify/{typed}", f"/courses?q={typed}"],
        ),
    }
    found = {}
    for who, (client, starts) in visits.items():
        found.update({(who, path): r for path, r in crawl(client, starts).items()})
    page = f"/admin/users/{world.peer.id}"
    export = world.admin_client.submit(page, {}, action=f"{page}/export")
    found[("admin", f"{page}/export")] = export
    return found


def html_problems(shown: dict) -> tuple[list[str], str]:
    """Active content on any HTML page, and the text of every page together."""
    problems, texts = [], []
    for (who, path), response in shown.items():
        if response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            problems += [f"{who} {path}: {found}" for found in active_content(html)]
            texts.append(visible_text(html))
    return problems, "\n".join(texts)


def files_made(shown: dict, mimetype: str) -> dict[str, bytes]:
    """Every file of a type Peerpath made (not a person's uploaded evidence), served directly
    or inside a ZIP, by where it came from."""
    files = {}
    for (who, path), response in shown.items():
        if response.mimetype == mimetype and not path.startswith("/evidence/"):
            files[f"{who} {path}"] = response.data
        if response.mimetype == "application/zip":
            extension = {"text/csv": ".csv", "application/pdf": ".pdf"}[mimetype]
            for name, data in zip_members(response.data).items():
                if name.endswith(extension) and not name.startswith("evidence/"):
                    files[f"{who} {path} {name}"] = data
    return files


def csv_cells(data: bytes) -> set[str]:
    return {cell for row in csv.reader(io.StringIO(data.decode("utf-8"))) for cell in row}


def test_text_fields_are_inert_text_on_every_page_pdf_and_spreadsheet(world):
    """No page grows a script, event handler or script URL from what people typed, yet every
    field is shown as the exact text typed; PDFs print it as text and carry no script action;
    every CSV cell that would start a formula is quoted with an apostrophe."""
    shown = everything_shown(world)

    problems, page_text = html_problems(shown)
    assert not problems, "\n".join(problems)
    not_shown = [name for name, value in world.values.items() if value not in page_text]
    assert not not_shown, f"fields never shown as text (test would prove nothing): {not_shown}"

    pdfs = files_made(shown, "application/pdf")
    assert any("/certificates/" in where for where in pdfs) and len(pdfs) >= 3, sorted(pdfs)
    for where, data in pdfs.items():
        assert not pdf_actions(data), f"{where} carries a script action"
    certificate = pdf_text(shown[("peer", f"/certificates/{world.certificate_codes[-1]}.pdf")].data)
    printed = ["legal", "course", "credential_number", "credential_name"]
    printed += [name for name in world.values if name.startswith("provider_")]
    for name in printed:
        assert squeeze(world.values[name]) in squeeze(certificate), name
    transcript_pdf = pdf_text(shown[("peer", f"/transcript.pdf?{ALL_TIME}")].data)
    for name in ("legal", "ce_title", "ce_provider"):
        assert squeeze(world.values[name]) in squeeze(transcript_pdf), name

    spreadsheets = files_made(shown, "text/csv")
    assert len(spreadsheets) >= 4, sorted(spreadsheets)
    for where, text in spreadsheets.items():
        assert not formula_cells(text.decode("utf-8")), where
    transcript = csv_cells(spreadsheets[f"peer /transcript.csv?{ALL_TIME}"])
    assert "'" + world.values["ce_title"] in transcript
    assert "'" + world.values["ce_provider"] in transcript
    exported = csv_cells(spreadsheets[f"admin /admin/users/{world.peer.id}/export ce_records.csv"])
    assert "'" + world.values["ce_rejection"] in exported
    team = csv_cells(spreadsheets["supervisor /team/status.csv"])
    assert "'" + world.values["legal"] in team


# Author Markdown (course.md, lessons, quiz.md): raw HTML, script URLs in links and images.
MARKDOWN_ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><details open ontoggle=alert(1)>x</details>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="javascript:alert(1)">raw link</a> <iframe src="https://evil.example"></iframe>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>) [y](  javascript:alert(1)) [z](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1)) ![y](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '[x](https://example.org "t\\" onmouseover=\\"alert(1)")',
    '[x](https://example.org" onmouseover="alert(1))',
    '![x" onerror="alert(1)](https://example.org/a.png)',
    '[x](https://example.org/"><script>alert(1)</script>)',
]
# The course checker refuses to load these (they read as broken links to package files), so
# they reach learners only through a draft: the editor's preview must still render them inert.
DRAFT_ONLY_ATTACKS = [
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript&#x3A;alert(1))",
    "[x](java%0ascript:alert(1))",
]
SLUG = "attack-course"
LESSONS = 4  # the attacks are dealt out over this many lessons


def attack_package(folder) -> None:
    """A course whose welcome, lessons and quiz hold every Markdown attack."""
    everything = "\n\n".join(MARKDOWN_ATTACKS)
    (folder / "lessons").mkdir(parents=True)
    (folder / "course.md").write_text(
        f"---\nslug: {SLUG}\ntitle: Attack course\nsummary: A course full of attacks.\n"
        "version: '1.0'\nce_hours: 0.25\ntopics: [ethics]\nobjectives: [Stay safe.]\n"
        "references: [Peerpath security tests.]\n---\n" + everything + "\n"
    )
    for number in range(1, LESSONS + 1):
        attacks = "\n\n".join(MARKDOWN_ATTACKS[number - 1 :: LESSONS])
        body = "Peers listen with care and respect. " * 120 + "\n\n" + attacks + "\n"
        lesson = folder / "lessons" / f"{number:02d}-attack.md"
        lesson.write_text(f"---\ntitle: Attack {number}\n---\n{body}")
    plain = MARKDOWN_ATTACKS[1]
    (folder / "quiz.md").write_text(
        "---\ntitle: Check\nreveal: after_each_attempt\n---\n\n"
        f"### {plain} {{#attack}}\n{everything}\n\n"
        f"- [ ] {plain}\n  > {MARKDOWN_ATTACKS[4]}\n- [x] {MARKDOWN_ATTACKS[5]}\n  > {plain}\n\n"
        f"Explanation: {MARKDOWN_ATTACKS[3]}\n"
    )


def test_author_markdown_is_sanitised_on_every_page_that_shows_it(
    app, client, runner, create_user, tmp_path
):
    attack_package(tmp_path / SLUG)
    synced = runner.invoke(args=["courses", "sync", str(tmp_path / SLUG)])
    assert synced.exit_code == 0, synced.output
    learner = create_user(email="learner@example.org")
    author = create_user(email="author@example.org", roles=("admin", "trainer"))

    learner_client, author_client = signed_in(app, learner), signed_in(app, author)
    learner_client.submit(f"/courses/{SLUG}", {}, action=f"/courses/{SLUG}/enroll")
    attempt = learner_client.submit(f"/courses/{SLUG}/quiz", {})
    attempt_path = attempt.headers["Location"].split("/questions/")[0]
    learner_client.submit(f"{attempt_path}/questions/1", {"option": ["a"], "move": "next"})
    learner_client.submit(attempt_path, {}, action=f"{attempt_path}/submit")
    author_client.submit("/authoring/", {}, action=f"/authoring/courses/{SLUG}/draft")

    learned = crawl(learner_client, [f"/courses/{SLUG}"], within=SLUG)
    shown = {("learner", p): r for p, r in learned.items()}
    shown[("learner", attempt_path)] = learner_client.get(attempt_path)
    shown[("learner", "question")] = learner_client.get(f"{attempt_path}/questions/1")
    editor = f"/authoring/drafts/{SLUG}/edit"
    authored = crawl(author_client, [f"{editor}?file=course.md"], within=SLUG)
    shown |= {("author", p): r for p, r in authored.items()}
    problems, _text = html_problems(shown)
    assert not problems, "\n".join(problems)
    lessons = [p for who, p in shown if who == "learner" and "/lessons/" in p]
    assert len(lessons) == LESSONS
    assert len([p for who, p in shown if who == "author" and "file=lessons/" in p]) == LESSONS

    token = author_client.csrf_token(f"{editor}?file=quiz.md")
    text = "\n\n".join(MARKDOWN_ATTACKS + DRAFT_ONLY_ATTACKS)
    saved = save_draft(author_client, SLUG, "lessons/01-attack.md", text)
    assert saved.status_code == 302
    page = author_client.get(f"{editor}?file=lessons/01-attack.md").get_data(as_text=True)
    assert not active_content(page) and DRAFT_ONLY_ATTACKS[0] in visible_text(page)
    for path in ("course.md", "quiz.md", "lessons/01-attack.md"):
        preview = author_client.post(
            f"/authoring/drafts/{SLUG}/preview",
            data={"path": path, "text": text},
            headers={"X-CSRFToken": token},
        )
        assert preview.status_code == 200
        assert not active_content(preview.get_json()["html"]), path


def _row_is_safe(row: ast.expr) -> bool:
    """A fixed header (a constant, or the `header` argument of a CSV helper), or a row built
    by passing every cell through safe_cell."""
    if isinstance(row, ast.Name):
        return row.id.isupper() or row.id == "header"
    if isinstance(row, ast.ListComp | ast.GeneratorExp):
        return isinstance(row.elt, ast.Call) and getattr(row.elt.func, "id", "") == "safe_cell"
    return False


def test_every_csv_writer_in_lms_passes_its_cells_through_safe_cell():
    """So a new export cannot forget it (lms/certificates/transcript.py holds the helper)."""
    rows, unsafe = [], []
    for path in sorted((PROJECT_ROOT / "lms").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if call and node.func.attr in ("writerow", "writerows", "DictWriter"):
                where = f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}"
                rows.append(where)
                if node.func.attr != "writerow" or not _row_is_safe(node.args[0]):
                    unsafe.append(where)
    assert len(rows) >= 6, rows
    assert not unsafe, f"CSV rows written without safe_cell: {unsafe}"


def test_a_line_break_in_a_name_never_reaches_a_mail_header(client, create_user, auth, outbox):
    """A name stored with a line break cannot add a header (a Bcc, say) to the invitation a
    supervisor is sent, and a name typed into the profile is saved on one line."""
    injected = "Sam\r\nBcc: victim@example.org"
    create_user(email="boss@example.org", roles=("supervisor",))
    sam = create_user(email="sam@example.org", legal_name=injected)
    auth.signin(sam.email)
    assert client.submit("/team/supervisors", {"email": "boss@example.org"}).status_code == 302
    (sent,) = outbox.glob("*.eml")
    message = email.message_from_bytes(sent.read_bytes())
    assert message["Bcc"] is None and message.get_all("To") == ["boss@example.org"]
    assert message["Subject"] == "An invitation to supervise on Peerpath"
    assert (
        'Name they gave:  "Sam Bcc: victim@example.org"'
        in message.get_payload(decode=True).decode()
    )

    profile = {"legal_name": injected, "preferred_name": "Sam\nBcc: x@example.org"}
    assert (
        client.submit("/account", {**profile, "time_zone": "America/New_York"}).status_code == 302
    )
    db.session.refresh(sam)
    assert (sam.legal_name, sam.preferred_name) == (
        "Sam Bcc: victim@example.org",
        "Sam Bcc: x@example.org",
    )
