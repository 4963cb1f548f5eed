"""The supervisor conflict in a real browser (issue 16): a supervisor opens the queue, the peer
changes the record from 1 hour to 100 hours meanwhile, and the supervisor's Verify is refused
with what changed; nothing is decided until they verify what they now see."""

import pytest
from playwright.sync_api import expect

from lms.extensions import db
from lms.models import CERecord
from tests.browser.helpers import check_accessibility, shoot, sign_in
from tests.helpers import AuthActions, invoke_ok
from tests.journeys import OUTSIDE_CE_FORM, log_outside_ce

pytestmark = pytest.mark.browser


def test_a_supervisor_never_verifies_hours_changed_after_they_opened_the_queue(
    live_server, page, client, create_user, runner
):
    peer = create_user(email="pat@example.org", legal_name="Pat Rivera")
    create_user(email="sam@example.org", legal_name="Sam Ortiz", roles=("supervisor",))
    invoke_ok(runner, ["users", "link", "sam@example.org", peer.email])
    AuthActions(client).signin(peer.email)
    log_outside_ce(client, {"hours": "1"})
    record = db.session.execute(db.select(CERecord)).scalar_one()

    sign_in(page, live_server, "sam@example.org")
    page.goto(live_server + "/supervision/queue")
    verify = page.get_by_role("button", name="Verify 1 hour for Pat Rivera")
    expect(verify).to_be_visible()

    # Meanwhile, in the peer's own browser: 1 hour becomes 100.
    changed = {**OUTSIDE_CE_FORM, "hours": "100"}
    edit = f"/ce/{record.id}/edit"
    assert client.submit(edit, changed, content_type="multipart/form-data").status_code == 302

    verify.click()
    expect(page.get_by_text("This record changed since you opened it.")).to_be_visible()
    expect(page.get_by_text("Hours: 1 hour → 100 hours")).to_be_visible()
    check_accessibility(page)
    shoot(page, "01-record-changed")
    db.session.refresh(record)
    assert (record.status, record.minutes) == ("pending", 6000)

    page.get_by_role("button", name="Verify 100 hours for Pat Rivera").click()
    expect(page.get_by_text("Verified: the hours now count.")).to_be_visible()
    db.session.rollback()
    assert db.session.get(CERecord, record.id).status == "verified"
