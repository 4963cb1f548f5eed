"""A Spanish reader meets credential rules and certificate topics in Spanish: requirement labels
of the bundled rule files come from the catalog wherever they are printed, board and credential
names stay as the board writes them, and records keep the keys."""

import re
from datetime import date, timedelta
from pathlib import Path

from lms.ce.rules import BUNDLED_RULES_DIR, load_rule_sets
from lms.extensions import db
from lms.i18n_lint import extract_rule_labels
from lms.models import CERecord, Certificate, User
from tests.helpers import AuthActions, BrowserLikeClient, invoke_ok, pdf_text
from tests.journeys import answer_all, read_all_lessons, start_attempt

CRS = "Pennsylvania Certified Recovery Specialist (CRS)"


def _speaks_spanish(user_id: int) -> None:
    db.session.get(User, user_id).locale = "es"
    db.session.commit()


def _hold_pa_crs(client) -> int:
    """The signed-in peer adds a Pennsylvania CRS credential and 4 verified hours of ethics."""
    today = date.today()
    expires = today + timedelta(days=200)
    client.submit(
        "/account",
        {
            "rule_set": "pa-crs",
            "name": "",
            "number": "CRS-1",
            "certified_on": (expires - timedelta(days=730)).isoformat(),
            "expires_on": expires.isoformat(),
        },
        action="/account/credentials",
    )
    user_id = db.session.execute(db.select(User.id).where(User.email == "peer@example.org"))
    db.session.add(
        CERecord(
            user_id=user_id.scalar_one(),
            source="external",
            title="Workshop",
            minutes=240,
            topics=["ethics"],
            delivery="live",
            earned_on=today - timedelta(days=30),
            status="verified",
        )
    )
    db.session.commit()
    return db.session.execute(db.select(CERecord.user_id)).scalar_one()


def test_every_requirement_label_of_the_bundled_rules_reaches_the_catalog():
    labels = set()
    for path in sorted(BUNDLED_RULES_DIR.glob("*.yaml")):
        with path.open("rb") as f:
            labels |= {message for _line, _f, message, _c in extract_rule_labels(f, [], [], {})}
    expected = set()
    for rule in load_rule_sets([BUNDLED_RULES_DIR]).values():
        for version in rule.versions or [rule]:
            expected |= {r.label for r in version.requirements[1:]}
            expected |= {c.label for c in version.caps}
    assert "Confidentiality" in labels and "Via a CARES Academy Connect" in labels
    assert labels == expected
    # Names and sources are not labels: they stay as the board writes them.
    assert CRS not in labels and not any(label.startswith("http") for label in labels)


def test_a_spanish_peer_reads_their_renewal_requirements_in_spanish(client, create_user):
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    _hold_pa_crs(client)
    credential_page = "/renewal/" + str(peer.credentials[0].id)
    english = client.get(credential_page).get_data(as_text=True)
    assert "<h3>Confidentiality</h3>" in english and "Total hours: 4 of 30" in english
    _speaks_spanish(peer.id)
    page = client.get(credential_page).get_data(as_text=True)
    assert "<h3>Ética</h3>" in page and "<h3>Confidencialidad</h3>" in page
    assert ">Total de horas<" in page  # the chart's bar
    assert "<h3>Confidentiality</h3>" not in page and "Total hours" not in page
    assert CRS in page  # the credential's name as the board writes it
    # The stored credential and records keep keys, never the Spanish text.
    assert peer.credentials[0].rule_set == "pa-crs"
    assert db.session.execute(db.select(CERecord.topics)).scalar_one() == ["ethics"]


def test_a_spanish_supervisor_sees_what_a_peer_is_missing_in_spanish(
    app, client, create_user, runner
):
    peer = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(peer.email)
    _hold_pa_crs(client)
    boss = create_user(email="boss@example.org", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", boss.email, peer.email])
    supervisor = BrowserLikeClient(app.test_client())
    AuthActions(supervisor).signin(boss.email)
    _speaks_spanish(boss.id)
    team = supervisor.get("/team/").get_data(as_text=True)
    assert "<br>Ética: 2 h" in team and "<br>Confidencialidad: 3 h" in team
    assert "Confidentiality:" not in team
    peer_page = supervisor.get(f"/team/{peer.id}").get_data(as_text=True)
    assert ">Confidencialidad<" in peer_page and ">Confidentiality<" not in peer_page


def _complete_ethics_course(client, create_course) -> Certificate:
    version = create_course(
        title="Ethics and Boundaries", lessons=1, ce_minutes=90, topics=("ethics", "self-care")
    )
    client.submit("/courses/ethics-basics", {}, action="/courses/ethics-basics/enroll")
    read_all_lessons(client, "ethics-basics", 1)
    attempt_id = start_attempt(client, "ethics-basics")
    answer_all(client, attempt_id, right=True, version=version)
    client.submit(f"/attempts/{attempt_id}", {}, action=f"/attempts/{attempt_id}/submit")
    return db.session.execute(db.select(Certificate)).scalar_one()


def test_a_spanish_learners_certificate_prints_topics_in_spanish_for_good(
    app, client, create_user, create_course
):
    learner = create_user(email="lucia@example.org", legal_name="Lucía Gómez")
    _speaks_spanish(learner.id)
    AuthActions(client).signin(learner.email)
    certificate = _complete_ethics_course(client, create_course)
    printed = " ".join(pdf_text(certificate.pdf).split())
    assert "Temas de EC Ética, Autocuidado y bienestar" in printed
    # The verify page shows the labels the certificate was issued with, to any visitor.
    visitor = app.test_client()
    verify = visitor.get(f"/verify/{certificate.display_code}").get_data(as_text=True)
    assert "Ética, Autocuidado y bienestar" in verify
    # The record keeps the keys; a later change of language never rewrites the certificate.
    assert db.session.execute(db.select(CERecord.topics)).scalar_one() == ["ethics", "self-care"]
    db.session.get(User, learner.id).locale = "en"
    db.session.commit()
    assert "Ética, Autocuidado y bienestar" in client.get(
        f"/verify/{certificate.display_code}"
    ).get_data(as_text=True)


def _readiness_in_spanish(client, create_user, rule_set: str) -> str:
    """The certification page of a new trainee who reads Spanish, working toward `rule_set`."""
    trainee = create_user(email=f"new.peer.{rule_set}@example.org")
    _speaks_spanish(trainee.id)
    AuthActions(client).signin(trainee.email)
    chosen = client.submit(
        "/certification/", {"rule_set": rule_set}, action="/certification/working-toward"
    )
    assert chosen.status_code == 302
    return client.get("/certification/").get_data(as_text=True)


def test_a_spanish_trainee_reads_the_initial_requirements_in_spanish(client, create_user):
    page = _readiness_in_spanish(client, create_user, "wa-cpss")
    assert '<th scope="row">Horas de práctica</th>' in page
    assert "Practice hours" not in page
    assert "Washington Certified Peer Support Specialist" in page  # the board's name as written


def test_a_spanish_peer_reads_how_the_rules_change_next_cycle_in_spanish(app, client, create_user):
    """A site's own versioned rule file: the next version asks 30 hours instead of 20, drops
    ethics and adds confidentiality (labels the catalog knows)."""
    later = date.today() + timedelta(days=100)
    folder = Path(app.instance_path) / "credentials"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "local-cps.yaml").write_text(
        f"""key: local-cps
name: Local Certified Peer Specialist
issuing_body: Local board
sources: [{{url: https://example.org/cps, title: Local, supports: all, retrieved: 2026-12-01}}]
cycle: {{kind: anniversary, months: 24}}
versions:
  - effective_from: 2020-01-01
    total_hours: 20
    note: Rules change. Check with your board before relying on these figures.
    requirements:
      - {{key: ethics, label: Ethics, topics: [ethics], hours: 3}}
  - effective_from: {later.isoformat()}
    total_hours: 30
    requirements:
      - {{key: confidentiality, label: Confidentiality, topics: [confidentiality], hours: 2}}
""",
        encoding="utf-8",
    )
    peer = create_user(email="peer@example.org")
    _speaks_spanish(peer.id)
    AuthActions(client).signin(peer.email)
    certified = (date.today() - timedelta(days=200)).isoformat()
    client.submit(
        "/account",
        {"rule_set": "local-cps", "name": "", "number": "L-1", "certified_on": certified},
        action="/account/credentials",
    )
    page = client.get(f"/renewal/{peer.credentials[0].id}").get_data(as_text=True)
    assert (
        "Total de horas: de 20 horas pasa a 30 horas; nuevo: Confidencialidad, 2 horas; "
        "ya no se pide: Ética." in page
    )
    assert "becomes" not in page and "no longer asked" not in page


def test_labels_worded_from_a_boards_figures_read_in_spanish(client, create_user):
    """Oregon's CRM asks 40 hours of training from a named program and 2 years of recovery;
    the figures are worded in the reader's language, the program's name stays as written."""
    page = _readiness_in_spanish(client, create_user, "or-crm")
    assert "Al menos 2 años de recuperación" in page
    assert "40 horas de capacitación de an OHA-approved addiction peer training program" in page
    rows = " ".join(re.findall(r'<th scope="row">(.*?)</th>', page))
    assert "of recovery" not in rows and "of training from" not in rows
