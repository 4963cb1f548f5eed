"""The renewal page for a peer with 500 CE records: median latency in the app (test client),
beside /healthz measured the same way."""

from datetime import date, timedelta

from bench.common import in_process_app, median_ms, signed_in_client

RECORDS = 500
PASSWORD = "bench pass phrase"


def run() -> dict:
    with in_process_app() as app:
        from lms.auth import accounts
        from lms.extensions import db
        from lms.models import CERecord, UserCredential

        user = accounts.create_user("peer@example.org", PASSWORD, "Pat")
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
        client = signed_in_client(app, "peer@example.org", PASSWORD)
        renewal = median_ms(client, f"/renewal/{credential.id}")
        health = median_ms(client, "/healthz")
    return {"ce_records": RECORDS, "renewal_page_ms": renewal, "healthz_ms": health}
