"""Learning routes. Thin: load, check ownership, call lms.learning, render or redirect."""

import posixpath

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from lms.certificates import queries as certificate_queries
from lms.content import translations
from lms.content.course import MAX_CE_HOURS
from lms.content.labels import local_vocabulary
from lms.content.live import live_versions
from lms.downloads import send_bytes
from lms.extensions import db
from lms.hours import HoursError, format_hours, parse_hours
from lms.i18n import _, current_locale, local_hours_phrase
from lms.learning import attempts as attempt_rules
from lms.learning import catalog, completion, enrollments, ontask, quizzes
from lms.learning.answers import read_answer
from lms.learning.blueprint import bp
from lms.learning.enrollments import LearningError
from lms.learning.forms import EvaluationForm
from lms.learning.lesson_render import render_lesson
from lms.models import (
    Course,
    CourseMedia,
    CourseVersion,
    Enrollment,
    Lesson,
    QuizAttempt,
)
from lms.numbers import query_number
from lms.provider import time_on_task_share

SAFE_MEDIA_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}
# The catalog's "Most CE hours" choices, in minutes.
LENGTH_CHOICES = (30, 60, 90, 120, 180)


@bp.get("/courses")
def catalog_page():
    """The live courses, filtered by the query string."""
    filters = _filters_from(request.args)
    vocabulary = local_vocabulary()
    live = live_versions()
    courses = catalog.in_language_first(
        [(c, v) for c, v in live if filters.matches(v)], current_locale()
    )
    states = catalog.learner_states(current_user) if current_user.is_authenticated else {}
    return render_template(
        "learning/catalog.html",
        courses=courses,
        partners=translations.partners(c for c, _v in live),
        states=states,
        filters=filters,
        vocabulary=vocabulary,
        lengths=[(format_hours(m), m) for m in LENGTH_CHOICES],
    )


def _filters_from(args) -> catalog.CatalogFilters:
    """The catalog's filters from the query string; a value that cannot be read is no filter."""
    competency = query_number(args, "competency")
    try:
        max_minutes = parse_hours(args.get("max_hours", ""), maximum=MAX_CE_HOURS)
    except HoursError:
        max_minutes = None
    return catalog.CatalogFilters(
        q=args.get("q", "")[:100],
        topic=args.get("topic", ""),
        competency=competency,
        setting=args.get("setting", ""),
        max_minutes=max_minutes,
    )


@bp.get("/courses/<slug>")
def course_page(slug: str):
    course, version = _live_or_404(slug)
    enrollment = None
    if current_user.is_authenticated:
        enrollment = enrollments.find_enrollment(current_user, course)
        if enrollment is not None:
            version = enrollment.version
    return render_template(
        "learning/course.html",
        course=course,
        version=version,
        enrollment=enrollment,
        outline=enrollments.lesson_outline(version.id),
        read=enrollments.lessons_read(enrollment) if enrollment else set(),
        progress=completion.requirements(enrollment, time_on_task_share()) if enrollment else None,
        certificate=_certificate(enrollment),
        credit=completion.credit_for(enrollment)
        if enrollment and enrollment.completed_at
        else None,
        vocabulary=local_vocabulary(),
    )


@bp.post("/courses/<slug>/enroll")
@login_required
def enroll(slug: str):
    course, version = _live_or_404(slug)
    enrollment = enrollments.enroll(current_user, course, version)
    db.session.commit()
    return redirect(_resume_url(enrollment))


@bp.post("/courses/<slug>/enrol")
def enroll_at_old_address(slug: str):
    """The address before the spelling was made "enrollment" everywhere: a course page left
    open in a browser still enrolls (308 keeps the POST and its form)."""
    return redirect(url_for(".enroll", slug=slug), code=308)


@bp.get("/courses/<slug>/resume")
@login_required
def resume(slug: str):
    """Where the learner left off: the first unread lesson, else the quiz."""
    return redirect(_resume_url(_enrollment_or_404(slug)))


@bp.get("/courses/<slug>/lessons/<int:position>")
@login_required
def lesson(slug: str, position: int):
    page = enrollments.lesson_page(current_user.id, slug, position)
    if page is None:
        abort(404)
    shown = ontask.page_stamp(current_app.secret_key, page.enrollment_id, ontask.now())
    return render_lesson(
        page, shown, lambda: render_template("learning/lesson.html", page=page, shown=shown)
    )


@bp.post("/courses/<slug>/lessons/<int:position>")
@login_required
def finish_lesson(slug: str, position: int):
    enrollment = _enrollment_or_404(slug)
    lesson = _lesson_or_404(enrollment, position)
    progress = enrollments.finish_lesson(enrollment, lesson)
    ontask.count_lesson(enrollment, lesson, progress, _shown_at(enrollment))
    _complete_if_ready(enrollment)
    db.session.commit()
    if position < enrollment.version.lesson_count:
        return redirect(url_for(".lesson", slug=slug, position=position + 1))
    return redirect(url_for(".quiz", slug=slug))


@bp.get("/courses/<slug>/quiz")
@login_required
def quiz(slug: str):
    enrollment = _enrollment_or_404(slug)
    quiz = enrollment.version.quiz
    attempts = quizzes.attempts_of(enrollment)
    return render_template(
        "learning/quiz.html",
        enrollment=enrollment,
        version=enrollment.version,
        quiz=quiz,
        attempts=attempts,
        passed=quizzes.has_passed(attempts),
        left=quizzes.attempts_left(quiz, attempts),
        open_attempt=attempt_rules.open_attempt(attempts),
        wait=_wait_sentence(attempts),
    )


def _wait_sentence(attempts) -> str:
    """When today's attempts are used up: when the learner can try again ("" otherwise)."""
    moment = quizzes.next_try(current_user, attempts, current_app.config["QUIZ_ATTEMPTS_PER_DAY"])
    return quizzes.try_again_sentence(moment) if moment else ""


@bp.post("/courses/<slug>/quiz")
@login_required
def start_quiz(slug: str):
    enrollment = _enrollment_or_404(slug)
    try:
        attempt = quizzes.start_or_resume(
            enrollment, enrollment.version.quiz, current_app.config["QUIZ_ATTEMPTS_PER_DAY"]
        )
    except LearningError as error:
        flash(str(error), "warning")
        return redirect(url_for(".quiz", slug=slug))
    ontask.count_quiz(enrollment)
    db.session.commit()
    number = attempt_rules.first_unanswered(attempt)
    return redirect(url_for(".question", attempt_id=attempt.id, number=number))


@bp.get("/attempts/<int:attempt_id>/questions/<int:number>")
@login_required
def question(attempt_id: int, number: int):
    attempt, enrollment = _attempt_or_404(attempt_id)
    if attempt.submitted_at is not None:
        return redirect(url_for(".attempt", attempt_id=attempt.id))
    item, question = _question_or_404(attempt, enrollment, number)
    return render_template(
        "learning/question.html",
        attempt=attempt,
        enrollment=enrollment,
        number=number,
        total=len(attempt.shown),
        item=item,
        question=question,
        answer=attempt.answers.get(item["id"]),
        shown=ontask.page_stamp(current_app.secret_key, enrollment.id, ontask.now()),
    )


@bp.post("/attempts/<int:attempt_id>/questions/<int:number>")
@login_required
def save_question(attempt_id: int, number: int):
    attempt, enrollment = _attempt_or_404(attempt_id)
    if attempt.submitted_at is not None:
        flash(_("This attempt was already submitted, so its answers are final."), "info")
        return redirect(url_for(".attempt", attempt_id=attempt.id))
    item, question = _question_or_404(attempt, enrollment, number)
    answer, problem = read_answer(question, item, request.form)
    back = request.form.get("move") == "back"
    if problem and not back:
        flash(problem, "error")
        return redirect(url_for(".question", attempt_id=attempt.id, number=number))
    if answer is not None:
        attempt_rules.save_answer(attempt, item["id"], answer)
        ontask.count_quiz(enrollment, _shown_at(enrollment))
        db.session.commit()
    target = attempt_rules.next_number(attempt, number, back=back)
    if target is not None:
        return redirect(url_for(".question", attempt_id=attempt.id, number=target))
    return redirect(url_for(".attempt", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    attempt, enrollment = _attempt_or_404(attempt_id)
    quiz = enrollment.version.quiz
    attempts = quizzes.attempts_of(enrollment)
    return render_template(
        "learning/attempt.html",
        attempt=attempt,
        enrollment=enrollment,
        version=enrollment.version,
        quiz=quiz,
        questions={q["id"]: q for q in quiz["questions"]},
        reveal=_reveal(quiz, attempts),
        review=quizzes.review_lessons(enrollment.version.lessons, quiz, attempt),
        left=quizzes.attempts_left(quiz, attempts),
        passed=quizzes.has_passed(attempts),
        progress=completion.requirements(enrollment, time_on_task_share()),
        certificate=_certificate(enrollment),
    )


def _reveal(quiz, attempts) -> bool:
    rule = quiz["reveal"]
    return rule == "after_each_attempt" or (
        rule == "after_passing" and quizzes.has_passed(attempts)
    )


@bp.post("/attempts/<int:attempt_id>/submit")
@login_required
def submit_attempt(attempt_id: int):
    attempt, enrollment = _attempt_or_404(attempt_id)
    if quizzes.submit(attempt, enrollment.version.quiz):
        ontask.count_quiz(enrollment)
        _complete_if_ready(enrollment)
        db.session.commit()
    else:
        db.session.rollback()
        flash(_("This attempt had already been submitted; here is its result."), "info")
    return redirect(url_for(".attempt", attempt_id=attempt.id))


@bp.post("/courses/<slug>/complete")
@login_required
def complete(slug: str):
    """Finish a course whose requirements are met (e.g. after waiting out the online limit)."""
    enrollment = _enrollment_or_404(slug)
    if not completion.requirements(enrollment, time_on_task_share()).met:
        flash(_("There is still something to do before this course is complete."), "info")
    _complete_if_ready(enrollment)
    db.session.commit()
    return redirect(url_for(".course_page", slug=slug))


@bp.route("/courses/<slug>/evaluation", methods=["GET", "POST"])
@login_required
def evaluation(slug: str):
    enrollment = _enrollment_or_404(slug)
    existing = completion.evaluation_of(enrollment)
    form = EvaluationForm()
    if existing is None and form.validate_on_submit():
        if completion.save_evaluation(enrollment, form.ratings(), form.comment.data):
            _complete_if_ready(enrollment)
            db.session.commit()
            flash(_("Thank you. Your evaluation is saved."), "success")
            return redirect(url_for(".course_page", slug=slug))
        existing = completion.evaluation_of(enrollment)  # sent a moment earlier, from another tab
    status = 400 if form.errors else 200
    return render_template(
        "learning/evaluation.html", enrollment=enrollment, form=form, existing=existing
    ), status


@bp.get("/media/<slug>/<digest>/<path:path>")
def media(slug: str, digest: str, path: str):
    row = db.session.execute(
        db.select(CourseMedia)
        .join(CourseVersion, CourseVersion.id == CourseMedia.version_id)
        .join(Course, Course.id == CourseVersion.course_id)
        .where(
            Course.slug == slug,
            CourseVersion.content_hash.startswith(digest, autoescape=True),
            CourseMedia.path == path,
        )
    ).scalar_one_or_none()
    if row is None or len(digest) < 16:
        abort(404)
    content_type = row.content_type if row.content_type in SAFE_MEDIA_TYPES else None
    # Public and content-addressed (the digest names the version), so cacheable; a type a
    # browser could run as a page is only ever saved, never shown.
    return send_bytes(
        row.data,
        filename=posixpath.basename(row.path),
        mimetype=content_type or "application/octet-stream",
        inline=content_type is not None,
        private=False,
    )


def _certificate(enrollment: Enrollment | None):
    if enrollment is None or enrollment.completed_at is None:
        return None
    return certificate_queries.current_for_enrollment(enrollment)


def _shown_at(enrollment: Enrollment):
    """When the page whose form was posted was shown (its signed stamp), or None."""
    return ontask.shown_at(current_app.secret_key, request.form.get("shown", ""), enrollment.id)


def _complete_if_ready(enrollment: Enrollment) -> None:
    outcome = completion.try_complete(
        enrollment, current_app.config["ONLINE_CE_MINUTES_PER_24H"], time_on_task_share()
    )
    if isinstance(outcome, str):
        flash(outcome, "warning")
    elif isinstance(outcome, completion.AlreadyCredited):
        flash(outcome.sentence, "info")
    elif outcome is not None:
        flash(
            _(
                "Course complete. %(hours)s on your record.",
                hours=local_hours_phrase(outcome.minutes, "CE hour is", "CE hours are"),
            ),
            "success",
        )


def _resume_url(enrollment: Enrollment) -> str:
    read = enrollments.lessons_read(enrollment)
    for lesson_id, position, _title in enrollments.lesson_outline(enrollment.version_id):
        if lesson_id not in read:
            return url_for(".lesson", slug=enrollment.course.slug, position=position)
    return url_for(".quiz", slug=enrollment.course.slug)


def _live_or_404(slug: str) -> tuple[Course, CourseVersion]:
    found = enrollments.live_course(slug)
    if found is None:
        abort(404)
    return found


def _enrollment_or_404(slug: str) -> Enrollment:
    """The signed-in learner's enrollment on a course, with its version and course loaded."""
    enrollment = db.session.execute(
        db.select(Enrollment)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Course.slug == slug, Enrollment.user_id == current_user.id)
        .options(joinedload(Enrollment.course), joinedload(Enrollment.version))
    ).scalar_one_or_none()
    if enrollment is None:
        abort(404)
    return enrollment


def _lesson_or_404(enrollment: Enrollment, position: int) -> Lesson:
    lesson = db.session.execute(
        db.select(Lesson).where(
            Lesson.version_id == enrollment.version_id, Lesson.position == position
        )
    ).scalar_one_or_none()
    if lesson is None:
        abort(404)
    return lesson


def _attempt_or_404(attempt_id: int) -> tuple[QuizAttempt, Enrollment]:
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.enrollment.user_id != current_user.id:
        abort(404)
    return attempt, attempt.enrollment


def _question_or_404(attempt: QuizAttempt, enrollment: Enrollment, number: int):
    if not 1 <= number <= len(attempt.shown):
        abort(404)
    item = attempt.shown[number - 1]
    question = next(q for q in enrollment.version.quiz["questions"] if q["id"] == item["id"])
    return item, question
