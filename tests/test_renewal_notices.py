"""What a peer must know before the hours, on the renewal page and the dashboard: a retired
credential, and a first, shorter period in which no CE is due."""

from datetime import date

import pytest

from lms.db import writing
from lms.extensions import db
from lms.models import UserCredential
from tests.ce.builders import BUNDLED
from tests.helpers import AuthActions


@pytest.fixture
def peer(client, create_user):
    user = create_user(email="peer@example.org", legal_name="Pat Rivera")
    AuthActions(client).signin(user.email)
    return user


def hold(user, rule_set: str, certified_on: date, expires_on: date | None) -> int:
    """A credential the peer holds (added directly: an ended one is no longer offered)."""
    with writing():
        credential = UserCredential(
            user_id=user.id,
            name=BUNDLED[rule_set].name,
            number="X-1",
            rule_set=rule_set,
            certified_on=certified_on,
            expires_on=expires_on,
        )
        db.session.add(credential)
        db.session.commit()
        return credential.id


def test_a_retired_credential_says_so_and_points_to_its_successor(client, peer):
    credential_id = hold(peer, "or-prc", date(2025, 3, 1), None)
    crm = BUNDLED["or-crm"]
    for path in (f"/renewal/{credential_id}", "/dashboard"):
        page = client.get(path).get_data(as_text=True)
        assert "This credential is retired:" in page, path
        assert f'<a href="{crm.sources[0].url}" rel="noopener noreferrer">{crm.name}</a>' in page
    offered = client.get("/account").get_data(as_text=True)
    assert 'value="or-prc"' not in offered and 'value="or-crm"' in offered


def test_a_short_first_washington_credential_owes_no_ce_yet(client, peer):
    today = date.today()
    certified = date(today.year, today.month, 1)
    birthday = date(today.year + 1, 2, 14)  # the first credential ends on the next birthday
    credential_id = hold(peer, "wa-cpss", certified, birthday)
    page = client.get(f"/renewal/{credential_id}").get_data(as_text=True)
    assert "No CE is due yet." in page
    assert f"your first CE cycle starts on {date(today.year + 1, 2, 15).isoformat()}" in page
