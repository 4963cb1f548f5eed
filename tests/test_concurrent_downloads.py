"""Downloads are reads, so they never meet "database is locked": fifty sessions download a
certificate whose PDF was never stored (rendering failed at issue) while another session keeps
writing, on a real threaded server. Once, each download rendered the PDF and wrote it back, and
on SQLite a dozen at once answered 500.
"""

import threading

from lms.db import writing
from lms.extensions import db
from lms.models import Certificate, PracticeEntry
from tests.journeys import PRACTICE_FORM
from tests.live_http import HttpSession, all_at_once, with_cheap_password

DOWNLOADERS = 50


def keep_writing(base_url: str, email: str, stop: threading.Event, answers: list) -> None:
    """Log practice hours through the real form, again and again, until told to stop."""
    browser = HttpSession(base_url)
    browser.sign_in(email)
    while not stop.is_set():
        answers.append(browser.submit("/certification/log/practice/new", PRACTICE_FORM)[0])


def download_together(base_url: str, email: str, path: str) -> list:
    """DOWNLOADERS signed-in sessions GET `path` at the same moment; each (status, body length)
    or the exception it met."""

    def download(browser, _ready):
        status, _location, body = browser.request("GET", path)
        return status, len(body)

    return all_at_once(DOWNLOADERS, base_url, email, step=download)


def test_fifty_downloads_during_writes_all_succeed_and_write_nothing(
    live_server, completed, create_user
):
    learner, certificate, _attempt = completed
    with_cheap_password(learner)
    with writing():
        stored = db.session.get(Certificate, certificate.id)
        stored.pdf, stored.pdf_sha256 = None, None
        db.session.commit()
    writer = with_cheap_password(create_user(email="writer@example.org"))
    stop, written = threading.Event(), []
    writing_thread = threading.Thread(
        target=keep_writing, args=(live_server, writer.email, stop, written)
    )
    writing_thread.start()
    try:
        outcomes = download_together(
            live_server, learner.email, f"/certificates/{certificate.display_code}.pdf"
        )
    finally:
        stop.set()
        writing_thread.join(timeout=60)

    errors = [o for o in outcomes if isinstance(o, BaseException) or o[0] != 200]
    assert errors == [], f"{len(errors)} of {DOWNLOADERS} downloads failed: {errors[:5]}"
    assert written and set(written) == {302}  # the writes went on, and all succeeded
    db.session.rollback()
    assert db.session.execute(db.select(db.func.count(PracticeEntry.id))).scalar() == len(written)
    assert db.session.get(Certificate, certificate.id).pdf is None
