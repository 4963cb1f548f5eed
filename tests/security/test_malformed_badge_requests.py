"""The badge endpoints (status, key set, issuer, the badge file, the verify page) and the badge
checker answer malformed headers, bodies and tokens with a refusal, never a traceback."""

import base64
import json

import pytest

MALFORMED_HEADERS = (
    {"Authorization": "Bearer \x00\xff"},
    {"Authorization": "Basic ####"},
    {"Authorization": "Digest"},
    {"If-None-Match": '"' * 50},
    {"If-Modified-Since": "99999999999"},
    {"Range": "bytes=9999999999999999999999-1"},
    {"Accept": ";;;q=nan"},
    {"Accept-Language": "x;q=1e999999"},
    {"Accept-Encoding": "gzip;q=NaN"},
    {"Content-Type": "application/json"},
    {"Content-Length": "abc"},
    {"Cookie": "session=\x00garbage"},
)


def _part(value) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_malformed_headers_and_bodies_to_badge_endpoints_are_never_a_server_error(
    client, completed
):
    code = completed[1].display_code
    paths = (
        f"/badges/{code}/status",
        "/badges/NOT-A-CODE/status",
        "/.well-known/jwks.json",
        "/badges/issuer",
        f"/certificates/{code}/badge.jwt",
        f"/verify/{code}",
    )
    for path in paths:
        for headers in MALFORMED_HEADERS:
            for send in (client.get, client.post):
                response = send(path, headers=headers, data=b'{"not json')
                assert response.status_code < 500, (path, headers, response.status_code)
                if send is client.post:
                    assert response.status_code in (400, 405), (path, headers)


@pytest.mark.parametrize(
    "header",
    [
        [1],
        {"alg": "none"},
        {"alg": 5},
        {"alg": ["EdDSA"]},
        b"{{{",
        b'{"alg": NaN}',
        {"alg": "EdDSA", "crit": ["x"]},
        {"alg": "EdDSA", "b64": False},
        {"alg": "EdDSA", "kid": {}},
    ],
)
def test_a_badge_with_a_malformed_header_is_refused_with_a_reason(
    client, runner, completed, tmp_path, header
):
    code = completed[1].display_code
    token = client.get(f"/certificates/{code}/badge.jwt").get_data(as_text=True)
    _header, body, signature = token.split(".")
    badge = tmp_path / "badge.jwt"
    badge.write_text(f"{_part(header)}.{body}.{signature}")
    result = runner.invoke(args=["certificates", "verify-badge", str(badge)])
    assert result.exit_code == 1 and result.exception.__class__ is SystemExit, result.output
    assert "Error: " in result.output and "Traceback" not in result.output
