"""Open Badges 3.0: each certificate as an OpenBadgeCredential, secured as a VC-JWT.

The JWT (Open Badges 3.0 §8.2) carries the credential itself as its payload, with the
registered claims `iss` (issuer id), `nbf` (validFrom), `jti` (credential id), and is signed
with EdDSA (Ed25519) by PyJWT. The key is generated into instance/badge_signing_key.pem on
first use; its public half is published at /.well-known/jwks.json under the same key id (`kid`)
the token's header names, so a verifier such as PyJWT's `PyJWKClient` finds it. Status is
published per credential at /badges/<code>/status and matches the verification page.
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from jwt.algorithms import OKPAlgorithm

from lms.codes import grouped
from lms.hours import format_hours
from lms.i18n import _, for_person, hours_count, local_hours, local_hours_phrase, ngettext
from lms.instance_files import create_once
from lms.models import Certificate

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
KEY_NAME = "key-1"
ALGORITHM = "EdDSA"


class BadgeError(ValueError):
    """A credential that does not verify; the message says why."""


def signing_key(folder: str | Path) -> Ed25519PrivateKey:
    """The site's badge key in `folder` (shared storage: one key for every app server),
    created (mode 600) on first use; the first server to link its file into place wins."""
    path = Path(folder) / "badge_signing_key.pem"
    if not path.exists():
        fresh = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return serialization.load_pem_private_key(create_once(path, fresh), password=None)
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def key_id(jwks_url: str) -> str:
    """The key's id, the same in every token header and in the JWKS: a URI that leads to the
    key (Open Badges 3.0 §8.2.3), the JWKS address with the key's name as its fragment."""
    return f"{jwks_url}#{KEY_NAME}"


def public_jwk(key: Ed25519PublicKey, jwks_url: str) -> dict[str, str]:
    """The public key as a JWK for the JWKS, under the id the tokens name."""
    jwk = OKPAlgorithm.to_jwk(key, as_dict=True)
    return {**jwk, "kid": key_id(jwks_url), "use": "sig", "alg": ALGORITHM}


def issuer_profile(base_url: str, provider_name: str, contact: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "id": f"{base_url}/badges/issuer",
        "type": ["Profile"],
        "name": provider_name,
        "description": contact,
        "url": base_url,
    }


def credential(certificate: Certificate, base_url: str) -> dict[str, Any]:
    """The OpenBadgeCredential for a certificate, from its frozen printed fields; the words
    around them in the holder's language, whoever downloads it."""
    with for_person(certificate.user):
        return _credential(certificate, base_url)


def _credential(certificate: Certificate, base_url: str) -> dict[str, Any]:
    f = certificate.fields
    code = grouped(certificate.code)
    hours_value = float(format_hours(f["ce_minutes"]))  # the number the certificate prints
    return {
        "@context": CONTEXT,
        "id": f"{base_url}/badges/{code}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": ngettext(
            "%(course)s — %(hours)s CE contact hour",
            "%(course)s — %(hours)s CE contact hours",
            hours_count(f["ce_minutes"]),
            course=f["course_title"],
            hours=local_hours(f["ce_minutes"]),
        ),
        "issuer": {
            "id": f"{base_url}/badges/issuer",
            "type": ["Profile"],
            "name": f["provider_name"],
        },
        "validFrom": certificate.issued_at.replace(microsecond=0).isoformat() + "Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": f["participant_name"],
                }
            ],
            "creditsEarned": hours_value,
            "achievement": {
                "id": f"{base_url}/badges/achievements/{_path_part(f['course_title'])}",
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": f["course_title"],
                "description": _(
                    "Continuing-education course, version %(version)s, %(hours)s; "
                    "topics: %(topics)s.",
                    version=f["course_version"],
                    hours=local_hours_phrase(f["ce_minutes"], "contact hour"),
                    topics=", ".join(f["topics"]),
                ),
                "criteria": {
                    "narrative": _(
                        "Read every lesson, pass the quiz at the course's pass mark, and "
                        "complete the course evaluation."
                    )
                },
                "creditsAvailable": hours_value,
            },
        },
        "credentialStatus": {
            "id": f"{base_url}/badges/{code}/status",
            "type": "1EdTechRevocationList",
        },
        "evidence": [
            {
                "id": f["verify_url"],
                "type": ["Evidence"],
                "name": _("Certificate verification page"),
            }
        ],
    }


def sign(payload: dict[str, Any], key: Ed25519PrivateKey, jwks_url: str) -> str:
    """A compact VC-JWT over the credential (§8.2: the payload is the credential)."""
    valid_from = datetime.fromisoformat(payload["validFrom"].removesuffix("Z"))
    claims = {
        **payload,
        "iss": payload["issuer"]["id"],
        "jti": payload["id"],
        # validFrom is UTC: read it as UTC, not as the server's local time.
        "nbf": int(valid_from.replace(tzinfo=UTC).timestamp()),
    }
    return jwt.encode(claims, key, algorithm=ALGORITHM, headers={"kid": key_id(jwks_url)})


def verify(token: str, public_key: Ed25519PublicKey) -> dict[str, Any]:
    """The credential inside a VC-JWT, after checking its signature and shape."""
    try:
        payload = jwt.decode(token.strip(), public_key, algorithms=[ALGORITHM])
    except jwt.InvalidSignatureError as error:
        raise BadgeError(
            "The signature does not match: the credential was altered or was "
            "not issued by this Peerpath."
        ) from error
    except jwt.InvalidAlgorithmError as error:
        header = jwt.get_unverified_header(token.strip())
        raise BadgeError(f"Unexpected signing algorithm {header.get('alg')!r}.") from error
    except jwt.DecodeError as error:
        raise BadgeError(
            "This is not a compact JWT (three dot-separated base64url parts)."
        ) from error
    except jwt.InvalidTokenError as error:
        raise BadgeError(f"The credential does not verify: {error}.") from error
    if "OpenBadgeCredential" not in payload.get("type", []):
        raise BadgeError("The token is signed but is not an OpenBadgeCredential.")
    return payload


def _path_part(title: str) -> str:
    """A course title as one URL path segment: spaces as hyphens, anything else escaped, so
    a '?', '#' or '/' in a title cannot change what the id points at."""
    return quote(title.replace(" ", "-"), safe="-")
