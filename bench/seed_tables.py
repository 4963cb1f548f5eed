"""The tables bench/seed.py fills, each with bulk Core inserts (executemany in batches)."""

import hashlib
import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from bench.seed_rows import (
    PASSWORD,
    attempt_variants,
    chunks,
    outside_record,
    progress_rows,
    spread,
    supervisor_email,
    trainee_email,
)


def insert_rows(model, rows: list[dict], *, ids: bool = False) -> list[int]:
    """executemany in batches; with ids=True, the new ids in the order of `rows`."""
    from lms.extensions import db

    table = model.__table__
    if not rows:
        return []
    if ids:
        statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        return list(db.session.execute(statement, rows).scalars())
    for chunk in chunks(rows, 5000):
        db.session.execute(table.insert(), chunk)
    return []


@dataclass(frozen=True)
class _Course:
    id: int
    slug: str
    version: object  # the live CourseVersion
    lessons: list[int]  # lesson ids in order
    variants: list[dict]  # graded quiz attempts to copy: failed ones, then one passed


def live_courses() -> list[_Course]:
    from lms.extensions import db
    from lms.models import Course, CourseVersion, Lesson

    rows = db.session.execute(
        db.select(Course, CourseVersion)
        .join(CourseVersion, CourseVersion.id == Course.live_version_id)
        .order_by(Course.slug)
    ).all()
    rng = random.Random(2026)
    courses = []
    for course, version in rows:
        lessons = db.session.execute(
            db.select(Lesson.id).where(Lesson.version_id == version.id).order_by(Lesson.position)
        ).scalars()
        variants = attempt_variants(version.quiz, rng)
        courses.append(_Course(course.id, course.slug, version, list(lessons), variants))
    return courses


def people(trainee_count: int, supervisor_count: int) -> tuple[list[int], list[int]]:
    """Trainees (each with a tracked credential) and supervisors; returns both lists of ids."""
    from lms.auth.passwords import hash_password
    from lms.ce.cycles import add_months
    from lms.models import User, UserCredential, UserRole
    from lms.renewal.rulesets import offered_rule_sets

    password_hash = hash_password(PASSWORD)

    def person(email: str, name: str) -> dict:
        token = secrets.token_urlsafe(32)
        return {"email": email, "password_hash": password_hash, "legal_name": name,
                "session_token": token}  # fmt: skip

    trainees = insert_rows(
        User,
        [person(trainee_email(n), f"Trainee {n}") for n in range(trainee_count)],
        ids=True,
    )
    supervisors = insert_rows(
        User,
        [person(supervisor_email(n), f"Supervisor {n}") for n in range(supervisor_count)],
        ids=True,
    )
    insert_rows(UserRole, [{"user_id": s, "role": "supervisor"} for s in supervisors])
    rules = offered_rule_sets()
    today = date.today()
    credentials = []
    for n, user_id in enumerate(trainees):
        rule = rules[n % len(rules)]
        certified = today - timedelta(days=(n * 37) % 700)
        credentials.append(
            {"user_id": user_id, "name": rule.name, "number": f"PR-{10000 + n}",
             "rule_set": rule.key, "certified_on": certified,
             "expires_on": add_months(certified, rule.cycle.months) - timedelta(days=1)}
        )  # fmt: skip
    insert_rows(UserCredential, credentials)
    return trainees, supervisors


def supervision(trainees: list[int], supervisors: list[int]) -> None:
    from lms.models import SupervisorLink

    if supervisors:
        insert_rows(
            SupervisorLink,
            [{"supervisor_id": supervisors[n % len(supervisors)], "peer_id": peer}
             for n, peer in enumerate(trainees)],
        )  # fmt: skip


def learning(trainees, courses, plans) -> list[int]:
    """Enrollments with their lesson progress and quiz attempts; returns enrollment ids."""
    from lms.models import Enrollment, LessonProgress, QuizAttempt, utcnow

    now = utcnow()
    rows = []
    for plan in plans:
        course = courses[plan.course]
        started = now - timedelta(days=30 + (plan.trainee * 13 + plan.course * 5) % 365)
        rows.append(
            {"user_id": trainees[plan.trainee], "course_id": course.id,
             "version_id": course.version.id, "started_at": started,
             "last_activity_at": started + timedelta(days=3),
             "completed_at": started + timedelta(days=3) if plan.completed else None}
        )  # fmt: skip
    ids = insert_rows(Enrollment, rows, ids=True)
    progress, attempts = [], []
    for plan, enrollment_id, row in zip(plans, ids, rows, strict=True):
        course = courses[plan.course]
        progress += progress_rows(plan, enrollment_id, course.lessons, row["started_at"])
        for number in range(1, plan.attempts + 1):
            last_passes = plan.completed and number == plan.attempts
            variant = course.variants[-1 if last_passes else number % (len(course.variants) - 1)]
            at = row["started_at"] + timedelta(hours=number)
            attempts.append(
                {"enrollment_id": enrollment_id, "number": number, "started_at": at,
                 "submitted_at": at + timedelta(minutes=12), **variant}
            )  # fmt: skip
    insert_rows(LessonProgress, progress)
    insert_rows(QuizAttempt, attempts)
    return ids


def completions(trainees, courses, plans, enrollments) -> list[tuple[int, int, int, date]]:
    """Evaluations and internal CE records; returns (record id, trainee, course, earned on)."""
    from lms.learning.completion import DELIVERY_SELF_PACED
    from lms.learning.forms import QUESTIONS
    from lms.models import CERecord, CourseEvaluation

    done = [(p, e) for p, e in zip(plans, enrollments, strict=True) if p.completed]
    ratings = {question: 4 + n % 2 for n, question in enumerate(QUESTIONS)}
    insert_rows(CourseEvaluation, [{"enrollment_id": e, "ratings": ratings} for _, e in done])
    records, keys = [], []
    for plan, enrollment_id in done:
        version = courses[plan.course].version
        earned = date.today() - timedelta(days=(plan.trainee * 11 + plan.course * 29) % 600)
        records.append(
            {"user_id": trainees[plan.trainee], "source": "internal",
             "enrollment_id": enrollment_id, "course_version_id": version.id,
             "title": version.title, "minutes": version.ce_minutes,
             "topics": list(version.topics), "delivery": DELIVERY_SELF_PACED,
             "earned_on": earned, "status": "verified"}
        )  # fmt: skip
        keys.append((plan.trainee, plan.course, earned))
    ids = insert_rows(CERecord, records, ids=True)
    return [(record_id, *key) for record_id, key in zip(ids, keys, strict=True)]


def outside_ce(trainees: list[int], supervisors: list[int], count: int) -> None:
    from lms.content.vocabulary import load_vocabulary
    from lms.models import CERecord

    topics = list(load_vocabulary().topics)
    rows = []
    for n, share in enumerate(spread(max(count, 0), len(trainees))):
        supervisor = supervisors[n % len(supervisors)] if supervisors else None
        rows += [
            outside_record(len(rows) + j, trainees[n], topics, supervisor) for j in range(share)
        ]
    insert_rows(CERecord, rows)


def certificates(trainees, courses, internal) -> None:
    """A certificate per completed course, fields printed by the app, one shared PDF."""
    from lms import codes
    from lms.certificates.issue import printed_fields
    from lms.certificates.render import render_certificate_pdf
    from lms.learning.completion import DELIVERY_SELF_PACED
    from lms.models import CERecord, Certificate, User

    rows, taken, pdf, digest = [], set(), None, None
    for record_id, n, c, earned in internal:
        course = courses[c]
        code = codes.new_code()
        while code in taken:
            code = codes.new_code()
        taken.add(code)
        # Transient: just what is printed, in the zone the seeded trainees get by default.
        person = User(legal_name=f"Trainee {n}", time_zone=User.time_zone.default.arg)
        record = CERecord(title=course.version.title, minutes=course.version.ce_minutes,
                          topics=list(course.version.topics), delivery=DELIVERY_SELF_PACED,
                          earned_on=earned)  # fmt: skip
        fields = printed_fields(person, record, course.version, code)
        if pdf is None:
            pdf = render_certificate_pdf(fields, person)
            digest = hashlib.sha256(pdf).hexdigest()
        rows.append(
            {"code": code, "user_id": trainees[n], "ce_record_id": record_id,
             "course_version_id": course.version.id, "fields": fields, "pdf": pdf,
             "pdf_sha256": digest}
        )  # fmt: skip
    insert_rows(Certificate, rows)
