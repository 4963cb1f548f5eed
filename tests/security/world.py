"""A site where every plain-text field a person can write holds an attack, written through the
real forms by the people who may write it: a peer, their supervisor and an administrator."""

import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from lms.extensions import db
from lms.models import Certificate, CourseVersion, User
from tests.helpers import DEFAULT_PASSWORD, PDF, BrowserLikeClient, signed_in
from tests.journeys import answer_all, read_all_lessons, sign_up, start_attempt

ALL_TIME = "start=2000-01-01&end=2100-12-31"
FORMULA_PREFIXES = ("=1+2 ", "+1+2 ", "-1+2 ", "@SUM(1) ")


@dataclass
class World:
    """Who is signed in where, and the exact value written into each field."""

    peer: User
    peer_client: BrowserLikeClient
    boss_client: BrowserLikeClient
    admin_client: BrowserLikeClient
    public_client: BrowserLikeClient
    payload: str
    values: dict[str, str] = field(default_factory=dict)
    certificate_codes: list[str] = field(default_factory=list)
    invitation_path: str = ""

    def value(self, name: str, payload: str) -> str:
        """A field's text: a formula start (for CSV exports), the attack and the field's name."""
        prefix = FORMULA_PREFIXES[len(self.values) % len(FORMULA_PREFIXES)]
        self.values[name] = f"{prefix}{payload} {name}"
        return self.values[name]


def ok(response) -> None:
    """A form was accepted: browsers get a redirect after a successful post."""
    assert response.status_code == 302, response.get_data(as_text=True)[-1500:]


def build_world(app, client, create_user, create_course, outbox, payload: str) -> World:
    """Provider settings, a course, a peer who signs up, invites their supervisor, logs outside
    CE and practice, completes the course; rejections, a re-issue and a draft: each text field
    holds `payload`. The `client` becomes the peer's browser."""
    admin = create_user(email="admin@example.org", roles=("admin", "trainer"))
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    admin_client, boss_client = signed_in(app, admin), signed_in(app, boss)
    public_client = BrowserLikeClient(app.test_client())
    world = World(None, client, boss_client, admin_client, public_client, payload)
    _provider_settings(world, payload)
    create_course(title=world.value("course", payload), lessons=1, evaluation=True)
    _sign_up(world, payload, outbox)
    world.invitation_path = _invite(world, boss, outbox)
    ok(boss_client.submit(world.invitation_path, {}))
    _outside_ce(world, payload)
    _practice_log(world, payload)
    _complete_course(world, payload)
    _reissue(world, payload)
    ok(admin_client.submit("/authoring/new", {"title": world.value("draft", payload), "slug": "d"}))
    return world


def _provider_settings(world: World, payload: str) -> None:
    names = ("organisation", "contact", "approving_body", "approval_number")
    names += ("approval_statement", "signatory_name", "signatory_title")
    data = {name: world.value(f"provider_{name}", payload) for name in names}
    data["approval_number"] = data["approval_number"][:100]
    world.values["provider_approval_number"] = data["approval_number"]
    ok(world.admin_client.submit("/admin/provider", {**data, "paper": "letter"}))
    approval = {k: data[k] for k in ("approving_body", "approval_number")}
    ok(
        world.admin_client.submit(
            "/admin/provider/approvals", {**approval, "valid_from": "2020-01-01"}
        )
    )


def _sign_up(world: World, payload: str, outbox) -> None:
    client = world.peer_client
    legal_name = world.value("legal", payload)
    ok(sign_up(client, outbox, legal_name, "peer@example.org", DEFAULT_PASSWORD))
    world.peer = db.session.execute(
        db.select(User).where(User.email == "peer@example.org")
    ).scalar_one()
    profile = {"legal_name": legal_name, "time_zone": "America/New_York"}
    ok(client.submit("/account", {**profile, "preferred_name": world.value("preferred", payload)}))
    certified = (date.today() - timedelta(days=100)).isoformat()
    tracked = {"rule_set": "icrc-pr", "certified_on": certified, "name": ""}
    tracked["number"] = world.value("credential_number", payload)
    ok(client.submit("/account", tracked, action="/account/credentials"))
    other = {"rule_set": "", "name": world.value("credential_name", payload), "number": ""}
    ok(client.submit("/account", other, action="/account/credentials"))


def _invite(world: World, boss: User, outbox) -> str:
    before = set(outbox.glob("*.eml"))
    ok(world.peer_client.submit("/team/supervisors", {"email": boss.email}))
    (message,) = set(outbox.glob("*.eml")) - before
    return re.search(r"http://localhost(/team/invites/\S+)", message.read_text()).group(1)


def _outside_ce(world: World, payload: str) -> None:
    form = {
        "title": world.value("ce_title", payload),
        "provider": world.value("ce_provider", payload),
        "approval_number": world.value("ce_approval", payload)[:100],
        "earned_on": (date.today() - timedelta(days=3)).isoformat(),
        "hours": "1",
        "topics": ["ethics"],
        "delivery": "webinar",
    }
    world.values["ce_approval"] = form["approval_number"]
    file_name = browser_file_name(world.value("file_name", payload) + ".pdf")
    world.values["file_name"] = file_name.rsplit("/", 1)[-1]  # only the base name is kept
    for _ in range(2):
        upload = {**form, "evidence": (io.BytesIO(PDF), file_name)}
        ok(world.peer_client.submit("/ce/outside/new", upload, content_type="multipart/form-data"))
    record_id = _first_id(world.peer_client.get("/ce"), r"/ce/(\d+)/edit")
    reason = world.value("ce_rejection", payload)
    decision = {"decision": "reject", "reason": reason}
    action = f"/supervision/ce/{record_id}/decide"
    ok(world.boss_client.submit("/supervision/queue", decision, action=action))


def browser_file_name(name: str) -> str:
    """A file name as browsers put it in a form post (the HTML standard escapes these three)."""
    return name.replace("\n", "%0A").replace("\r", "%0D").replace('"', "%22")


def _practice_log(world: World, payload: str) -> None:
    day = (date.today() - timedelta(days=2)).isoformat()
    practice = {"done_on": day, "hours": "2", "setting": "hospital", "domain": "advocacy"}
    practice["description"] = world.value("practice_notes", payload)
    ok(world.peer_client.submit("/certification/log/practice/new", practice))
    supervision = {"done_on": day, "hours": "1", "session_format": "group"}
    supervision["supervisor_name"] = world.value("supervision_by", payload)
    supervision["description"] = world.value("supervision_notes", payload)
    ok(world.peer_client.submit("/certification/log/supervision/new", supervision))
    entry_id = _first_id(world.boss_client.get("/supervision/queue"), r"practice/(\d+)/decide")
    decision = {"decision": "reject", "reason": world.value("practice_rejection", payload)}
    action = f"/certification/supervision/practice/{entry_id}/decide"
    ok(world.boss_client.submit("/supervision/queue", decision, action=action))
    ok(world.peer_client.submit("/certification/ethics", {"typed_name": world.values["legal"]}))


def _complete_course(world: World, payload: str) -> None:
    client, slug = world.peer_client, "ethics-basics"
    ok(client.submit(f"/courses/{slug}", {}, action=f"/courses/{slug}/enroll"))
    read_all_lessons(client, slug, 1)
    attempt_id = start_attempt(client, slug)
    version = db.session.execute(db.select(CourseVersion)).scalar_one()
    answer_all(client, attempt_id, right=True, version=version)
    ok(client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit"))
    ratings = dict.fromkeys(("objectives", "useful", "clear", "respectful"), "4")
    comment = world.value("evaluation", payload)
    ok(client.submit(f"/courses/{slug}/evaluation", {**ratings, "comment": comment}))


def _reissue(world: World, payload: str) -> None:
    certificate = db.session.execute(db.select(Certificate)).scalar_one()
    page = f"/admin/certificates/{certificate.display_code}"
    reason = {"reason": world.value("reissue_reason", payload), "confirm": "yes"}
    ok(world.admin_client.submit(page, reason, action=f"{page}/reissue"))
    codes = db.session.execute(db.select(Certificate).order_by(Certificate.id)).scalars()
    world.certificate_codes = [c.display_code for c in codes]


def _first_id(response, pattern: str) -> int:
    return int(re.search(pattern, response.get_data(as_text=True)).group(1))
