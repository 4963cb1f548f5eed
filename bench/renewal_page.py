"""The renewal page for a peer with 500 CE records: median latency in the app (test client),
beside /healthz measured the same way."""

import os
import secrets
import statistics
import time
from datetime import date, timedelta

from bench.common import instance_dir

RECORDS = 500


def _median_ms(client, path: str, runs: int = 50) -> float:
    client.get(path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        assert client.get(path).status_code == 200
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 2)


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
        from lms.models import CERecord, UserCredential

        app = create_app()
        with app.app_context():
            upgrade()
            user = accounts.create_user("peer@example.org", "bench pass phrase", "Pat")
            today = date.today()
            credential = UserCredential(
                user_id=user.id,
                name="PA CRS",
                rule_set="pa-crs",
                certified_on=today - timedelta(days=700),
                expires_on=today + timedelta(days=30),
            )
            db.session.add(credential)
            topics = (["ethics"], ["confidentiality"], ["peer-support"], ["ethics", "self-care"])
            for n in range(RECORDS):
                db.session.add(
                    CERecord(
                        user_id=user.id,
                        source="external",
                        title=f"T{n}",
                        minutes=30,
                        topics=topics[n % 4],
                        delivery="live",
                        earned_on=today - timedelta(days=n * 2 % 900),
                        status=("verified", "pending", "rejected")[n % 3],
                    )
                )
            db.session.commit()
            credential_id = credential.id
        client = app.test_client()
        page = client.get("/signin").get_data(as_text=True)
        import re

        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post(
            "/signin",
            data={
                "csrf_token": token,
                "email": "peer@example.org",
                "password": "bench pass phrase",
            },
        )
        renewal = _median_ms(client, f"/renewal/{credential_id}")
        health = _median_ms(client, "/healthz")
    return {"ce_records": RECORDS, "renewal_page_ms": renewal, "healthz_ms": health}
