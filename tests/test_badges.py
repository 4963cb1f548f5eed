"""Open Badges as a third party checks them: a verifier using PyJWT finds the signing key at
/.well-known/jwks.json by the id the token names, verifies the badge the site issued, and
refuses a tampered or forged one."""

import json
import os
import time
from datetime import UTC, date

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lms.certificates import issue
from lms.extensions import db
from lms.learning.completion import DELIVERY_SELF_PACED
from lms.models import CERecord
from tests.helpers import AuthActions


def issued_for(user, version):
    """A certificate issued, by the issuing code, for the user's completion of `version`."""
    record = CERecord(
        user_id=user.id,
        source="internal",
        course_version_id=version.id,
        title=version.title,
        minutes=version.ce_minutes,
        topics=list(version.topics),
        delivery=DELIVERY_SELF_PACED,
        earned_on=date.today(),
        status="verified",
    )
    db.session.add(record)
    db.session.flush()
    certificate = issue.issue_certificate(record)
    db.session.commit()
    return certificate


@pytest.fixture
def certificate(create_user, create_course):
    """A certificate for a completed 1.5-hour course."""
    user = create_user(email="ana@example.org", legal_name="Ana Ruiz")
    return issued_for(user, create_course(title="Ethics Basics", ce_minutes=90))


def download_badge(client, certificate) -> str:
    """The holder signs in and downloads the badge, as they would to share it."""
    AuthActions(client).signin("ana@example.org")
    response = client.get(f"/certificates/{certificate.display_code}/badge.jwt")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def with_payload(token: str, change) -> str:
    """The token with its payload edited and its header and signature kept."""
    header, body, signature = token.split(".")
    payload = json.loads(jwt.utils.base64url_decode(body))
    change(payload)
    forged = jwt.utils.base64url_encode(json.dumps(payload).encode()).decode()
    return f"{header}.{forged}.{signature}"


def test_a_third_party_verifier_fetches_the_key_from_the_jwks_and_verifies_the_badge(
    live_server, client, certificate
):
    token = download_badge(client, certificate)
    verifier = jwt.PyJWKClient(f"{live_server}/.well-known/jwks.json")

    signing_key = verifier.get_signing_key_from_jwt(token)
    assert signing_key.algorithm_name == "EdDSA"
    credential = jwt.decode(token, signing_key.key, algorithms=[signing_key.algorithm_name])
    assert "OpenBadgeCredential" in credential["type"]
    assert credential["credentialSubject"]["achievement"]["name"] == "Ethics Basics"
    assert credential["credentialSubject"]["achievement"]["creditsAvailable"] == 1.5
    assert credential["jti"].endswith(f"/badges/{certificate.display_code}")

    def more_hours(payload):
        payload["credentialSubject"]["achievement"]["creditsAvailable"] = 15

    tampered = with_payload(token, more_hours)
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(tampered, verifier.get_signing_key_from_jwt(tampered).key, algorithms=["EdDSA"])


def test_a_badge_signed_by_another_key_under_the_sites_key_id_is_refused(
    live_server, client, certificate
):
    token = download_badge(client, certificate)
    claims = jwt.decode(token, options={"verify_signature": False})
    forged = jwt.encode(
        claims,
        Ed25519PrivateKey.generate(),
        algorithm="EdDSA",
        headers={"kid": jwt.get_unverified_header(token)["kid"]},
    )
    verifier = jwt.PyJWKClient(f"{live_server}/.well-known/jwks.json")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, verifier.get_signing_key_from_jwt(forged).key, algorithms=["EdDSA"])


@pytest.fixture
def server_west_of_utc():
    """The server's local time zone is Los Angeles for the test, then back as it was."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_fresh_badge_is_valid_at_once_whatever_the_servers_time_zone(
    server_west_of_utc, client, certificate
):
    token = download_badge(client, certificate)
    key = jwt.PyJWK(client.get("/.well-known/jwks.json").get_json()["keys"][0])
    credential = jwt.decode(token, key.key, algorithms=["EdDSA"])  # not "not yet valid"
    issued = certificate.issued_at.replace(microsecond=0, tzinfo=UTC)
    assert credential["nbf"] == int(issued.timestamp())


def test_a_course_title_with_url_characters_keeps_the_achievement_id_one_path(
    client, create_user, create_course
):
    user = create_user(email="ana@example.org", legal_name="Ana Ruiz")
    version = create_course(title="Ethics? #1/2 & more", ce_minutes=60)
    certificate = issued_for(user, version)
    token = download_badge(client, certificate)
    payload = jwt.decode(token, options={"verify_signature": False})
    achievement_id = payload["credentialSubject"]["achievement"]["id"]
    last = achievement_id.rsplit("/badges/achievements/", 1)[1]
    assert "?" not in achievement_id and "#" not in achievement_id and "/" not in last
    assert last == "Ethics%3F-%231%2F2-%26-more"
