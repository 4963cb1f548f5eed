"""Store parsed course packages as immutable course versions, keyed by content hash.

`sync_folders` is the one code path that turns packages into live courses (the command line
`courses sync` and, later, publishing from the browser editor both use it). Each course is
loaded in its own transaction: a course with errors is not loaded, its live version stays live,
and one course's failure never half-loads it.
"""

import dataclasses
import hashlib
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

from lms import audit
from lms.content import claims, translations
from lms.db import writing
from lms.extensions import db
from lms.models import Course, CourseMedia, CourseVersion, Lesson, VersionFile, utcnow


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)  # "slug v2"
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    failed: dict[str, list] = field(default_factory=dict)  # slug -> findings with errors
    refused: dict[str, str] = field(default_factory=dict)  # slug -> reason
    # slug -> the `translation:` it names, when that is not an installed course in the other
    # language (the course still loads; it is simply not paired yet)
    unpaired: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.refused


def course_folders(roots: Iterable[str | Path]) -> list[Path]:
    """Every course folder (one holding course.md) directly under the given roots, or the
    roots themselves when they are course folders."""
    folders = []
    for root in map(Path, roots):
        if (root / "course.md").is_file():
            folders.append(root)
        elif root.is_dir():
            folders.extend(sorted(p for p in root.iterdir() if (p / "course.md").is_file()))
    return folders


def media_url(slug: str, content_hash: str, path: str) -> str:
    return f"/media/{slug}/{content_hash[:16]}/{path}"


def handout_url(slug: str, content_hash: str, name: str) -> str:
    """Where a version's handout is printed to PDF (lms.certificates.views.handout_pdf)."""
    return f"/handouts/{slug}/{content_hash[:16]}/{name}.pdf"


def sync_folders(paths: Iterable[str | Path], *, retire_missing: bool) -> SyncReport:
    """Load every course folder found under `paths`; retire disk courses whose folder is gone
    when `retire_missing` (a full sync of every configured root)."""
    report = SyncReport()
    seen: set[str] = set()
    for folder in course_folders(paths):
        seen.add(folder.name)
        with writing():
            _sync_one(folder, report)
    if retire_missing:
        with writing():
            _retire_missing(seen, report)
    report.unpaired = dict(translations.missing_translations())
    return report


def _sync_one(folder: Path, report: SyncReport) -> None:
    from lms.content import package

    files = package.read_folder(folder)
    digest = package.content_hash(files)
    slug = folder.name
    course = db.session.execute(db.select(Course).where(Course.slug == slug)).scalar_one_or_none()
    if course is not None and course.source == "browser":
        report.refused[slug] = (
            "this course is edited in the browser; export it or delete the folder, "
            "sync will not overwrite it"
        )
        db.session.rollback()
        return
    if course is not None:
        existing = db.session.execute(
            db.select(CourseVersion).where(
                CourseVersion.course_id == course.id, CourseVersion.content_hash == digest
            )
        ).scalar_one_or_none()
        if existing is not None:
            _make_live(course, existing)
            db.session.commit()
            report.unchanged.append(f"{slug} v{existing.number}")
            return
    data, findings = parse_for_site(files, slug)
    if data is None:
        db.session.rollback()
        report.failed[slug] = [f for f in findings if f.severity == "error"]
        return
    try:
        version = store_version(course, content_from_package(data, files), source="disk")
    except LabelReused as reused:
        db.session.rollback()
        report.refused[slug] = str(reused)
        return
    db.session.commit()
    report.created.append(f"{slug} v{version.number}")


@dataclass(frozen=True)
class LessonContent:
    key: str
    title: str
    html: str
    words: int = 0


@dataclass(frozen=True)
class VersionContent:
    """Everything one course version stores, as plain values."""

    slug: str
    title: str
    ce_minutes: int
    topics: list[str]
    quiz: dict
    lessons: list[LessonContent]
    content_hash: str
    summary: str = ""
    version_label: str = "1.0"
    competencies: list[int] = field(default_factory=list)
    icrc_domains: list[str] = field(default_factory=list)
    domain_minutes: dict[str, int] = field(default_factory=dict)
    settings: list[str] = field(default_factory=list)
    audience: str = ""
    evaluation: bool = True
    objectives: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    intro_html: str = ""
    words: int = 0
    estimated_minutes: int = 0
    media: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # the whole package, as published
    language: str = "en"
    translation: str | None = None


def content_from_package(data, files: dict[str, bytes] | None = None) -> VersionContent:
    """Plain version content from a parsed package (lms.content.package.CourseData)."""
    return VersionContent(
        slug=data.slug,
        title=data.title,
        ce_minutes=data.ce_minutes,
        topics=list(data.topics),
        quiz=dataclasses.asdict(data.quiz),
        lessons=[LessonContent(ls.key, ls.title, ls.html, ls.words) for ls in data.lessons],
        content_hash=data.content_hash,
        summary=data.summary,
        version_label=str(data.version_label),
        competencies=list(data.competencies),
        icrc_domains=list(data.icrc_domains),
        domain_minutes=dict(data.domain_minutes),
        settings=list(data.settings),
        audience=data.audience or "",
        evaluation=data.evaluation,
        objectives=list(data.objectives),
        references=list(data.references),
        intro_html=data.intro_html,
        words=data.words,
        estimated_minutes=data.estimated_minutes,
        media=dict(data.media),
        files=dict(files or {}),
        language=data.language,
        translation=data.translation,
    )


def parse_for_site(files, slug: str):
    """Parse a package as the site publishes it: media and lesson links point at app URLs.

    The one parse step shared by `courses sync` and publishing from the browser editor; both
    refuse a course that claims more than the online CE limit (ONLINE_CE_MINUTES_PER_24H), or
    more than 25% above its estimate unless an administrator approved the claim for exactly
    this content (lms/content/claims.py).
    """
    from lms.content import package

    digest = package.content_hash(files)
    positions = {Path(p).stem: n for n, p in enumerate(package.lesson_paths(files), start=1)}
    return package.parse_package(
        files,
        slug=slug,
        media_url=lambda path: media_url(slug, digest, path),
        lesson_url=lambda key: f"/courses/{slug}/lessons/{positions[key]}",
        handout_url=lambda name: handout_url(slug, digest, name),
        daily_cap_minutes=current_app.config["ONLINE_CE_MINUTES_PER_24H"],
        approved_minutes=claims.approved_minutes(slug, digest),
    )


class LabelReused(ValueError):
    """The package's `version:` label is already printed by an earlier version of the course."""

    def __init__(self, label: str, number: int):
        super().__init__(
            f'Version {number} is already labelled "{label}". Give this edition its own label '
            'in course.md (for example version: "1.1" or "2"): certificates print it.'
        )
        self.label, self.number = label, number


def label_in_use(course: Course, label: str) -> int | None:
    """The number of the course's published version that already carries `label`, if any.

    The rule for labels: the author sets them (`version:` in course.md), and each published
    version of a course has its own, so a certificate's "Course version" names one edition."""
    return db.session.execute(
        db.select(CourseVersion.number).where(
            CourseVersion.course_id == course.id, CourseVersion.version_label == label
        )
    ).scalar()


def store_version(
    course: Course | None, content: VersionContent, *, source: str, actor=None
) -> CourseVersion:
    """Add a new immutable version of a course and make it live. Raises LabelReused when an
    earlier version already has the package's label (nothing is stored then)."""
    if course is None:
        course = Course(slug=content.slug, source=source)
        db.session.add(course)
        db.session.flush()
    elif (number := label_in_use(course, content.version_label)) is not None:
        raise LabelReused(content.version_label, number)
    number = (
        db.session.execute(
            db.select(db.func.max(CourseVersion.number)).where(CourseVersion.course_id == course.id)
        ).scalar()
        or 0
    ) + 1
    version = CourseVersion(
        course_id=course.id,
        number=number,
        content_hash=content.content_hash,
        version_label=content.version_label,
        title=content.title,
        summary=content.summary,
        ce_minutes=content.ce_minutes,
        topics=content.topics,
        competencies=content.competencies,
        icrc_domains=content.icrc_domains,
        domain_minutes=content.domain_minutes,
        settings=content.settings,
        audience=content.audience,
        evaluation=content.evaluation,
        objectives=content.objectives,
        references=content.references,
        intro_html=content.intro_html,
        quiz=content.quiz,
        words=content.words,
        estimated_minutes=content.estimated_minutes,
        claim_basis=claims.claim_basis(
            content.slug, content.content_hash, content.ce_minutes, content.estimated_minutes
        ),
        lesson_count=len(content.lessons),
        question_count=len(content.quiz["questions"]),
    )
    db.session.add(version)
    db.session.flush()
    for position, lesson in enumerate(content.lessons, start=1):
        db.session.add(
            Lesson(
                version_id=version.id,
                position=position,
                key=lesson.key,
                title=lesson.title,
                html=lesson.html,
                words=lesson.words,
            )
        )
    for path, blob in sorted(content.media.items()):
        db.session.add(
            CourseMedia(
                version_id=version.id,
                path=path,
                content_type=mimetypes.guess_type(path)[0] or "application/octet-stream",
                data=blob,
                sha256=hashlib.sha256(blob).hexdigest(),
            )
        )
    for path, blob in sorted(content.files.items()):
        db.session.add(VersionFile(version_id=version.id, path=path, data=blob))
    _make_live(course, version)
    course.language, course.translation = content.language, content.translation
    audit.record(
        "course.version_created",
        actor=actor,
        subject=course,
        version=number,
        content_hash=content.content_hash,
    )
    return version


def _make_live(course: Course, version: CourseVersion) -> None:
    course.live_version_id = version.id
    course.retired_at = None


def _retire_missing(seen: set[str], report: SyncReport) -> None:
    gone = db.session.execute(
        db.select(Course).where(
            Course.source == "disk", Course.retired_at.is_(None), Course.slug.not_in(seen)
        )
    ).scalars()
    for course in gone:
        course.retired_at = utcnow()
        audit.record("course.retired", subject=course)
        report.retired.append(course.slug)
    db.session.commit()
