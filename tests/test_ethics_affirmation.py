"""The code of ethics: a trainee reads it and affirms it by typing their legal name; the record
keeps the version, the exact text's hash, the time and the name typed; a new version asks
again; supervisors' pages can read everyone's status in one query."""

import hashlib
from pathlib import Path

import pytest

from lms.certification import ethics
from lms.content.language import check_language
from lms.extensions import db
from lms.models import AuditEvent, EthicsAffirmation
from tests.helpers import AuthActions, counting_queries

PAGE = "/certification/ethics"
NEW_VERSION = """---
version: "2026-2"
title: "Harbor Peer Services code of ethics"
---

I keep my own recovery first, and I ask my supervisor for help early.
"""


@pytest.fixture
def trainee(client, create_user):
    user = create_user(email="pat@example.org", legal_name="Pat  Rivera-Lopez")
    AuthActions(client).signin(user.email)
    return user


def affirmations():
    return list(db.session.execute(db.select(EthicsAffirmation)).scalars())


def test_the_bundled_code_is_a_marked_sample_in_person_first_language(app):
    text = ethics.BUNDLED.read_text(encoding="utf-8")
    assert check_language(text, str(ethics.BUNDLED)) == []
    code = ethics.current_code()
    assert code.version == "2026-1"
    assert code.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert "This is a sample" in code.html and "instance/code_of_ethics.md" in code.html
    assert ethics.current_code() is code  # rendered once per text


def test_a_trainee_affirms_by_typing_their_legal_name(client, trainee):
    page = client.get(PAGE).get_data(as_text=True)
    assert "This is a sample" in page and "Version 2026-1" in page
    response = client.submit(PAGE, {"typed_name": "  pat rivera-lopez "})
    assert response.status_code == 302
    row = affirmations()[0]
    assert (row.user_id, row.code_version, row.typed_name) == (
        trainee.id,
        "2026-1",
        "pat rivera-lopez",
    )
    assert row.code_sha256 == hashlib.sha256(ethics.BUNDLED.read_bytes()).hexdigest()
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "ethics.affirmed")
    ).scalar_one()
    assert event.actor_id == trainee.id and event.detail["version"] == "2026-1"
    assert "You affirmed this version on" in client.get(PAGE).get_data(as_text=True)
    assert ethics.affirmation_status(trainee) == ("2026-1", row.affirmed_at)


def test_a_name_that_does_not_match_is_refused_and_nothing_is_stored(client, trainee):
    response = client.submit(PAGE, {"typed_name": "Pat Rivera"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "does not match the legal name on your account" in page
    assert 'value="Pat Rivera"' in page and 'aria-invalid="true"' in page
    assert affirmations() == []
    assert (
        db.session.execute(db.select(AuditEvent.action)).scalars().all().count("ethics.affirmed")
        == 0
    )
    assert ethics.affirmation_status(trainee) == ("2026-1", None)


def test_the_same_version_is_affirmed_only_once(client, trainee):
    client.submit(PAGE, {"typed_name": "Pat Rivera-Lopez"})
    response = client.post(
        PAGE, data={"csrf_token": client.csrf_token("/dashboard"), "typed_name": "Pat Rivera-Lopez"}
    )
    assert response.status_code == 400
    assert "already affirmed this version" in response.get_data(as_text=True)
    assert len(affirmations()) == 1


def test_a_new_version_asks_for_a_new_affirmation(app, client, trainee):
    client.submit(PAGE, {"typed_name": "Pat Rivera-Lopez"})
    own = Path(app.instance_path) / "code_of_ethics.md"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(NEW_VERSION, encoding="utf-8")

    assert ethics.affirmation_status(trainee) == ("2026-2", None)
    page = client.get(PAGE).get_data(as_text=True)
    assert "Harbor Peer Services code of ethics" in page and "This is a sample" not in page
    assert "The code has changed since you affirmed version 2026-1 on" in page
    assert 'name="typed_name"' in page

    assert client.submit(PAGE, {"typed_name": "PAT RIVERA-LOPEZ"}).status_code == 302
    assert sorted(a.code_version for a in affirmations()) == ["2026-1", "2026-2"]
    assert ethics.affirmation_status(trainee)[1] is not None


def test_supervisors_read_every_status_in_one_query(app, create_user):
    people = [create_user(legal_name=f"Peer {n}") for n in range(4)]
    for person in people[:2]:
        ethics.affirm(person, person.legal_name)
    db.session.commit()
    ids = [p.id for p in people]
    with counting_queries() as statements:
        statuses = ethics.affirmation_statuses(ids)
    assert len(statements) == 1
    assert [statuses[i].affirmed_at is not None for i in ids] == [True, True, False, False]
    assert {s.version for s in statuses.values()} == {"2026-1"}
