"""One course package → `CourseData` plus every finding: the single entry point for parsing.

`parse_package` takes any package source (a folder, a zip, a browser draft — see sources.py),
checks every file and returns `(CourseData, findings)`, or `(None, findings)` when any finding
is an error. It never raises on bad input: every problem becomes a finding with a file, a line
and a fix.
"""

import dataclasses
import posixpath
from collections.abc import Callable, Mapping
from urllib.parse import unquote

from lms.content.checks import check_markdown
from lms.content.course import CourseMeta, read_course
from lms.content.data import CourseData, LessonData, QuizData
from lms.content.estimate import estimate_findings, estimate_minutes
from lms.content.files import check_files, decode_texts, handout_paths, lesson_paths
from lms.content.frontmatter import FrontMatter
from lms.content.frontmatter import read as read_front_matter
from lms.content.itemcheck import check_items
from lms.content.itemmeta import ItemContext
from lms.content.language import check_language
from lms.content.lesson import lesson_number, parse_lesson
from lms.content.mdtext import blank, references
from lms.content.quiz import parse_quiz
from lms.content.readability import readability_findings, word_count
from lms.content.render import LinkResolver, render_markdown, resolve_target
from lms.content.sources import PackageSource, content_hash, read_dict, read_folder, read_zip
from lms.findings import Finding, has_errors

__all__ = [
    "CourseData",
    "PackageSource",
    "content_hash",
    "parse_package",
    "read_dict",
    "read_folder",
    "read_zip",
]


def parse_package(
    source: Mapping[str, bytes],
    *,
    slug: str | None = None,
    media_url: Callable[[str], str] | None = None,
    lesson_url: Callable[[str], str] | None = None,
    handout_url: Callable[[str], str] | None = None,
    daily_cap_minutes: int = 0,
    approved_minutes: int | None = None,
    strict: bool = False,
) -> tuple[CourseData | None, list[Finding]]:
    """Parse and check one course package.

    `slug` is the folder name the slug must match (defaults to the source's name, when it has
    one). `media_url(path)` maps a media file ("media/chart.png") and `lesson_url(key)` a
    lesson key ("03-gifts") and `handout_url(name)` a handout ("safety-plan") to the URL the
    rendered HTML should use; without them, links stay relative as written.
    `daily_cap_minutes` is the online CE limit per 24 hours a course may not claim more than
    (0: none); `approved_minutes`, the claim an administrator approved for exactly this content
    (lms/content/estimate.py). `strict` turns the item-writing checks (lms/content/itemcheck.py)
    into errors, as `courses check --strict` does.
    """
    findings = list(getattr(source, "findings", ()))
    files = dict(source)
    texts = decode_texts(files, findings)
    check_files(files, findings)
    resolver = _link_resolver(files, media_url, lesson_url, handout_url)
    meta, front = _course(files, texts, slug or getattr(source, "name", None), findings)
    lessons = _lessons(files, texts, resolver, findings)
    handouts = _handouts(files, texts, resolver, findings)
    quiz = _quiz(files, texts, resolver, _item_context(meta, files), findings)
    if quiz is not None:
        findings += check_items(quiz, "quiz.md", strict=strict)
    if strict:
        findings += _readability(files, texts, meta.language)
    findings += _check_texts(files, texts, front, meta.language)
    words = word_count(front.body) + _lesson_words(files, texts)
    if quiz is not None:
        questions = quiz.questions_per_attempt or len(quiz.questions)
        findings += estimate_findings(
            "course.md",
            meta.ce_line,
            words,
            questions,
            meta.ce_minutes,
            daily_cap_minutes,
            approved_minutes,
        )
    findings.sort(key=Finding.sort_key)
    if has_errors(findings) or quiz is None:
        return None, findings
    data = _course_data(meta, front.body, lessons, quiz, files, words, resolver)
    return dataclasses.replace(data, media={**data.media, **handouts}), findings


def _course(files, texts, folder_name, findings: list[Finding]) -> tuple[CourseMeta, FrontMatter]:
    if "course.md" not in files:
        findings.append(_missing("course.md", "missing-course-file", "There is no course.md."))
    meta, front, course_findings = read_course(texts.get("course.md", ""), "course.md", folder_name)
    if "course.md" in texts:
        findings += course_findings
    else:
        front.body = ""
    return meta, front


def _course_data(meta: CourseMeta, intro: str, lessons, quiz, files, words, resolver) -> CourseData:
    """The parsed course, once every check has passed."""
    questions = quiz.questions_per_attempt or len(quiz.questions)
    return CourseData(
        slug=meta.slug,
        title=meta.title,
        summary=meta.summary,
        version_label=meta.version_label,
        ce_minutes=meta.ce_minutes,
        topics=meta.topics,
        competencies=meta.competencies,
        icrc_domains=meta.icrc_domains,
        settings=meta.settings,
        audience=meta.audience,
        evaluation=meta.evaluation,
        objectives=meta.objectives,
        references=meta.references,
        intro_markdown=intro,
        intro_html=render_markdown(intro, resolver, document="course.md"),
        lessons=tuple(lessons),
        quiz=quiz,
        media={path: blob for path, blob in sorted(files.items()) if path.startswith("media/")},
        words=words,
        estimated_minutes=estimate_minutes(words, questions),
        content_hash=content_hash(files),
        domain_minutes=meta.domain_minutes,
        language=meta.language,
        translation=meta.translation,
    )


def _link_resolver(files, media_url, lesson_url, handout_url=None) -> LinkResolver | None:
    if media_url is None and lesson_url is None and handout_url is None:
        return None

    def resolve(path: str) -> str | None:
        if path not in files:
            return None
        if media_url is not None and path.startswith("media/"):
            return media_url(path)
        if lesson_url is not None and path in lesson_paths(files):
            return lesson_url(posixpath.splitext(posixpath.basename(path))[0])
        if handout_url is not None and path in handout_paths(files):
            return handout_url(handout_name(path))
        return None

    return resolve


def handout_name(path: str) -> str:
    """ "handouts/safety-plan.md" → "safety-plan"."""
    return posixpath.splitext(posixpath.basename(path))[0]


def _handouts(files, texts, resolver, findings: list[Finding]) -> dict[str, bytes]:
    """Each handout rendered to HTML, as `handouts/<name>.html` (stored with the version's
    media; the site prints it to PDF). A handout starts with its title as a `# ` heading.
    Handouts are printable tools, not study text, so their words do not count toward CE time."""
    rendered = {}
    for path in handout_paths(files):
        if path not in texts:
            continue
        body = texts[path]
        if not body.lstrip().startswith("# "):
            findings.append(
                Finding(
                    path,
                    1,
                    1,
                    "error",
                    "handout-title",
                    "A handout starts with its title.",
                    "Make the first line '# ' and the title, like '# My safety plan'.",
                )
            )
            continue
        html = render_markdown(body, resolver, document=path)
        rendered[f"handouts/{handout_name(path)}.html"] = html.encode("utf-8")
    return rendered


def _lessons(files, texts, resolver, findings: list[Finding]) -> list[LessonData]:
    paths = lesson_paths(files)
    if not paths:
        findings.append(_missing("lessons/", "no-lessons", "The course has no lessons."))
    lessons = []
    for position, path in enumerate(paths, start=1):
        if path not in texts:
            continue
        lesson, lesson_findings = parse_lesson(texts[path], path, position, resolver)
        findings += lesson_findings
        if lesson is not None:
            lessons.append(lesson)
    findings += _lesson_order(paths)
    return lessons


def _lesson_words(files, texts: dict[str, str]) -> int:
    """Words of every readable lesson, including ones with errors (so the estimate holds)."""
    bodies = (
        read_front_matter(texts[path], path, []).body
        for path in lesson_paths(files)
        if path in texts
    )
    return sum(word_count(body) for body in bodies)


def _readability(files, texts: dict[str, str], language: str) -> list[Finding]:
    """The strict plain-language check of every lesson, by the course's language."""
    return [
        finding
        for path in lesson_paths(files)
        if path in texts
        for finding in readability_findings(texts[path], path, language)
    ]


def _lesson_order(paths: list[str]) -> list[Finding]:
    """Warn when file-name order differs from number order (9-x sorts after 10-y)."""
    keys = [posixpath.splitext(posixpath.basename(p))[0] for p in paths]
    numbers = [lesson_number(key) for key in keys]
    if None in numbers or numbers == sorted(numbers):
        return []
    first = next(i for i in range(1, len(numbers)) if numbers[i] < numbers[i - 1])
    return [
        Finding(
            paths[first],
            0,
            0,
            "warning",
            "lesson-order",
            f"Lessons are taken in file-name order, so '{keys[first]}' comes after "
            f"'{keys[first - 1]}'.",
            "Pad the numbers with zeros so they sort in order: 01-, 02-, … 10-.",
        )
    ]


def _item_context(meta: CourseMeta, files) -> ItemContext:
    """What quiz item metadata may name: the course's objectives and its lessons' stems."""
    stems = tuple(posixpath.splitext(posixpath.basename(p))[0] for p in lesson_paths(files))
    return ItemContext(objectives=len(meta.objectives), lessons=stems)


def _quiz(files, texts, resolver, context, findings: list[Finding]) -> QuizData | None:
    if "quiz.md" not in files:
        findings.append(
            _missing("quiz.md", "missing-quiz", "There is no quiz.md.", "Add a quiz.md file.")
        )
        return None
    if "quiz.md" not in texts:
        return None
    quiz, quiz_findings = parse_quiz(texts["quiz.md"], "quiz.md", resolver, context)
    findings += quiz_findings
    return quiz


def _check_texts(
    files, texts: dict[str, str], course_front: FrontMatter, language: str
) -> list[Finding]:
    """Link, image, raw HTML and language checks on every Markdown file; unused media."""
    findings: list[Finding] = []
    lesson_names = [posixpath.basename(p) for p in lesson_paths(files)]
    used: set[str] = set()
    for path, text in sorted(texts.items()):
        front = course_front if path == "course.md" else read_front_matter(text, path, [])
        findings += check_markdown(
            front.body, front.body_line, path, files.__contains__, lesson_names
        )
        findings += language_findings(front, path, language)
        used |= {unquote(resolve_target(r.target, path) or "") for r in references(front.body)}
    for path in sorted(files):
        if path.startswith("media/") and path not in used:
            findings.append(
                Finding(
                    path,
                    0,
                    0,
                    "info",
                    "unused-media",
                    "No page uses this file.",
                    "Link to it from a lesson, or delete it.",
                )
            )
    return findings


def language_findings(front: FrontMatter, path: str, language: str = "en") -> list[Finding]:
    """Person-first language findings for a file's front matter values and body, with the term
    list of the course's `language`.

    `references` (citations of published titles) are not checked.
    """
    findings = []
    if front.present:
        findings += check_language(
            _without_references(front), path, first_line=2, quotes=False, language=language
        )
    findings += check_language(front.body, path, first_line=front.body_line, language=language)
    return findings


def _without_references(front: FrontMatter) -> str:
    lines = front.text.split("\n")
    node = front.nodes.get("references")
    if node is not None:
        first = front.lines["references"][0] - 2
        last = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
        for index in range(first, min(last, len(lines) - 1) + 1):
            lines[index] = blank(lines[index])
    return "\n".join(lines)


def _missing(path: str, code: str, message: str, suggestion: str = "") -> Finding:
    return Finding(path, 0, 0, "error", code, message, suggestion or "See docs/authoring.md.")
