"""Absolute links to the site: built from the configured PUBLIC_URL, never from a request.

A link in an email or a certificate is read far from the request that made it. Building it from
the request's Host header would let anyone who can send a request choose where a victim's
password-reset link points, so every absolute link comes from here.
"""

from urllib.parse import urlsplit

from flask import current_app


def public_base() -> str:
    """The site's public address without a trailing slash, e.g. https://learn.example.org."""
    return current_app.config["PUBLIC_URL"].rstrip("/")


def public_url(endpoint: str, **values) -> str:
    """The absolute URL of `endpoint` on the public site, whatever host the request named."""
    parts = urlsplit(public_base())
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def check_public_url(value: str) -> str | None:
    """Why `value` cannot be the site's public address, or None when it can."""
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            "Set it to the address people type to reach the site, e.g. https://learn.example.org."
        )
    if parts.query or parts.fragment:
        return "Leave out any ?query or #fragment: give only the site's address."
    return None


def trusted_hosts(public_url_value: str, development: bool) -> list[str]:
    """The Host names requests may carry: the public one, plus loopback while developing."""
    hosts = [urlsplit(public_url_value).hostname or ""]
    if development:
        hosts += ["localhost", "127.0.0.1"]
    return list(dict.fromkeys(h for h in hosts if h))


def same_site_path(target: str | None) -> str | None:
    """`target` when it is a path on this site ("/courses?x=1"), else None: the one rule for
    following a `next` a request carries, so no form can send someone to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return None
