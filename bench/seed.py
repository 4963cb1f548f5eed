"""A realistic organisation for the benchmarks, written with bulk Core inserts in seconds.

`seed(Scale(...))`, inside an app context on an empty, migrated database, loads the bundled
courses and adds: trainees enrolled on every course with lesson progress; quiz attempts graded
by the app's own grader (failed ones, then a passed one where the course is complete); for each
completed course its evaluation, CE record and certificate (printed fields built by the app;
one PDF rendered by the app and stored for every certificate, which is enough for a download
benchmark); outside CE records, verified, pending or rejected; supervisors each linked to their
share of the trainees; and one tracked credential per trainee. Every password is PASSWORD.
"""

from dataclasses import dataclass

from bench import seed_tables as tables
from bench.seed_rows import PASSWORD, supervisor_email, trainee_email, trainee_plan

__all__ = [
    "PASSWORD",
    "Scale",
    "Seeded",
    "seed",
    "seed_database",
    "supervisor_email",
    "trainee_email",
]


@dataclass(frozen=True)
class Scale:
    """How much to seed. Trainee n completes their first n % 5 courses, so about a quarter of
    the enrollments are complete, each with a CE record and a certificate; outside CE records
    make up the rest of `ce_records`."""

    trainees: int = 1000
    supervisors: int = 50
    attempts: int = 100_000
    ce_records: int = 20_000


@dataclass(frozen=True)
class Learner:
    """A seeded trainee who holds certificates and still has courses in progress."""

    email: str
    certificates: list[str]  # display codes
    in_progress: list[tuple[str, int]]  # (course slug, lesson count)


def seed(scale: Scale) -> dict[str, int]:
    """Fill the database; return the number of rows in every table."""
    from flask import current_app

    from lms.content.loader import sync_folders
    from lms.db import writing
    from lms.extensions import db

    report = sync_folders(current_app.config["COURSE_ROOTS"], retire_missing=True)
    assert report.ok and report.created, report
    courses = tables.live_courses()
    with writing():
        trainees, supervisors = tables.people(scale.trainees, scale.supervisors)
        tables.supervision(trainees, supervisors)
        plans = trainee_plan(len(trainees), len(courses), scale.attempts)
        enrollments = tables.learning(trainees, courses, plans)
        internal = tables.completions(trainees, courses, plans, enrollments)
        tables.outside_ce(trainees, supervisors, scale.ce_records - len(internal))
        tables.certificates(trainees, courses, internal)
        db.session.commit()
    return row_counts()


def row_counts() -> dict[str, int]:
    from lms.extensions import db

    return {
        table.name: db.session.execute(db.select(db.func.count()).select_from(table)).scalar_one()
        for table in db.metadata.sorted_tables
    }


def learners(count: int) -> list[Learner]:
    """Up to `count` seeded trainees with certificates and courses in progress."""
    from lms.codes import grouped
    from lms.extensions import db
    from lms.models import Certificate, Course, CourseVersion, Enrollment, User

    holders = db.session.execute(
        db.select(User.id, User.email)
        .where(User.id.in_(db.select(Certificate.user_id)))
        .order_by(User.id)
        .limit(count)
    ).all()
    found = []
    for user_id, email in holders:
        codes = db.session.execute(
            db.select(Certificate.code).where(Certificate.user_id == user_id)
        ).scalars()
        courses = db.session.execute(
            db.select(Course.slug, CourseVersion.lesson_count)
            .join(Enrollment, Enrollment.course_id == Course.id)
            .join(CourseVersion, CourseVersion.id == Enrollment.version_id)
            .where(Enrollment.user_id == user_id, Enrollment.completed_at.is_(None))
        ).all()
        if courses:
            display = [grouped(code) for code in codes]
            found.append(Learner(email, display, [tuple(row) for row in courses]))
    return found


@dataclass(frozen=True)
class Seeded:
    rows: dict[str, int]
    seconds: float
    learners: list[Learner]
    codes: list[str]  # every certificate's display code, for /verify
    database: str  # sqlite | postgresql


def seed_database(env: dict[str, str], scale: Scale, *, learners_wanted: int, reset: bool = False):
    """Migrate and seed the database `env` names (a fresh SQLite file by default). Refuses a
    database that already holds data unless `reset`, which first drops everything in it."""
    import os
    import time

    os.environ.update(env)
    from flask_migrate import upgrade

    from lms import create_app
    from lms.codes import grouped
    from lms.extensions import db
    from lms.models import Certificate, User

    app = create_app()
    with app.app_context():
        if reset:
            _drop_everything()
        upgrade()
        if db.session.execute(db.select(User.id).limit(1)).first() is not None:
            raise SystemExit(
                "The benchmark needs an empty database and this one holds accounts. Create a "
                "new one (createdb), or pass --reset to drop everything in it first."
            )
        start = time.perf_counter()
        rows = seed(scale)
        if db.engine.dialect.name == "postgresql":
            # Fresh statistics, as autovacuum would have them on a site that grew to this size.
            db.session.execute(db.text("ANALYZE"))
            db.session.commit()
        seconds = time.perf_counter() - start
        found = learners(learners_wanted)
        codes = [grouped(c) for c in db.session.execute(db.select(Certificate.code)).scalars()]
        name = db.engine.dialect.name
        db.session.remove()
        db.engine.dispose()
    return Seeded(rows, round(seconds, 1), found, codes, name)


def _drop_everything() -> None:
    """Every table, and Alembic's version, so `upgrade` starts from nothing."""
    from lms.extensions import db

    db.metadata.drop_all(db.engine)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
