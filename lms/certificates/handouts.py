"""Printable course handouts (a blank safety plan, an OARS card) as PDFs, through the same
WeasyPrint pipeline and asset-only fetcher as certificates.

A handout is Markdown in the package (`handouts/<name>.md`); publishing renders and sanitises it
to HTML once, stored with the version's media as `handouts/<name>.html`. Printing reads that
HTML and never writes, so the PDF for one version's handout is the same every time it is asked
for, and the URL (which names the version's content digest) may be cached by anyone.
"""

from flask import render_template

from lms.certificates.render import render_pdf
from lms.extensions import db
from lms.models import Course, CourseMedia, CourseVersion
from lms.provider import current_provider


def handout_html(slug: str, digest: str, name: str) -> str | None:
    """The stored HTML of one version's handout, or None when there is no such handout."""
    if len(digest) < 16:
        return None
    row = db.session.execute(
        db.select(CourseMedia.data)
        .join(CourseVersion, CourseVersion.id == CourseMedia.version_id)
        .join(Course, Course.id == CourseVersion.course_id)
        .where(
            Course.slug == slug,
            CourseVersion.content_hash.startswith(digest, autoescape=True),
            CourseMedia.path == f"handouts/{name}.html",
        )
    ).scalar_one_or_none()
    return None if row is None else row.decode("utf-8")


def handout_pdf(slug: str, digest: str, name: str) -> bytes | None:
    """The handout printed on a letter page with the provider's name, or None."""
    body = handout_html(slug, digest, name)
    if body is None:
        return None
    page = render_template(
        "certificates/handout_pdf.html", body=body, provider_name=current_provider().organisation
    )
    return render_pdf(page)
