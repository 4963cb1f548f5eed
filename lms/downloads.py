"""Every file Peerpath sends goes out through `send_bytes`: one place that names the file, says
whether the browser shows it or saves it, forbids type sniffing, and keeps private files out of
every cache.

Private is the default. Certificates, transcripts, badges, exports, audit packets, evidence,
calendar files and course exports belong to someone and may only be fetched signed in: a shared
or proxy cache must never keep a copy, so they are sent `Cache-Control: private, no-store`.
The only public files are course media, which anyone may fetch at an address that carries the
course version's content hash; that address never serves other bytes, so they are cached for
a year. There is no public PDF: a certificate's public proof is the verify page, not its file.

Evidence and certificates open in the browser when it can show them (`SHOWN_IN_BROWSER`: PDF,
PNG, JPEG) and are saved otherwise; `?download=1` on their address always saves them
(`viewable`). A file shown inline carries its own Content-Security-Policy: nothing in it may
run script, load anything from elsewhere or be framed, and images are sandboxed as well (PDFs
are not: Chromium refuses to open a sandboxed PDF).
"""

import io

from flask import Response, send_file

PRIVATE = "private, no-store"
PUBLIC_IMMUTABLE = "public, max-age=31536000, immutable"
_UNSAFE_IN_NAMES = '/\\"'
SHOWN_IN_BROWSER = frozenset({"application/pdf", "image/png", "image/jpeg"})
INLINE_POLICY = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


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
    if inline:
        sandbox = "" if mimetype == "application/pdf" else "sandbox; "
        response.headers["Content-Security-Policy"] = sandbox + INLINE_POLICY
    return response


def viewable(data: bytes, *, filename: str, mimetype: str, download: bool) -> Response:
    """A private file the browser shows when it can (PDF, PNG, JPEG) unless the person asked
    to save it (`download`); any other type is always saved."""
    inline = mimetype in SHOWN_IN_BROWSER and not download
    return send_bytes(data, filename=filename, mimetype=mimetype, inline=inline)
