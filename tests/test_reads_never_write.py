"""Reads never write: every GET route of the app, signed in as every role (and as the learner
whose records they are), sends the database no INSERT, UPDATE or DELETE.

The site holds real records for the walk to reach: a completed course whose certificate PDF was
never stored (rendering failed at issue), outside CE with its evidence, and a supervisor's team.
Writes are counted at the cursor (SQLAlchemy's before_cursor_execute), on every connection.
"""

from lms.db import writing
from lms.extensions import db
from lms.models import CERecord, Certificate, Evidence, UserCredential
from tests.helpers import BrowserLikeClient, concrete_path, counting_writes, invoke_ok, signed_in
from tests.journeys import log_outside_ce
from tests.route_rows import collect
from tests.route_rows.roles import ROLES

_ROWS, SAMPLE_ARGUMENTS = collect()


def get_rules(app) -> list[str]:
    """Every GET rule the app serves, straight from its URL map (new routes are walked too)."""
    return sorted(
        {
            rule.rule
            for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint != "static"
        }
    )


def real_arguments(learner) -> dict[str, str]:
    """Sample arguments that name the learner's real records, so each page has work to do."""
    certificate = db.session.execute(db.select(Certificate)).scalar_one()
    outside = db.session.execute(
        db.select(CERecord).where(CERecord.source == "external")
    ).scalar_one()
    credential = db.session.execute(db.select(UserCredential)).scalars().first()
    evidence = db.session.execute(db.select(Evidence)).scalars().first()
    return {
        **SAMPLE_ARGUMENTS,
        "slug": "ethics-basics",
        "code": certificate.display_code,
        "record_id": str(outside.id),
        "evidence_id": str(evidence.id),
        "credential_id": str(credential.id),
        "peer_id": str(learner.id),
        "user_id": str(learner.id),
    }


def walk(app, client, arguments: dict[str, str]) -> list[str]:
    """GET every route; the writes each sent, and any server error, as readable lines."""
    problems = []
    for rule in get_rules(app):
        path = concrete_path(rule, arguments)
        with counting_writes() as writes:
            response = client.get(path)
        if writes:
            problems.append(f"GET {path} wrote: {writes}")
        if response.status_code >= 500:
            problems.append(f"GET {path} answered {response.status_code}")
    return problems


def test_no_get_route_writes_for_any_role(app, client, completed, create_user, runner):
    learner, certificate, _attempt = completed
    with writing():  # rendering failed at issue: the PDF was never stored
        stored = db.session.get(Certificate, certificate.id)
        stored.pdf, stored.pdf_sha256 = None, None
        db.session.commit()
    assert log_outside_ce(client).status_code == 302
    supervisor = create_user(email="sam@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", supervisor.email, learner.email])
    arguments = real_arguments(learner)

    browsers = {
        "anonymous": BrowserLikeClient(app.test_client()),
        "trainee": client,  # the learner whose records these are
        "supervisor": signed_in(app, supervisor),
    }
    for role in set(ROLES) - browsers.keys():
        browsers[role] = signed_in(app, create_user(roles=(role,)))

    problems = [
        f"{role}: {line}" for role in ROLES for line in walk(app, browsers[role], arguments)
    ]

    assert problems == []
    assert db.session.get(Certificate, certificate.id).pdf is None  # still not stored by a read
