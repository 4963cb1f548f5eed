"""`bench cohort`'s bookkeeping on a tiny cohort: three seeded learners, given session cookies
as signing in gives them, take the same quiz through the test app on a loopback port; every
acknowledged answer is found in the database, and an answer missing from it (or changed) is
counted as lost. No timing is asserted: the benchmark reports times, it does not judge them."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.cohort_check import lost_answers, session_cookies, stored_counts
from bench.cohort_learners import STEPS, run_cohort
from bench.seed import Scale, seed, trainee_email
from lms.db import writing
from lms.extensions import db
from lms.models import QuizAttempt

TINY = Scale(trainees=3, supervisors=0, attempts=0, ce_records=0)
COURSE = "documentation-and-notes"  # its quiz shows 8 questions an attempt


def run_on_own_loop(coroutine):
    """Run the benchmark's coroutine on a thread of its own: in one `make test` run the browser
    tests (Playwright) leave an event loop running on the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_cohort_finds_every_acknowledged_answer_and_counts_one_lost(app, live_server):
    seed(TINY)
    cookies = session_cookies(app, [trainee_email(n) for n in range(3)])

    tally = run_on_own_loop(run_cohort(live_server, cookies, COURSE, seconds=0.3))

    assert {step: dict(tally.errors[step]) for step in STEPS} == {step: {} for step in STEPS}
    assert [len(tally.latencies[step]) for step in STEPS] == [3, 3, 24, 24, 3]
    assert tally.submitted == 3
    assert len(tally.saved) == 3 * 8
    assert stored_counts(COURSE) == {"attempts": 3, "submitted": 3, "answers": 24}
    assert lost_answers(tally.saved) == 0

    first = tally.saved[0]
    with writing():
        attempt = db.session.get(QuizAttempt, first.attempt_id)
        question_id = attempt.shown[first.number - 1]["id"]
        attempt.answers = {k: v for k, v in attempt.answers.items() if k != question_id}
        db.session.commit()
    assert lost_answers(tally.saved) == 1

    other = next(a for a in tally.saved if a.attempt_id != first.attempt_id)
    with writing():
        attempt = db.session.get(QuizAttempt, other.attempt_id)
        question_id = attempt.shown[other.number - 1]["id"]
        attempt.answers = {**attempt.answers, question_id: ["not-what-was-sent"]}
        db.session.commit()
    assert lost_answers(tally.saved) == 2


def test_a_cohort_without_a_session_gets_no_answer_acknowledged(app, live_server):
    """Signed out, the quiz page redirects to sign-in: counted as an error, nothing saved."""
    seed(TINY)

    tally = run_on_own_loop(run_cohort(live_server, ["session=not-a-session"], COURSE, seconds=0))

    assert dict(tally.errors["open quiz"]) == {"HTTP 302": 1}
    assert tally.saved == [] and tally.submitted == 0
    assert lost_answers(tally.saved) == 0
