"""The lesson page, rendered once for each state it can show, then reused.

A signed-in learner's lesson page is the site's hot path, and rendering its template was about
half of what a lesson request cost. Everything the page prints follows from a few inputs: the
page's row (`enrollments.lesson_page`: the learner's enrollment, the course, the lesson and how
many lessons they have read), the reader's language and roles (the navigation), the address
asked for (the language switcher returns to it) and the script root (links), plus two values
made fresh for every request: the CSRF token and the signed page stamp (`ontask.page_stamp`).

So the HTML is rendered once per set of inputs and kept, per app and process, with the two
fresh values cut out; each request puts its own back in. The learner's enrollment id is part
of the row, so one learner's page is never served to another; reading a lesson, a new version,
another language or a role added or removed makes a different key, so a change shows on the
very next page. A page that carries a flashed message (shown once) is rendered afresh and not
kept. At most `KEPT` pages are kept; the least recently used goes first.
"""

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import current_app, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from lms.i18n import current_locale

KEPT = 512  # pages per process: a lesson page is 5-20 kB, so a few MB at most
# Stand-ins for the per-request values in a kept page: random per process, so no course text
# can contain one.
_TOKEN, _STAMP = (f"{name}-{secrets.token_hex(16)}" for name in ("csrf", "stamp"))
_LOCK = threading.Lock()  # a threaded server shares the kept pages between threads


def render_lesson(page, stamp: str, render: Callable[[], str]) -> str:
    """The lesson page for `page` (the row) with `stamp` and this request's CSRF token, from
    the kept copy when there is one; `render()` makes it (with the same stamp) when not."""
    token = generate_csrf()  # the token the template's forms print (one per request)
    if session.get("_flashes"):
        return render()
    pages = current_app.extensions.setdefault("lms.lesson_pages", OrderedDict())
    key = (
        tuple(page),
        current_locale(),
        frozenset(current_user.roles),
        request.full_path,
        request.script_root,
    )
    with _LOCK:
        kept = pages.get(key)
        if kept is not None:
            pages.move_to_end(key)
    if kept is not None:
        return kept.replace(_TOKEN, token).replace(_STAMP, stamp)
    html = render()
    with _LOCK:
        pages[key] = html.replace(token, _TOKEN).replace(stamp, _STAMP)
        if len(pages) > KEPT:
            pages.popitem(last=False)
    return html
