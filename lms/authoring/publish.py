"""Check and publish a draft: the same parser, checker and loader as `courses sync`.

Publishing parses the draft exactly as sync parses a folder (same slug rule, same media and
lesson URLs) and stores the result with `store_version`, so a version published here is
indistinguishable from one loaded from disk — except that its course's `source` becomes
"browser", and sync then refuses to overwrite it.
"""

from dataclasses import dataclass, field

from lms import audit
from lms.authoring.drafts import package_files
from lms.content import frontmatter
from lms.content.loader import LabelReused, content_from_package, parse_for_site, store_version
from lms.content.quiz import parse_quiz
from lms.content.render import LinkResolver, render_markdown
from lms.content.sources import PackageSource
from lms.extensions import db
from lms.findings import Finding
from lms.models import Course, CourseDraft, CourseVersion, User


class PublishRefused(Exception):
    """The draft cannot be published yet; `message` says why, `findings` what to fix."""

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.message = message
        self.findings = findings or []


def parse_draft(slug: str, files: dict[str, str], media: dict[str, str]):
    """(CourseData or None, findings, package bytes) for a draft, parsed as sync parses."""
    package = package_files(files, media)
    data, findings = parse_for_site(PackageSource(package, name=slug), slug)
    return data, findings, package


def draft_findings(draft: CourseDraft, path: str | None = None, text: str | None = None):
    """Every finding for the whole draft, with `text` standing in for file `path` if given."""
    files = dict(draft.files)
    if path is not None and text is not None and path in files:
        files[path] = text.replace("\r\n", "\n")
    return parse_draft(draft.slug, files, draft.media)[1]


@dataclass
class Preview:
    """What one file looks like to a learner (HTML from the one sanitising renderer)."""

    path: str
    title: str = ""
    html: str = ""
    questions: list = field(default_factory=list)
    problem: str = ""


def preview_file(path: str, text: str, media_url: LinkResolver | None = None) -> Preview:
    """`media_url` maps a media path ("media/chart.png") to where the preview loads it."""
    text = text.replace("\r\n", "\n")
    if path == "quiz.md":
        quiz, _findings = parse_quiz(text, path, media_url)
        if quiz is None:
            return Preview(path, problem="The quiz has errors; fix them to see it here.")
        return Preview(path, title=quiz.title, questions=list(quiz.questions))
    front = frontmatter.read(text, path, [])
    node = front.nodes.get("title")
    title = node.value if isinstance(getattr(node, "value", None), str) else ""
    return Preview(path, title=title, html=render_markdown(front.body, media_url, document=path))


@dataclass
class CheckResult:
    errors: list[Finding]
    warnings: list[Finding]
    notes: list[Finding]


def check_result(findings: list[Finding]) -> CheckResult:
    return CheckResult(
        errors=[f for f in findings if f.severity == "error"],
        warnings=[f for f in findings if f.severity == "warning"],
        notes=[f for f in findings if f.severity == "info"],
    )


def publish(draft: CourseDraft, user: User, *, warnings_acknowledged: bool) -> CourseVersion:
    """Publish the draft as the course's next version; raises PublishRefused when blocked."""
    data, findings, package = parse_draft(draft.slug, draft.files, draft.media)
    result = check_result(findings)
    if data is None or result.errors:
        raise PublishRefused("Fix the errors below before publishing.", result.errors)
    if result.warnings and not warnings_acknowledged:
        raise PublishRefused(
            "Read the warnings below and tick the box to confirm you have.", result.warnings
        )
    course = db.session.get(Course, draft.course_id) if draft.course_id else None
    if course is None and _slug_taken(draft.slug):
        raise PublishRefused(
            f"A course named '{draft.slug}' was loaded after this draft was started. "
            "Change the slug in course.md and start a new draft, or ask an administrator."
        )
    if course is not None:
        _refuse_unchanged(course, data.content_hash)
    before = course.source if course is not None else None
    try:
        version = store_version(
            course, content_from_package(data, package), source="browser", actor=user
        )
    except LabelReused as reused:
        raise PublishRefused(
            str(reused), [_label_finding(draft.files["course.md"], str(reused))]
        ) from reused
    course = course or db.session.get(Course, version.course_id)
    if before is None:
        course.owner_id = draft.created_by_id
    course.source = "browser"
    draft.course_id = course.id
    audit.record(
        "course.published",
        actor=user,
        subject=course,
        version=version.number,
        source={"before": before, "after": "browser"},
        warnings_acknowledged=len(result.warnings),
    )
    return version


def _refuse_unchanged(course: Course, digest: str) -> None:
    existing = db.session.execute(
        db.select(CourseVersion.number).where(
            CourseVersion.course_id == course.id, CourseVersion.content_hash == digest
        )
    ).scalar_one_or_none()
    if existing is not None:
        raise PublishRefused(f"The draft is the same as version {existing}; nothing to publish.")


def _label_finding(course_md: str, message: str) -> Finding:
    """The reused label as a finding at course.md's `version:` line."""
    lines = course_md.split("\n")
    line = next((n for n, text in enumerate(lines, start=1) if text.startswith("version:")), 0)
    return Finding("course.md", line, 1 if line else 0, "error", "version-label-reused", message)


def _slug_taken(slug: str) -> bool:
    return db.session.execute(db.select(Course.id).where(Course.slug == slug)).first() is not None
