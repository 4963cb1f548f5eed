"""The supervisor dashboard with 500 supervisees (each with a tracked credential and 10 CE
records): median latency in the app (test client), beside /healthz measured the same way."""

import secrets
from datetime import date, timedelta

from bench.common import in_process_app, median_ms, signed_in_client

PEERS = 500
PASSWORD = "bench pass phrase"


def run() -> dict:
    with in_process_app() as app:
        from lms.auth import accounts
        from lms.extensions import db
        from lms.models import CERecord, SupervisorLink, User, UserCredential

        boss = accounts.create_user("boss@example.org", PASSWORD, "Sam", roles=("supervisor",))
        today = date.today()
        for n in range(PEERS):
            peer = User(
                email=f"p{n}@example.org",
                password_hash=boss.password_hash,
                legal_name=f"Peer {n}",
                session_token=secrets.token_urlsafe(24),
            )
            db.session.add(peer)
            db.session.flush()
            db.session.add(SupervisorLink(supervisor_id=boss.id, peer_id=peer.id))
            db.session.add(
                UserCredential(
                    user_id=peer.id,
                    name="IC&RC PR",
                    rule_set="icrc-pr",
                    certified_on=today - timedelta(days=n % 700),
                )
            )
            for m in range(10):
                db.session.add(
                    CERecord(
                        user_id=peer.id,
                        source="external",
                        title="T",
                        minutes=60,
                        topics=["ethics"],
                        delivery="live",
                        earned_on=today - timedelta(days=m * 30),
                        status="verified" if m % 4 else "pending",
                    )
                )
        db.session.commit()
        client = signed_in_client(app, "boss@example.org", PASSWORD)
        dashboard = median_ms(client, "/team/", runs=10)
        health = median_ms(client, "/healthz")
    return {
        "supervisees": PEERS,
        "ce_records": PEERS * 10,
        "dashboard_ms": dashboard,
        "healthz_ms": health,
    }
