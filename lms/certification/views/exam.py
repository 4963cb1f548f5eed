"""Routes for the practice exam. Thin: load, check ownership, call lms.certification.exam."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms.certification import exam
from lms.certification.blueprint import bp
from lms.extensions import db
from lms.i18n import _
from lms.learning import attempts as attempt_rules
from lms.learning.answers import read_answer
from lms.models import PracticeAttempt


@bp.get("/exam")
@login_required
def exam_page():
    return _start_page()


@bp.post("/exam")
@login_required
def start_exam():
    timing = request.form.get("timing", "")
    limits = {"untimed": None, **{str(m): m for m in exam.TIME_LIMITS}}
    if timing not in limits:
        return _start_page(error=_("Choose whether to time this practice exam.")), 400
    try:
        attempt, started = exam.start_or_resume(current_user, limits[timing])
    except attempt_rules.AttemptError as error:
        flash(str(error), "warning")
        return redirect(url_for(".exam_page"))
    db.session.commit()
    if not started:
        flash(
            _("You have a practice exam in progress. Here it is; submit it to start another."),
            "info",
        )
    return redirect(
        url_for(
            ".exam_question",
            practice_attempt_id=attempt.id,
            number=attempt_rules.first_unanswered(attempt),
        )
    )


@bp.get("/exam/<int:practice_attempt_id>/questions/<int:number>")
@login_required
def exam_question(practice_attempt_id: int, number: int):
    attempt = _attempt_or_404(practice_attempt_id)
    if attempt.submitted_at is not None:
        return redirect(url_for(".exam_attempt", practice_attempt_id=attempt.id))
    item, question = _question_or_404(attempt, number)
    return render_template(
        "certification/exam_question.html",
        attempt=attempt,
        number=number,
        total=len(attempt.shown),
        item=item,
        question=question,
        answer=attempt.answers.get(item["id"]),
        minutes_left=exam.minutes_left(attempt),
    )


@bp.post("/exam/<int:practice_attempt_id>/questions/<int:number>")
@login_required
def save_exam_question(practice_attempt_id: int, number: int):
    attempt = _attempt_or_404(practice_attempt_id)
    if attempt.submitted_at is not None:
        flash(_("This practice exam was already submitted, so its answers are final."), "info")
        return redirect(url_for(".exam_attempt", practice_attempt_id=attempt.id))
    item, question = _question_or_404(attempt, number)
    move = request.form.get("move")
    back = move == "back"
    if move == "skip":  # on to the next question; this one keeps what it had (or nothing)
        answer, problem = None, None
    else:
        answer, problem = read_answer(question, item, request.form)
    if problem and not back:
        flash(problem, "error")
        return redirect(url_for(".exam_question", practice_attempt_id=attempt.id, number=number))
    if answer is not None:
        attempt_rules.save_answer(attempt, item["id"], answer)
        db.session.commit()
    target = attempt_rules.next_number(attempt, number, back=back)
    if target is not None:
        return redirect(url_for(".exam_question", practice_attempt_id=attempt.id, number=target))
    return redirect(url_for(".exam_attempt", practice_attempt_id=attempt.id))


@bp.get("/exam/<int:practice_attempt_id>")
@login_required
def exam_attempt(practice_attempt_id: int):
    attempt = _attempt_or_404(practice_attempt_id)
    return render_template(
        "certification/exam_attempt.html",
        attempt=attempt,
        questions={item["id"]: exam.question_for(item) for item in attempt.shown},
        unanswered=attempt_rules.unanswered_numbers(attempt),
        domains=exam.DOMAINS,
        minutes_left=exam.minutes_left(attempt),
        ran_over=exam.ran_over(attempt),
    )


@bp.post("/exam/<int:practice_attempt_id>/submit")
@login_required
def submit_exam(practice_attempt_id: int):
    attempt = _attempt_or_404(practice_attempt_id)
    if exam.submit(attempt, current_user):
        db.session.commit()
    else:
        db.session.rollback()
        flash(_("This practice exam had already been submitted; here is its result."), "info")
    return redirect(url_for(".exam_attempt", practice_attempt_id=attempt.id))


def _start_page(error: str | None = None):
    total, shares = exam.settings()
    attempts = exam.attempts_of(current_user.id)
    return render_template(
        "certification/exam.html",
        total=total,
        shares=shares,
        domains=exam.DOMAINS,
        time_limits=exam.TIME_LIMITS,
        attempts=attempts,
        unfinished=attempt_rules.open_attempt(attempts),
        results=exam.practice_results(current_user.id),
        error=error,
    )


def _attempt_or_404(attempt_id: int) -> PracticeAttempt:
    attempt = db.session.get(PracticeAttempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


def _question_or_404(attempt: PracticeAttempt, number: int):
    if not 1 <= number <= len(attempt.shown):
        abort(404)
    item = attempt.shown[number - 1]
    question = exam.question_for(item)
    if question is None:
        abort(404)
    return item, question
