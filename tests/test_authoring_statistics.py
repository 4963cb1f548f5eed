"""Question statistics on a small hand-made set of attempts: % correct, the discrimination
index (upper 27% minus lower 27%), how often each option was chosen, and evaluation results."""

from fractions import Fraction

from lms.authoring.statistics import discrimination, evaluation_results, quiz_statistics
from lms.db import writing
from lms.extensions import db
from lms.models import CourseEvaluation, Enrollment, QuizAttempt, utcnow
from tests.helpers import AuthActions, make_question, page_queries

# (score, {question: points}, {question: answer}) — q1..q4 from create_course, "a" is right.
ATTEMPTS = [
    (100, {"q1": "1", "q2": "1", "q3": "1", "q4": "1"}, {"q1": ["a"], "q2": ["a"]}),
    (75, {"q1": "1", "q2": "0", "q3": "1", "q4": "1"}, {"q1": ["a"], "q2": ["b"]}),
    (50, {"q1": "0", "q2": "1", "q3": "1", "q4": "0"}, {"q1": ["b"], "q2": ["a"]}),
    (25, {"q1": "0", "q2": "1", "q3": "1/2", "q4": "0"}, {"q1": ["c"], "q2": ["a"]}),
]


def hand_made_attempts(create_user, create_course, attempts=ATTEMPTS):
    version = create_course(slug="ethics-basics")
    with writing():
        for n, (score, results, answers) in enumerate(attempts):
            learner = create_user(email=f"learner{n}@example.org")
            enrollment = Enrollment(
                user_id=learner.id, course_id=version.course_id, version_id=version.id
            )
            db.session.add(enrollment)
            db.session.flush()
            db.session.add(
                QuizAttempt(
                    enrollment_id=enrollment.id,
                    number=1,
                    shown=[],
                    answers=answers,
                    results=results,
                    score_percent=score,
                    passed=score >= 75,
                    submitted_at=utcnow(),
                )
            )
            # An attempt still open counts for nothing.
            db.session.add(QuizAttempt(enrollment_id=enrollment.id, number=2, shown=[]))
            db.session.add(
                CourseEvaluation(
                    enrollment_id=enrollment.id,
                    ratings={"objectives": 5 - n % 2, "useful": 4, "clear": 3, "respectful": 5},
                    comment="More examples, please." if n == 0 else "",
                )
            )
        db.session.commit()
    return version


def test_statistics_per_question_on_hand_made_attempts(app, create_user, create_course):
    version = hand_made_attempts(create_user, create_course)
    (stats,) = quiz_statistics(version.course_id)
    assert (stats.number, stats.attempts) == (1, 4)
    q1, q2, q3, _q4 = stats.questions
    # 27% of 4 attempts rounds to 1: the best attempt against the weakest.
    assert (q1.attempts, q1.percent_correct, q1.discrimination) == (4, 50, 1)
    assert (q2.percent_correct, q2.discrimination) == (75, 0)
    assert (q3.percent_correct, q3.discrimination) == (87, Fraction(1, 2))
    assert [(o.chosen, o.percent, o.correct) for o in q1.options] == [
        (2, 50, True),
        (1, 25, False),
        (1, 25, False),
    ]


def test_discrimination_needs_two_attempts_and_takes_27_percent_groups():
    assert discrimination([(90, Fraction(1))]) is None
    scored = [(score, Fraction(int(score >= 50))) for score in range(0, 100, 10)]
    assert discrimination(scored) == 1  # 10 attempts: groups of 3
    assert discrimination([(s, Fraction(1)) for s in range(10)]) == 0


def test_evaluation_results_average_each_rating_and_list_comments(app, create_user, create_course):
    version = hand_made_attempts(create_user, create_course)
    results = evaluation_results(version.course_id)
    assert results.count == 4
    averages = dict(results.averages)
    assert averages["The course met its stated objectives."] == Fraction(9, 2)
    assert averages["The lessons were clear and easy to follow."] == 3
    assert results.comments == ["More examples, please."]


def test_the_statistics_page_shows_the_numbers_to_an_admin(client, create_user, create_course):
    hand_made_attempts(create_user, create_course)
    admin = create_user(roles=("admin",))
    AuthActions(client).signin(admin.email)
    page = client.get("/authoring/courses/ethics-basics/statistics").get_data(as_text=True)
    assert "Version 1: 4 submitted attempts" in page
    assert "<td>50%</td>\n        <td>1.00</td>" in page  # q1: facility, discrimination
    assert page.count('<details id="q-1-') == 4  # each question opens for its details
    assert "4.5 average" in page and "More examples, please." in page


def test_the_statistics_page_costs_the_same_queries_whatever_the_questions(
    client, create_user, create_course
):

    admin = create_user(roles=("admin",))
    AuthActions(client).signin(admin.email)
    create_course(slug="few", questions=[make_question("q1")])
    create_course(slug="many", questions=[make_question(f"q{n}") for n in range(1, 30)])
    assert page_queries(client, "/authoring/courses/few/statistics") == page_queries(
        client, "/authoring/courses/many/statistics"
    )


def test_a_question_strong_learners_miss_or_with_an_option_nobody_picks_is_flagged_with_advice(
    client, create_user, create_course
):
    # Strong learners pick "b" (wrong), weak ones "a" (right); no one ever picks "c".
    attempts = [
        (score, {"q1": "0" if score > 50 else "1"}, {"q1": ["b"] if score > 50 else ["a"]})
        for score in (100, 90, 80, 30, 20, 10)
    ]
    version = hand_made_attempts(create_user, create_course, attempts)
    (stats,) = quiz_statistics(version.course_id)
    q1 = stats.questions[0]
    assert q1.discrimination < 0
    assert [flag.label for flag in q1.flags] == ["Negative discrimination", "1 option never chosen"]
    assert "right answer is marked correctly" in q1.flags[0].advice
    assert "No one picked “Option C of q1”" in q1.flags[1].advice
    assert [flag.label for flag in stats.questions[1].flags] == []  # q2: never shown

    AuthActions(client).signin(create_user(roles=("admin",)).email)
    page = client.get("/authoring/courses/ethics-basics/statistics").get_data(as_text=True)
    assert '<tr class="flagged">' in page and "1 of 4 questions flagged" in page
    assert '<span class="tag tag-retry">Negative discrimination</span>' in page
