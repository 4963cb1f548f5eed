"""A signed-in lesson page against the app's own /healthz, under gunicorn with 2 workers.

Seeds SQLite with the bundled courses and 1,000 trainees (each enrolled, with progress and a
quiz attempt), then drives both URLs with wrk in the same run. Reports requests per second,
p99 latency and the ratio lesson/healthz (aim: 0.5 or better).
"""

import secrets

from bench.common import env_for, gunicorn, instance_dir, sign_in, wrk

TRAINEES = 1000
PASSWORD = "bench passphrase 2026"


def seed(env: dict) -> None:
    import os

    os.environ.update(env)
    from flask_migrate import upgrade

    from lms import create_app
    from lms.auth.passwords import hash_password
    from lms.content.loader import sync_folders
    from lms.db import writing
    from lms.extensions import db
    from lms.models import Course, Enrollment, Lesson, LessonProgress, QuizAttempt, User

    app = create_app()
    with app.app_context():
        upgrade()
        report = sync_folders(app.config["COURSE_ROOTS"], retire_missing=True)
        assert report.ok and report.created, report
        password_hash = hash_password(PASSWORD)
        courses = db.session.execute(db.select(Course)).scalars().all()
        with writing():
            users = [
                User(
                    email=f"trainee{n}@bench.example.org",
                    password_hash=password_hash,
                    legal_name=f"Trainee {n}",
                    session_token=secrets.token_urlsafe(32),
                )
                for n in range(TRAINEES)
            ]
            db.session.add_all(users)
            db.session.flush()
            for user in users:
                for course in courses:
                    enrollment = Enrollment(
                        user_id=user.id, course_id=course.id, version_id=course.live_version_id
                    )
                    db.session.add(enrollment)
                    db.session.flush()
                    first = db.session.execute(
                        db.select(Lesson.id).where(
                            Lesson.version_id == course.live_version_id, Lesson.position == 1
                        )
                    ).scalar_one()
                    db.session.add(
                        LessonProgress(
                            enrollment_id=enrollment.id, lesson_id=first, seconds_on_task=300
                        )
                    )
                    db.session.add(
                        QuizAttempt(enrollment_id=enrollment.id, number=1, shown=[], answers={})
                    )
            code = _stored_certificate(users[500])
            db.session.commit()
        slug = courses[0].slug
        db.engine.dispose()
    return slug, code


def _stored_certificate(user) -> str:
    """A certificate with its stored PDF for one trainee, as completion would leave it."""
    import hashlib
    from datetime import date

    from bench.certificate_render import SAMPLE
    from lms.certificates.render import render_certificate_pdf
    from lms.extensions import db
    from lms.models import CERecord, Certificate

    record = CERecord(
        user_id=user.id,
        source="internal",
        title=SAMPLE["course_title"],
        minutes=90,
        topics=["ethics"],
        delivery=SAMPLE["delivery"],
        earned_on=date(2026, 11, 24),
        status="verified",
    )
    db.session.add(record)
    db.session.flush()
    pdf = render_certificate_pdf(SAMPLE)
    db.session.add(
        Certificate(
            code=SAMPLE["code"],
            user_id=user.id,
            ce_record_id=record.id,
            fields=SAMPLE,
            pdf=pdf,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        )
    )
    return SAMPLE["code_display"]


def run() -> dict:
    with instance_dir() as instance:
        env = env_for(instance)
        slug, code = seed(env)
        with gunicorn(env) as base:
            cookie = sign_in(base, "trainee500@bench.example.org", PASSWORD)
            lesson_url = f"{base}/courses/{slug}/lessons/1"
            pdf_url = f"{base}/certificates/{code}.pdf"
            wrk(base + "/healthz", seconds=2)  # warm up both workers
            wrk(lesson_url, seconds=2, cookie=cookie)
            health = wrk(base + "/healthz")
            lesson = wrk(lesson_url, cookie=cookie)
            pdf = wrk(pdf_url, cookie=cookie)
    assert lesson["errors"] == 0 and pdf["errors"] == 0, "errors (not signed in?)"
    return {
        "healthz": health,
        "lesson": lesson,
        "stored_certificate_pdf": pdf,
        "lesson_ratio": round(lesson["rps"] / health["rps"], 2),
        "certificate_ratio": round(pdf["rps"] / health["rps"], 2),
    }
