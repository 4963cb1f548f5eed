"""Editor routes for questions and images from elsewhere: preview and add an import (GIFT or
Moodle XML) into a draft's quiz, upload the images the draft shows but lacks, and show a
draft's media in its preview. Logic lives in imports.py and media.py."""

import mimetypes
import posixpath

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from lms.authoring import access, imports, media
from lms.authoring.blueprint import bp
from lms.authoring.drafts import DraftError
from lms.authoring.publish import Preview
from lms.db import reads_only
from lms.downloads import send_bytes
from lms.extensions import db
from lms.i18n import _, ngettext
from lms.permissions import requires

# Draft images are shown inline; anything else in media/ is only ever saved.
_SHOWN = {"image/png", "image/jpeg", "image/gif", "image/webp"}


@bp.post("/drafts/<slug>/import")
@reads_only
@requires("courses.author")
def import_preview(slug: str):
    """What the chosen file would add to the quiz, with every finding; the draft is unchanged."""
    draft, course = access.draft_or_404(current_user, slug)
    upload = request.files.get("questions")
    if upload is None or not upload.filename:
        return _import_page(draft, course, problem=_("Choose a GIFT or Moodle XML file."))
    try:
        preview = imports.preview_import(draft, current_user, upload.filename, upload.read())
    except DraftError as error:
        return _import_page(draft, course, problem=str(error))
    return _import_page(draft, course, preview=preview, status=200 if preview.digest else 400)


def _import_page(draft, course, *, preview=None, problem="", status=400):
    questions = preview.questions if preview else []
    return render_template(
        "authoring/import.html",
        draft=draft,
        course=course,
        preview=preview,
        problem=problem,
        shown=Preview("quiz.md", title=_("Imported questions"), questions=questions),
    ), status


@bp.post("/drafts/<slug>/import/add")
@requires("courses.author")
def import_add(slug: str):
    """Add exactly the previewed questions (named by their digest) to the draft's quiz."""
    draft, _course = access.draft_or_404(current_user, slug)
    digest, version = request.form.get("digest", ""), request.form.get("quiz_version", "")
    try:
        count = imports.add_import(draft, current_user, digest, version)
    except DraftError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".edit", slug=slug, file="quiz.md", _anchor="import"))
    db.session.commit()
    flash(
        ngettext(
            "Added %(num)d question to quiz.md.", "Added %(num)d questions to quiz.md.", count
        ),
        "success",
    )
    return redirect(url_for(".edit", slug=slug, file="quiz.md"))


@bp.post("/drafts/<slug>/images")
@requires("courses.author")
def upload_image(slug: str):
    """Upload the file for one image the draft shows but does not hold."""
    draft, _course = access.draft_or_404(current_user, slug)
    path, upload = request.form.get("path", ""), request.files.get("image")
    back = request.form.get("file", "course.md")
    back = back if back in draft.files else "course.md"
    try:
        media.upload_image(draft, current_user, path, upload.read() if upload else b"")
    except DraftError as error:
        db.session.rollback()
        flash(_("%(path)s: %(problem)s", path=path, problem=str(error)), "error")
        return redirect(url_for(".edit", slug=slug, file=back, _anchor="images"))
    db.session.commit()
    flash(_("Uploaded %(path)s. The preview shows it now.", path=path), "success")
    return redirect(url_for(".edit", slug=slug, file=back, _anchor="images"))


@bp.get("/drafts/<slug>/media/<path:name>")
@requires("courses.author")
def draft_media(slug: str, name: str):
    """A draft's media file, for its preview (private: the draft is not published)."""
    draft, _course = access.draft_or_404(current_user, slug)
    blob = media.media_bytes(draft, f"media/{name}")
    if blob is None:
        abort(404)
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    shown = mimetype in _SHOWN
    return send_bytes(
        blob,
        filename=posixpath.basename(name),
        mimetype=mimetype if shown else "application/octet-stream",
        inline=shown,
    )
