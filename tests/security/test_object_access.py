"""Object-level access, for the cases the area tests do not already cover: another trainee, a
supervisor of someone else, a former supervisor, and even the current supervisor (for what
only the owner may do) get 404 for a peer's records, evidence, log entries, credentials,
quiz attempts and badges — and nothing changes."""

from lms.extensions import db
from lms.models import (
    CERecord,
    Evidence,
    PracticeEntry,
    QuizAttempt,
    SupervisorLink,
    UserCredential,
)
from tests.helpers import invoke_ok, signed_in
from tests.security.checks import database_snapshot
from tests.security.world import build_world

OWNER_ONLY = [
    ("GET", "/ce/{record}/edit"),
    ("POST", "/ce/{record}/edit"),
    ("POST", "/ce/{record}/withdraw"),
    ("POST", "/account/credentials/{credential}/remove"),
    ("GET", "/certification/log/{entry}/edit"),
    ("POST", "/certification/log/{entry}/edit"),
    ("POST", "/certification/log/{entry}/withdraw"),
    ("POST", "/attempts/{attempt}/questions/1"),
    ("POST", "/attempts/{attempt}/submit"),
]
SUPERVISED = [
    ("GET", "/evidence/{evidence}"),
    ("GET", "/certificates/{code}.pdf"),
    ("GET", "/certificates/{code}/badge.jwt"),
]
# Trainees never reach these (403 by role, in tests/test_routes.py).
DECISIONS = [
    ("POST", "/supervision/ce/{record}/decide"),
    ("POST", "/certification/supervision/practice/{entry}/decide"),
]
# Who tries what. Every row must answer 404.
TABLE = {
    "another trainee": OWNER_ONLY + SUPERVISED + [("POST", "/team/links/{link}/end")],
    "supervisor of someone else": OWNER_ONLY + SUPERVISED + DECISIONS,
    "former supervisor": OWNER_ONLY + SUPERVISED + DECISIONS,
    "current supervisor": OWNER_ONLY,
}


def peer_objects(world) -> dict[str, str]:
    peer_id = world.peer.id

    def newest(model, *where):
        return str(db.session.execute(db.select(model.id).where(*where)).scalars().all()[-1])

    return {
        "record": newest(CERecord, CERecord.user_id == peer_id, CERecord.status == "pending"),
        "evidence": newest(Evidence),
        "credential": newest(UserCredential, UserCredential.user_id == peer_id),
        "entry": newest(PracticeEntry, PracticeEntry.status == "pending"),
        "attempt": newest(QuizAttempt),
        "link": newest(SupervisorLink, SupervisorLink.peer_id == peer_id),
        "code": world.certificate_codes[-1],
    }


def test_nobody_but_the_owner_or_their_supervisor_reaches_a_peers_objects(
    app, client, create_user, create_course, outbox, runner
):
    world = build_world(app, client, create_user, create_course, outbox, "objects")
    other_trainee = create_user(email="other@example.org")
    elsewhere = create_user(email="elsewhere@example.org", roles=("supervisor",))
    former = create_user(email="former@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", elsewhere.email, other_trainee.email])
    invoke_ok(runner, ["users", "link", former.email, world.peer.email])
    invoke_ok(runner, ["users", "link", "--end", former.email, world.peer.email])
    clients = {
        "another trainee": signed_in(app, other_trainee),
        "supervisor of someone else": signed_in(app, elsewhere),
        "former supervisor": signed_in(app, former),
        "current supervisor": world.boss_client,
    }
    objects = peer_objects(world)
    assert world.boss_client.get(f"/evidence/{objects['evidence']}").status_code == 200

    before = database_snapshot()
    failures = []
    for who, rows in TABLE.items():
        actor = clients[who]
        token = actor.csrf_token("/account")
        for method, template in rows:
            path = template.format(**objects)
            if method == "GET":
                response = actor.get(path)
            else:
                form = {"csrf_token": token, "decision": "verify", "reason": "x", "move": "next"}
                response = actor.post(path, data=form)
            if response.status_code != 404:
                failures.append(f"{who}: {method} {path} -> {response.status_code}")
    assert not failures, "\n".join(failures)
    assert database_snapshot() == before
