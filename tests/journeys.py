"""Steps a person takes through the real forms, shared by the tests of several areas: finish a
course, log outside CE or practice hours, have a supervisor decide on them, draft and publish a
course. Each step posts what a browser would post, CSRF token included."""

import email
import io
import re
from datetime import date, timedelta

from lms.extensions import db
from lms.models import CourseDraft, QuizAttempt
from tests.helpers import CSRF_INPUT, PDF, AuthActions

# --- Learning -------------------------------------------------------------------------------


def read_all_lessons(client, slug: str, count: int) -> None:
    """Mark lessons 1..count of an enrolled course as read."""
    for position in range(1, count + 1):
        client.submit(f"/courses/{slug}/lessons/{position}", {})


def start_attempt(client, slug: str) -> int:
    """Start (or resume) the course's quiz; returns the attempt's id."""
    response = client.submit(f"/courses/{slug}/quiz", {})
    return int(response.headers["Location"].split("/attempts/")[1].split("/")[0])


def answer_all(client, attempt_id: int, right: bool, version) -> None:
    """Answer every shown question through the real form, right or wrong."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    questions = {q["id"]: q for q in version.quiz["questions"]}
    for number, item in enumerate(attempt.shown, start=1):
        q = questions[item["id"]]
        wanted = [o["id"] for o in q["options"] if o["correct"] == right]
        path = f"/attempts/{attempt_id}/questions/{number}"
        client.submit(
            path, {"option": wanted[:1] if q["kind"] != "multiple" else wanted, "move": "next"}
        )


# --- Outside CE, practice and supervision hours ---------------------------------------------

OUTSIDE_CE_FORM = {
    "title": "Motivational interviewing webinar",
    "provider": "Harbor Training",
    "approval_number": "NAADAC 123",
    "earned_on": "2026-03-14",
    "hours": "2",
    "topics": ["ethics", "communication"],
    "delivery": "webinar",
}
PRACTICE_FORM = {
    "done_on": "2026-03-14",
    "hours": "2.5",
    "setting": "hospital",
    "domain": "advocacy",
    "description": "Sat with a peer in the emergency department and linked them to a meeting.",
}
SUPERVISION_FORM = {
    "done_on": "2026-03-16",
    "hours": "1",
    "supervisor_name": "Sam Ortiz",
    "session_format": "group",
    "description": "",
}


def track_credential_due_in(client, rule_set: str, days: int, number: str = "CRS-1") -> None:
    """The signed-in peer tracks `rule_set`, certified so that renewal falls due in `days`
    days (a two-year cycle)."""
    certified = date.today() + timedelta(days=days) - timedelta(days=730)
    client.submit(
        "/account",
        {"rule_set": rule_set, "name": "", "number": number, "certified_on": str(certified)},
        action="/account/credentials",
    )


def log_outside_ce(client, data=None, file=(PDF, "cert.pdf")):
    """Log outside CE (OUTSIDE_CE_FORM with `data` over it), with `file` as evidence."""
    payload = {**OUTSIDE_CE_FORM, **(data or {})}
    if file is not None:
        payload["evidence"] = (io.BytesIO(file[0]), file[1])
    return client.submit("/ce/outside/new", payload, content_type="multipart/form-data")


def log_practice(client, kind="practice", data=None):
    """Log practice or supervision hours (`kind`), the matching form with `data` over it."""
    payload = {**(PRACTICE_FORM if kind == "practice" else SUPERVISION_FORM), **(data or {})}
    return client.submit(f"/certification/log/{kind}/new", payload)


def decide_practice(supervisor, entry_id, decision, reason=""):
    """The supervisor verifies or rejects a practice-log entry from their queue."""
    return supervisor.submit(
        "/supervision/queue",
        {"decision": decision, "reason": reason},
        action=f"/certification/supervision/practice/{entry_id}/decide",
    )


# --- Authoring ------------------------------------------------------------------------------

TEMPLATE_LESSON = "lessons/01-listening-well.md"  # the first lesson of a new draft


def signed_in_author(client, create_user, roles=("trainer",), email=None):
    """A new user with `roles`, signed in on `client`."""
    user = create_user(email=email, roles=roles)
    AuthActions(client).signin(user.email)
    return user


def new_draft(client, slug="listening-skills", title="Listening Skills"):
    """Start a draft from the template; it must be accepted."""
    response = client.submit("/authoring/new", {"title": title, "slug": slug})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


EDITOR_VERSION = re.compile(r'name="version" type="hidden" value="([^"]*)"')


def open_editor(client, slug, path) -> dict:
    """Open the editor on one file as a browser tab would: the form's token and the version
    of the file it loaded, to post back with a save."""
    html = client.get(f"/authoring/drafts/{slug}/edit?file={path}").get_data(as_text=True)
    version, token = EDITOR_VERSION.search(html), CSRF_INPUT.search(html)
    assert version and token, f"no editor form for {path}"
    return {"csrf_token": next(g for g in token.groups() if g), "version": version.group(1)}


def save_draft(client, slug, path, text, action="save", tab: dict | None = None):
    """Save `text` as the draft's file `path` through the editor form; `tab` is what an
    already open editor holds (open_editor), else the editor is opened just before."""
    tab = tab or open_editor(client, slug, path)
    return client.post(
        f"/authoring/drafts/{slug}/edit",
        data={**tab, "path": path, "text": text, "action": action},
    )


def label_edition(client, slug, label):
    """Give the draft's next edition its own version label (`version:` in course.md)."""
    text = re.sub(
        r"(?m)^version: .*$", f'version: "{label}"', draft_text(slug, "course.md"), count=1
    )
    response = save_draft(client, slug, "course.md", text)
    assert response.status_code == 302, response.get_data(as_text=True)


def publish_draft(client, slug, **data):
    return client.submit(f"/authoring/drafts/{slug}/publish", data)


def draft_text(slug, path):
    """The stored text of one file of the draft."""
    draft = db.session.execute(db.select(CourseDraft).where(CourseDraft.slug == slug)).scalar_one()
    return draft.files[path]


SIGNUP_LINK = re.compile(r"https?://[^/\s]+(/signup/finish/[A-Za-z0-9_-]+)")


def signup_link(outbox, address: str) -> str:
    """The path of the newest sign-up link mailed to `address`."""
    for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
        message = email.message_from_bytes(path.read_bytes())
        body = message.get_payload(decode=True).decode()
        if message["To"] == address and SIGNUP_LINK.search(body):
            return SIGNUP_LINK.search(body).group(1)
    raise AssertionError(f"no sign-up link was mailed to {address}")


def sign_up(client, outbox, legal_name: str, address: str, password: str, **kwargs):
    """Sign up through the real forms and the link mailed to the address; the finish response."""
    sent = client.submit(
        "/signup", {"legal_name": legal_name, "email": address, "password": password}, **kwargs
    )
    assert sent.status_code == 200 and "Check your email" in sent.get_data(as_text=True)
    link = signup_link(outbox, address.strip().lower())
    return client.submit(link, {}, **kwargs)
