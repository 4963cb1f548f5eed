"""Course sync: a first sync of 200 generated courses × 10 lessons, then an unchanged re-sync.

The re-sync should cost well under a tenth of the first: unchanged packages are recognised by
content hash before anything is parsed or rendered.
"""

import os
import secrets
import shutil
import time
from pathlib import Path

from bench.common import ROOT, instance_dir

COURSES = 200
LESSONS = 10
EXAMPLE = ROOT / "tests" / "content" / "fixtures" / "example-course"


def generate(root: Path) -> None:
    lesson_text = (EXAMPLE / "lessons" / "01-why-boundaries-matter.md").read_text()
    lesson_text = lesson_text.replace("02-sharing-your-story.md", "02-lesson-2.md")
    course_text = (EXAMPLE / "course.md").read_text()
    for n in range(COURSES):
        folder = root / f"bench-course-{n:03d}"
        shutil.copytree(EXAMPLE, folder)
        (folder / "course.md").write_text(
            course_text.replace("slug: example-course", f"slug: bench-course-{n:03d}")
        )
        for old in (folder / "lessons").glob("*.md"):
            old.unlink()
        for m in range(1, LESSONS + 1):
            (folder / "lessons" / f"{m:02d}-lesson-{m}.md").write_text(lesson_text)


def run() -> dict:
    with instance_dir() as instance:
        os.environ.update(
            {"LMS_INSTANCE_PATH": str(instance), "LMS_SECRET_KEY": secrets.token_hex(16)}
        )
        from flask_migrate import upgrade

        from lms import create_app
        from lms.content.loader import sync_folders

        root = instance / "courses"
        generate(root)
        app = create_app()
        with app.app_context():
            upgrade()
            start = time.perf_counter()
            first = sync_folders([root], retire_missing=True)
            first_seconds = time.perf_counter() - start
            start = time.perf_counter()
            again = sync_folders([root], retire_missing=True)
            again_seconds = time.perf_counter() - start
    assert len(first.created) == COURSES and not first.failed, sorted(first.failed)[:3]
    assert len(again.unchanged) == COURSES and not again.created
    return {
        "courses": COURSES,
        "lessons_each": LESSONS,
        "first_sync_s": round(first_seconds, 2),
        "unchanged_resync_s": round(again_seconds, 2),
        "ratio": round(again_seconds / first_seconds, 3),
    }
