"""Open Badges 3.0: each certificate as an OpenBadgeCredential, secured as a VC-JWT.

The JWT (Open Badges 3.0 §8.2) carries the credential itself as its payload, with the
registered claims `iss` (issuer id), `nbf` (validFrom), `jti` (credential id), and is signed
with EdDSA (Ed25519). The key is generated into instance/badge_signing_key.pem on first use;
its public half is published at /.well-known/jwks.json. Status is published per credential at
/badges/<code>/status and matches the verification page.
"""

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lms.codes import grouped
from lms.instance_files import create_once
from lms.models import Certificate

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
KEY_ID = "key-1"


class BadgeError(ValueError):
    """A credential that does not verify; the message says why."""


def _hours_word(hours: str) -> str:
    return "hour" if hours == "1" else "hours"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signing_key(instance_path: str) -> Ed25519PrivateKey:
    """The instance's badge key, created (mode 600) on first use."""
    path = Path(instance_path) / "badge_signing_key.pem"
    if not path.exists():
        fresh = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return serialization.load_pem_private_key(create_once(path, fresh), password=None)
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def public_jwk(key: Ed25519PublicKey) -> dict[str, str]:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": _b64(raw),
        "kid": KEY_ID,
        "use": "sig",
        "alg": "EdDSA",
    }


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
    """The OpenBadgeCredential for a certificate, from its frozen printed fields."""
    f = certificate.fields
    code = grouped(certificate.code)
    hours_value = float(f["ce_minutes"]) / 60
    return {
        "@context": CONTEXT,
        "id": f"{base_url}/badges/{code}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{f['course_title']} — {f['ce_hours']} CE contact {_hours_word(f['ce_hours'])}",
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
                "id": f"{base_url}/badges/achievements/{f['course_title']}".replace(" ", "-"),
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": f["course_title"],
                "description": (
                    f"Continuing-education course, version {f['course_version']}, "
                    f"{f['ce_hours']} contact {_hours_word(f['ce_hours'])}; topics: "
                    f"{', '.join(f['topics'])}."
                ),
                "criteria": {
                    "narrative": "Read every lesson, pass the quiz at the course's "
                    "pass mark, and complete the course evaluation."
                },
                "creditsAvailable": hours_value,
            },
        },
        "credentialStatus": {
            "id": f"{base_url}/badges/{code}/status",
            "type": "1EdTechRevocationList",
        },
        "evidence": [
            {"id": f["verify_url"], "type": ["Evidence"], "name": "Certificate verification page"}
        ],
    }


def sign(payload: dict[str, Any], key: Ed25519PrivateKey, jwks_url: str) -> str:
    """A compact VC-JWT over the credential (§8.2: the payload is the credential)."""
    claims = {
        **payload,
        "iss": payload["issuer"]["id"],
        "jti": payload["id"],
        "nbf": int(datetime.fromisoformat(payload["validFrom"].rstrip("Z")).timestamp()),
    }
    header = {"alg": "EdDSA", "typ": "JWT", "kid": f"{jwks_url}#{KEY_ID}"}
    signing_input = ".".join(
        _b64(json.dumps(part, separators=(",", ":"), sort_keys=True).encode())
        for part in (header, claims)
    )
    return signing_input + "." + _b64(key.sign(signing_input.encode()))


def verify(token: str, public_key: Ed25519PublicKey) -> dict[str, Any]:
    """The credential inside a VC-JWT, after checking its signature and shape."""
    try:
        header_b64, payload_b64, signature_b64 = token.strip().split(".")
        header = json.loads(_unb64(header_b64))
        payload = json.loads(_unb64(payload_b64))
        signature = _unb64(signature_b64)
    except ValueError as error:
        raise BadgeError("This is not a compact JWT (three dot-separated parts).") from error
    if header.get("alg") != "EdDSA":
        raise BadgeError(f"Unexpected signing algorithm {header.get('alg')!r}.")
    try:
        public_key.verify(signature, f"{header_b64}.{payload_b64}".encode())
    except InvalidSignature as error:
        raise BadgeError(
            "The signature does not match: the credential was altered or was "
            "not issued by this Peerpath."
        ) from error
    if "OpenBadgeCredential" not in payload.get("type", []):
        raise BadgeError("The token is signed but is not an OpenBadgeCredential.")
    return payload
