"""Authoring routes (trainers and admins): drafts, editor with preview, publish, history,
export and question statistics (importing questions and uploading images: views/imports.py).
Logic lives in drafts.py, publish.py, history.py and statistics.py; access rules in access.py."""

import dataclasses

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from lms.authoring import access, claims, drafts, history, media, publish, statistics
from lms.authoring.blueprint import bp
from lms.authoring.changes import describe_changes
from lms.authoring.forms import (
    ClaimApprovalForm,
    EditForm,
    LessonFileForm,
    NewCourseForm,
    NewLessonForm,
    PublishForm,
    UploadForm,
)
from lms.content.files import size_problem
from lms.db import reads_only
from lms.downloads import send_bytes
from lms.extensions import db
from lms.hours import format_hours
from lms.i18n import _
from lms.models import Course, CourseDraft
from lms.numbers import query_number
from lms.permissions import requires


@bp.get("/")
@requires("courses.author")
def index():
    courses, draft_rows = access.visible_courses(current_user)
    return render_template(
        "authoring/index.html",
        courses=courses,
        versions=access.versions_by_course([c.id for c in courses]),
        drafts={d.slug: d for d in draft_rows},
        new_drafts=[d for d in draft_rows if d.course_id is None],
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("courses.author")
def new_course():
    form = NewCourseForm()
    if form.validate_on_submit():
        slug = form.slug.data.strip()
        try:
            draft = drafts.create_from_template(slug, form.title.data.strip(), current_user)
        except drafts.DraftError as error:
            form.slug.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Draft created from the template. Replace its text with yours."), "success")
            return redirect(url_for(".edit", slug=draft.slug))
    status = 400 if form.errors else 200
    return render_template("authoring/new.html", form=form, upload=UploadForm()), status


@bp.post("/upload")
@requires("courses.author")
def upload():
    form = UploadForm()
    findings: list = []
    if form.validate_on_submit():
        data = form.package.data.read() if getattr(form.package.data, "filename", "") else b""
        if not data:
            form.package.errors.append(_("Choose a .zip file of one course folder."))
        else:
            draft = _draft_from_zip(form, data, findings)
            if draft is not None:
                db.session.commit()
                flash(
                    _("Package uploaded as a draft. See the findings beside each file."), "success"
                )
                return redirect(url_for(".edit", slug=draft.slug))
    return render_template(
        "authoring/new.html", form=NewCourseForm(formdata=None), upload=form, findings=findings
    ), 400


def _draft_from_zip(form: UploadForm, data: bytes, findings: list) -> CourseDraft | None:
    try:
        texts, media, found, slug = drafts.read_upload(data)
        findings += found
        if any(f.severity == "error" for f in found):
            form.package.errors.append(_("The zip could not be read; see the problems below."))
            return None
        course = _course_for_upload(slug)
        return drafts.create_from_upload(texts, media, slug, current_user, course)
    except drafts.DraftError as error:
        form.package.errors.append(str(error))
        return None


def _course_for_upload(slug: str | None) -> Course | None:
    course = db.session.execute(db.select(Course).where(Course.slug == slug)).scalar_one_or_none()
    if course is not None and not access.may_edit_course(current_user, course):
        raise drafts.DraftError(f"'{slug}' is another author's course. Choose another slug.")
    return course


@bp.post("/courses/<slug>/draft")
@requires("courses.author")
def start_draft(slug: str):
    course = access.course_or_404(current_user, slug)
    existing = db.session.execute(db.select(CourseDraft.id).where(CourseDraft.slug == slug)).first()
    if existing is None:
        try:
            drafts.start_from_version(course, current_user)
        except drafts.DraftError as error:
            flash(str(error), "error")
            return redirect(url_for(".index"))
        db.session.commit()
    return redirect(url_for(".edit", slug=slug))


def _editor(
    draft: CourseDraft,
    course,
    path: str,
    text: str,
    lesson_form=None,
    file_form=None,
    status=200,
    version: str | None = None,
    saved_text: str | None = None,
):
    """The editor page for one file. `version` is the version the form saves over (by default
    the stored file's); `saved_text`, when a save was stale, is the stored text shown beside
    the author's own so they can combine the two."""
    findings = publish.draft_findings(draft, path, text)
    if version is None:
        version = drafts.file_version(draft.files.get(path, text))
    return render_template(
        "authoring/edit.html",
        draft=draft,
        course=course,
        path=path,
        paths=drafts.editable_paths(draft),
        form=EditForm(formdata=None, path=path, text=text, version=version),
        lesson_form=lesson_form or NewLessonForm(formdata=None),
        file_form=file_form or LessonFileForm(formdata=None, path=path),
        preview=publish.preview_file(path, text, _media_url(draft)),
        missing_images=media.missing_images(draft),
        findings=findings,
        here=[f for f in findings if f.path == path],
        elsewhere=[f for f in findings if f.path != path],
        lines=text.split("\n"),
        saved_text=saved_text,
    ), status


def _media_url(draft: CourseDraft):
    """Where the preview loads the draft's own media files (the rest stay as written)."""

    def url(path: str) -> str | None:
        if not path.startswith("media/") or path not in draft.media:
            return None
        return url_for(".draft_media", slug=draft.slug, name=path.removeprefix("media/"))

    return url


@bp.route("/drafts/<slug>/edit", methods=["GET", "POST"])
@requires("courses.author")
def edit(slug: str):
    draft, course = access.draft_or_404(current_user, slug)
    if request.method == "GET":
        path = request.args.get("file", "course.md")
        if path not in draft.files:
            abort(404)
        return _editor(draft, course, path, draft.files[path])
    form = EditForm()
    path = form.path.data or ""
    if not form.validate_on_submit() or path not in draft.files:
        abort(400)
    text = form.text.data or ""
    try:
        drafts.save_file(draft, path, text, current_user, form.version.data or "")
    except drafts.StaleSave as stale:
        db.session.rollback()
        flash(str(stale), "error")
        return _editor(
            draft,
            course,
            path,
            text,
            status=409,
            version=stale.version,
            saved_text=stale.saved_text,
        )
    except drafts.DraftError as error:
        flash(str(error), "error")
        return _editor(draft, course, path, text, status=400, version=form.version.data)
    db.session.commit()
    if request.form.get("action") == "preview":
        return redirect(url_for(".edit", slug=slug, file=path, _anchor="preview"))
    flash(_("Draft saved."), "success")
    return redirect(url_for(".edit", slug=slug, file=path))


@bp.post("/drafts/<slug>/lessons")
@requires("courses.author")
def add_lesson(slug: str):
    draft, course = access.draft_or_404(current_user, slug)
    form = NewLessonForm()
    if form.validate_on_submit():
        try:
            path = drafts.add_lesson(draft, form.name.data, current_user)
        except drafts.DraftError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Lesson added. Write its text below."), "success")
            return redirect(url_for(".edit", slug=slug, file=path))
    return _editor(draft, course, "course.md", draft.files["course.md"], form, status=400)


@bp.post("/drafts/<slug>/lessons/rename")
@requires("courses.author")
def rename_lesson(slug: str):
    def rename(draft: CourseDraft, path: str, form: LessonFileForm) -> tuple[str, str]:
        new_path = drafts.rename_lesson(draft, path, form.name.data or "", current_user)
        return new_path, _(
            "Renamed to %(path)s. Links to it from other lessons need the new name.", path=new_path
        )

    return _change_lesson_file(slug, rename)


@bp.post("/drafts/<slug>/lessons/remove")
@requires("courses.author")
def remove_lesson(slug: str):
    if request.form.get("confirm") != "yes":
        return _confirm_removal(slug)

    def remove(draft: CourseDraft, path: str, _form: LessonFileForm) -> tuple[str, str]:
        drafts.remove_lesson(draft, path, current_user)
        return "course.md", _(
            "%(path)s is removed from this draft. Published versions keep it.", path=path
        )

    return _change_lesson_file(slug, remove)


def _confirm_removal(slug: str):
    """The step before a lesson leaves the draft: what removing does, and a button to go on."""
    draft, _course = access.draft_or_404(current_user, slug)
    form = LessonFileForm()
    path = form.path.data or ""
    if not form.validate_on_submit() or path not in draft.files:
        abort(400)
    return render_template(
        "confirm.html",
        question=_("Remove %(path)s from this draft?", path=path),
        consequences=[
            _("Its text leaves the draft now; the next version you publish will not have it."),
            _("Published versions, and learners' records of them, keep it."),
        ],
        action=url_for(".remove_lesson", slug=slug),
        hidden={"path": path},
        yes=_("Yes, remove %(path)s", path=path),
        cancel=url_for(".edit", slug=slug, file=path),
    )


def _change_lesson_file(slug: str, change):
    """Apply `change` to the lesson the form names; then open `(file, message)` it returns, or
    the same lesson again with the reason it could not be done."""
    draft, course = access.draft_or_404(current_user, slug)
    form = LessonFileForm()
    path = form.path.data or ""
    if not form.validate_on_submit() or path not in draft.files:
        abort(400)
    try:
        target, message = change(draft, path, form)
    except drafts.DraftError as error:
        form.name.errors.append(str(error))
        return _editor(draft, course, path, draft.files[path], file_form=form, status=400)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".edit", slug=slug, file=target))


def _posted_file(draft: CourseDraft) -> tuple[str, str]:
    path, text = request.form.get("path", ""), request.form.get("text")
    if path not in draft.files or text is None:
        abort(400)
    return path, text


@bp.post("/drafts/<slug>/preview")
@reads_only
@requires("courses.author")
def live_preview(slug: str):
    """JSON for the editor script: the file's preview HTML and every finding of the draft.

    It only reads: on SQLite its transaction is a plain one, so however long a preview takes,
    no one else waits for the write lock."""
    draft, _course = access.draft_or_404(current_user, slug)
    path, text = _posted_file(draft)
    problem = size_problem(path, len(text.encode("utf-8")))
    if problem:
        return jsonify(message=f"{problem} Split it into more lessons to preview it."), 413
    findings = publish.draft_findings(draft, path, text)
    preview = publish.preview_file(path, text, _media_url(draft))
    html = render_template("authoring/_preview.html", preview=preview)
    return jsonify(html=html, findings=[dataclasses.asdict(f) for f in findings])


@bp.post("/drafts/<slug>/autosave")
@requires("courses.author")
def autosave(slug: str):
    draft, _course = access.draft_or_404(current_user, slug)
    path, text = _posted_file(draft)
    try:
        changed = drafts.save_file(draft, path, text, current_user, request.form.get("version", ""))
    except drafts.StaleSave as stale:
        db.session.rollback()
        return jsonify(
            saved=False,
            conflict=True,
            message=str(stale),
            saved_text=stale.saved_text,
            version=stale.version,
        ), 409
    except drafts.DraftError as error:
        return jsonify(saved=False, message=str(error)), 400
    db.session.commit()
    return jsonify(saved=True, changed=changed, version=drafts.file_version(draft.files[path]))


@bp.route("/drafts/<slug>/publish", methods=["GET", "POST"])
@requires("courses.author")
def publish_draft(slug: str):
    draft, course = access.draft_or_404(current_user, slug)
    form = PublishForm()
    refused = None
    if form.validate_on_submit():
        try:
            version = publish.publish(
                draft, current_user, warnings_acknowledged=bool(form.acknowledge.data)
            )
        except publish.PublishRefused as error:
            db.session.rollback()
            refused = error
        else:
            db.session.commit()
            flash(
                _("Published version %(number)d. New learners start on it.", number=version.number),
                "success",
            )
            return redirect(url_for(".versions", slug=slug))
    status = 400 if refused is not None or form.errors else 200
    return _publish_page(draft, course, form, refused=refused, status=status)


def _publish_page(draft, course, form, *, refused=None, claim_form=None, status=200):
    """The publish page: the draft's findings, and — when the 25% rule alone blocks it — an
    administrator's form to approve the claim (prefilled with the claimed hours)."""
    findings = publish.draft_findings(draft)
    claim = claims.approvable_claim(draft, findings)
    if claim is not None and claim_form is None and access.is_admin(current_user):
        claim_form = ClaimApprovalForm(
            formdata=None, content=claim.digest, hours=format_hours(claim.ce_minutes)
        )
    return render_template(
        "authoring/publish.html",
        draft=draft,
        course=course,
        form=form,
        refused=refused,
        result=publish.check_result(findings),
        claim=claim,
        claim_form=claim_form,
    ), status


@bp.post("/drafts/<slug>/claim")
@requires("admin.manage")
def approve_claim(slug: str):
    """An administrator approves the draft's claim above its estimate, with a basis."""
    draft, course = access.draft_or_404(current_user, slug)
    form = ClaimApprovalForm()
    if form.validate_on_submit():
        try:
            claims.approve_claim(
                draft,
                current_user,
                seen=form.content.data or "",
                minutes=form.hours.minutes,
                basis=form.basis.data.strip(),
                daily_cap=current_app.config["ONLINE_CE_MINUTES_PER_24H"],
            )
        except claims.ClaimRefused as error:
            db.session.rollback()
            if error.field is None:
                flash(str(error), "error")
                return redirect(url_for(".publish_draft", slug=slug))
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Claim approved for this content. It can be published now."), "success")
            return redirect(url_for(".publish_draft", slug=slug))
    return _publish_page(draft, course, PublishForm(formdata=None), claim_form=form, status=400)


@bp.get("/courses/<slug>/versions")
@requires("courses.author")
def versions(slug: str):
    course = access.course_or_404(current_user, slug)
    numbers = [v.number for v in course.versions]
    old, new = _diff_pair(numbers)
    diffs, changes = [], []
    if old is not None and new is not None and old != new:
        before, after = history.version_of(course, old), history.version_of(course, new)
        old_files, new_files = history.version_files(before.id), history.version_files(after.id)
        diffs = history.diff_versions(old_files, new_files, f"v{old}", f"v{new}")
        changes = describe_changes(before, after, old_files, new_files)
    has_draft = db.session.execute(
        db.select(CourseDraft.id).where(CourseDraft.slug == slug)
    ).first()
    return render_template(
        "authoring/versions.html",
        course=course,
        old=old,
        new=new,
        diffs=diffs,
        changes=changes,
        has_draft=has_draft is not None,
    )


def _diff_pair(numbers: list[int]) -> tuple[int | None, int | None]:
    """The two versions to compare: from the query, else the last two."""
    old = query_number(request.args, "from")
    new = query_number(request.args, "to")
    if old not in numbers or new not in numbers:
        old, new = (numbers[-2], numbers[-1]) if len(numbers) >= 2 else (None, None)
    return old, new


@bp.get("/courses/<slug>/versions/<int:number>.zip")
@requires("courses.author")
def export(slug: str, number: int):
    course = access.course_or_404(current_user, slug)
    version = history.version_of(course, number)
    files = history.version_files(version.id) if version is not None else {}
    if not files:
        abort(404)
    return send_bytes(
        history.export_zip(slug, files),
        filename=f"{slug}-v{number}.zip",
        mimetype="application/zip",
    )


@bp.get("/courses/<slug>/statistics")
@requires("courses.author")
def course_statistics(slug: str):
    course = access.course_or_404(current_user, slug)
    return render_template(
        "authoring/statistics.html",
        course=course,
        versions=statistics.quiz_statistics(course.id),
        evaluation=statistics.evaluation_results(course.id),
    )
