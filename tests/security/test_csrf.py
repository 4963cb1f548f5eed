"""CSRF: every state-changing route — found in app.url_map, so a new one is covered without
editing this file — refuses a post whose token is missing, forged or another session's, even
for a signed-in administrator who holds every role and owns the objects named in the address.
The refusal is a clear page, and nothing in the database changes."""

import re

from lms.auth import accounts
from lms.config import PROJECT_ROOT
from lms.db import writing
from lms.extensions import db
from lms.models import (
    ROLES,
    CERecord,
    Certificate,
    PracticeEntry,
    QuizAttempt,
    SupervisorLink,
    UserCredential,
)
from tests.route_rows import collect
from tests.security.checks import database_snapshot
from tests.security.world import build_world

REFUSAL = "This form has expired or was not sent from Peerpath"
ADVICE = "Nothing was changed. Reload the page and submit the form again."
READ_ONLY = {"GET", "HEAD", "OPTIONS"}


def state_changing_routes(app) -> list[tuple[str, str]]:
    return sorted(
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - READ_ONLY
    )


def real_arguments(peer) -> dict[str, str]:
    """Ids of objects the signed-in person owns, so a forged post would have had an effect."""

    def first(model, *where):
        return str(db.session.execute(db.select(model.id).where(*where)).scalars().first())

    samples = {name.split(":")[-1]: value for name, value in collect()[1].items()}
    return {
        **samples,
        "user_id": str(peer.id),
        "credential_id": first(UserCredential, UserCredential.user_id == peer.id),
        "record_id": first(CERecord, CERecord.user_id == peer.id, CERecord.status == "pending"),
        "entry_id": first(PracticeEntry, PracticeEntry.user_id == peer.id),
        "attempt_id": first(QuizAttempt),
        "link_id": first(SupervisorLink, SupervisorLink.peer_id == peer.id),
        "code": db.session.execute(db.select(Certificate.code)).scalars().first(),
        "slug": "ethics-basics",
    }


def concrete(rule: str, arguments: dict[str, str]) -> str:
    """The rule with each <argument> filled in (drafts are named by the world's draft slug)."""

    def value(match: re.Match) -> str:
        name = match.group(1)
        assert name in arguments, f"{rule}: add a sample for <{name}> in tests/route_rows/"
        return arguments[name]

    path = rule.replace("/drafts/<slug>/", "/drafts/d/")
    return re.sub(r"<(?:[^<>]*:)?(\w+)>", value, path)


def test_every_state_changing_route_refuses_a_missing_forged_or_foreign_token(
    app, client, create_user, create_course, outbox
):
    world = build_world(app, client, create_user, create_course, outbox, "csrf")
    with writing():
        for role in ROLES:
            accounts.grant_role(world.peer, role, actor=None)
        db.session.commit()
    signed_in_everywhere = world.peer_client
    foreign_token = world.public_client.csrf_token("/signin")
    arguments = real_arguments(world.peer)
    routes = state_changing_routes(app)
    assert ("POST", "/signout") in routes and len(routes) > 40

    before = database_snapshot()
    attempts = {
        "no token": ({}, {}),
        "forged token": ({"csrf_token": "forged"}, {"X-CSRFToken": "forged"}),
        "another session's token": ({"csrf_token": foreign_token}, {"X-CSRFToken": foreign_token}),
    }
    failures = []
    for method, rule in routes:
        path = concrete(rule, arguments)
        for name, (data, headers) in attempts.items():
            form = {"decision": "verify", "reason": "forged", **data}
            send = getattr(signed_in_everywhere, method.lower())
            response = send(path, data=form, headers=headers)
            page = response.get_data(as_text=True)
            if response.status_code != 400 or REFUSAL not in page or ADVICE not in page:
                failures.append(f"{method} {path} with {name}: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert database_snapshot() == before
    assert signed_in_everywhere.get("/dashboard").status_code == 200

    # The same post with the page's own token works: the addresses name real objects.
    remove = concrete("/account/credentials/<int:credential_id>/remove", arguments)
    assert signed_in_everywhere.submit("/account", {}, action=remove).status_code == 302
    assert database_snapshot() != before


def test_every_post_form_in_the_templates_takes_its_token_from_one_place():
    """A hand-written form gets its token from the csrf_field/post_button macros in
    templates/_forms.html, a WTForms form from hidden_tag() or form.csrf_token: nowhere else
    is the token written out, and no POST form is without one."""
    templates = PROJECT_ROOT / "templates"
    problems = []
    for path in sorted(templates.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(templates).as_posix()
        if name != "_forms.html" and "csrf_token()" in html:
            problems.append(f"{name}: writes the token out; use csrf_field() or post_button()")
        for form in re.finditer(r"<form\b[^>]*\bmethod=\"post\"[^>]*>(.*?)</form>", html, re.S):
            if not re.search(r"csrf_field\(\)|hidden_tag\(\)|\.csrf_token \}\}", form.group(1)):
                line = html.count("\n", 0, form.start()) + 1
                problems.append(f"{name}:{line}: a POST form without a CSRF token")
    assert not problems, "\n".join(problems)
