"""Every file Peerpath sends goes out through `send_bytes`: one place that names the file, says
whether the browser shows it or saves it, forbids type sniffing, and keeps private files out of
every cache.

Private is the default. Certificates, transcripts, badges, exports, audit packets, evidence,
calendar files and course exports belong to someone and may only be fetched signed in: a shared
or proxy cache must never keep a copy, so they are sent `Cache-Control: private, no-store`.
The only public files are course media, which anyone may fetch at an address that carries the
course version's content hash; that address never serves other bytes, so they are cached for
a year. There is no public PDF: a certificate's public proof is the verify page, not its file.
"""

import io

from flask import Response, send_file

PRIVATE = "private, no-store"
PUBLIC_IMMUTABLE = "public, max-age=31536000, immutable"
_UNSAFE_IN_NAMES = '/\\"'


def safe_filename(name: str) -> str:
    """The name a browser saves: no path separators, quotes or control characters, so it
    cannot point outside the downloads folder or break the header. Non-ASCII letters stay
    (sent as RFC 5987 `filename*`, with an ASCII `filename` for old browsers)."""
    cleaned = "".join(
        "_" if char in _UNSAFE_IN_NAMES or not char.isprintable() else char for char in name
    ).strip(" .")
    return cleaned or "download"


def send_bytes(
    data: bytes | str, *, filename: str, mimetype: str, inline: bool = False, private: bool = True
) -> Response:
    """A response carrying `data` (text is sent as UTF-8) as the file `filename`.

    `inline`: the browser may show it (images, PDFs it opens itself); otherwise it saves it.
    `private=False` only for a file anyone may fetch at an address that changes whenever its
    content does (course media): it is then cached for a year."""
    if isinstance(data, str):
        data = data.encode()
    response = send_file(
        io.BytesIO(data),
        mimetype=mimetype,
        as_attachment=not inline,
        download_name=safe_filename(filename),
        conditional=False,
        etag=False,
    )
    response.headers["Cache-Control"] = PRIVATE if private else PUBLIC_IMMUTABLE
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
