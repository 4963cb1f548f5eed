"""The supervisor dashboard with 500 supervisees (each with a tracked credential and 10 CE
records): median latency in the app (test client), beside /healthz measured the same way."""

import os
import re
import secrets
from datetime import date, timedelta

from bench.common import instance_dir
from bench.renewal_page import _median_ms

PEERS = 500


def run() -> dict:
    with instance_dir() as instance:
        os.environ.update(
            {
                "LMS_INSTANCE_PATH": str(instance),
                "LMS_ENVIRONMENT": "development",
                "LMS_SECRET_KEY": secrets.token_hex(16),
            }
        )
        from flask_migrate import upgrade

        from lms import create_app
        from lms.auth import accounts
        from lms.extensions import db
        from lms.models import CERecord, SupervisorLink, User, UserCredential

        app = create_app()
        with app.app_context():
            upgrade()
            boss = accounts.create_user(
                "boss@example.org", "bench pass phrase", "Sam", roles=("supervisor",)
            )
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
        client = app.test_client()
        page = client.get("/signin").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post(
            "/signin",
            data={
                "csrf_token": token,
                "email": "boss@example.org",
                "password": "bench pass phrase",
            },
        )
        dashboard = _median_ms(client, "/team/", runs=10)
        health = _median_ms(client, "/healthz")
    return {
        "supervisees": PEERS,
        "ce_records": PEERS * 10,
        "dashboard_ms": dashboard,
        "healthz_ms": health,
    }
