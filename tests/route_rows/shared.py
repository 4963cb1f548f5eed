"""Sample values for the path arguments that routes of several areas share (<slug>, <code>, ...).
collect() merges them with each area's own samples, for the route test and the CSRF test."""

ROWS: dict = {}

SAMPLE_ARGUMENTS = {
    "token": "not-a-real-token",
    "credential_id": "999999",
    "slug": "no-such-course",
    "position": "1",
    "attempt_id": "999999",
    "number": "1",
    "digest": "0123456789abcdef",
    "path:path": "media/picture.png",
    "name": "safety-plan",
    "code": "7F3K-9Q2M-X4TB",
    "fmt": "csv",
    "record_id": "999999",
    "evidence_id": "999999",
}
