"""`courses check`: check course folders, course roots and single Markdown files on disk.

Paths in findings are the file's path on disk as the caller wrote it (e.g.
"courses/ethics/lessons/01-why.md"), so an editor can jump straight to the line.
"""

import os
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from lms.content import frontmatter
from lms.content.checks import check_markdown
from lms.content.course import DEFAULT_LANGUAGE, read_course
from lms.content.files import decode_texts, size_problem
from lms.content.itemcheck import check_items
from lms.content.lesson import parse_lesson
from lms.content.package import language_findings, parse_package
from lms.content.quiz import looks_like_quiz, parse_quiz
from lms.content.readability import readability_findings
from lms.content.sources import read_folder
from lms.findings import Finding


def check_paths(
    paths: list[str | Path], daily_cap_minutes: int = 0, strict: bool = False
) -> list[Finding]:
    """Findings for every PATH: a course folder, a root of course folders, or a .md file.

    Slugs are compared across everything checked together, so two folders claiming the same
    slug are both reported. `daily_cap_minutes` is the online CE limit a course may not exceed;
    `strict` makes the item-writing checks errors (lms/content/itemcheck.py).
    """
    findings: list[Finding] = []
    folders: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            findings += check_file(path, strict)
        elif (path / "course.md").is_file():
            folders.append(path)
        elif path.is_dir():
            if not course_folders(path):
                findings.append(_note(path, "info", "empty-root", "No course folders here."))
            folders.append(path)
        else:
            findings.append(_note(path, "error", "not-found", "There is no such file or folder."))
    return findings + check_root(folders, daily_cap_minutes, strict)


def course_folders(root: Path) -> list[Path]:
    """Sub-folders of a course root, skipping hidden ones and ones starting with '_'."""
    return sorted(
        child
        for child in root.iterdir()
        if child.is_dir() and not child.name.startswith((".", "_"))
    )


def check_root(
    paths: list[str | Path], daily_cap_minutes: int = 0, strict: bool = False
) -> list[Finding]:
    """Parse every course under `paths` and report slugs used by more than one folder.

    Each path is a course folder (it holds course.md) or a root whose sub-folders are course
    folders; a sub-folder without course.md is reported as missing one.
    """
    findings: list[Finding] = []
    slugs: dict[str, list[tuple[Path, int]]] = defaultdict(list)
    metas = {}
    folders = []
    for path in map(Path, paths):
        is_course = (path / "course.md").is_file() or not path.is_dir()
        folders += [path] if is_course else course_folders(path)
    for folder in folders:
        source = read_folder(folder)
        _data, course_findings = parse_package(
            source, daily_cap_minutes=daily_cap_minutes, strict=strict
        )
        findings += [_on_disk(folder, f) for f in course_findings]
        slug, line = _declared_slug(source)
        slugs[slug or folder.name].append((folder, line))
        metas[folder] = _course_meta(source)
    for slug, places in slugs.items():
        for folder, line in places if len(places) > 1 else []:
            others = ", ".join(str(other) for other, _ in places if other != folder)
            findings.append(
                Finding(
                    str(folder / "course.md"),
                    line,
                    1,
                    "error",
                    "duplicate-slug",
                    f"The slug '{slug}' is also used by {others}.",
                    "Give each course its own slug (and folder name).",
                )
            )
    return findings + _translations_in_one_language(metas)


def _course_meta(source):
    """The course's front matter, and the line `translation:` is written on."""
    texts = decode_texts({"course.md": source.get("course.md", b"")}, [])
    meta, front, _findings = read_course(texts.get("course.md", ""), "course.md")
    return meta, front.lines.get("translation", (1, 1))[0]


def _translations_in_one_language(metas: dict) -> list[Finding]:
    """A `translation:` naming a course checked alongside it that is in the same language.
    (A course that is not installed is reported by `courses sync`.)"""
    languages = {meta.slug: meta.language for meta, _line in metas.values() if meta.slug}
    findings = []
    for folder, (meta, line) in metas.items():
        if meta.translation and languages.get(meta.translation) == meta.language:
            findings.append(
                Finding(
                    str(folder / "course.md"),
                    line,
                    1,
                    "error",
                    "translation-same-language",
                    f"'{meta.translation}' is also in language '{meta.language}', so it cannot "
                    "be this course's translation.",
                    "Name the same course in the other language, or set its language: "
                    "to the other one.",
                )
            )
    return findings


def _declared_slug(source) -> tuple[str | None, int]:
    texts = decode_texts({"course.md": source.get("course.md", b"")}, [])
    front = frontmatter.read(texts.get("course.md", ""), "course.md", [])
    node = front.nodes.get("slug")
    if node is not None and isinstance(node.value, str) and node.value.strip():
        return node.value.strip(), front.lines["slug"][0]
    return None, 1


def check_file(path: Path, strict: bool = False) -> list[Finding]:
    """Check one Markdown file on its own: course.md, a quiz if it reads like one, else a lesson.

    Links and images are checked against the files next to it on disk. A quiz's items are
    checked too, but their objective numbers and review lessons only with the whole course.
    """
    if path.suffix.lower() != ".md":
        return [_note(path, "error", "not-markdown", "Only .md files can be checked on their own.")]
    blob = path.read_bytes()
    document = path.name if path.name in ("course.md", "quiz.md") else f"lessons/{path.name}"
    findings: list[Finding] = []
    texts = decode_texts({document: blob}, findings)
    if document not in texts:
        problem = size_problem(document, len(blob))
        if problem:
            findings.append(_note(path, "error", "file-too-large", problem))
        return [_rename(f, path) for f in findings]
    text = texts[document]
    language = _course_language(path)
    if document == "course.md":
        _meta, _front, findings = read_course(text, document, path.resolve().parent.name)
    elif document == "quiz.md" or looks_like_quiz(text):
        quiz, findings = parse_quiz(text, document)
        findings += check_items(quiz, document, strict=strict) if quiz else []
    else:
        _lesson, findings = parse_lesson(text, document)
        findings += readability_findings(text, document, language) if strict else []
    front = frontmatter.read(text, document, [])
    siblings = sorted(p.name for p in path.parent.glob("*.md"))
    findings += check_markdown(
        front.body, front.body_line, document, _exists_near(path, document), siblings
    )
    findings += language_findings(front, document, language)
    return sorted((_rename(f, path) for f in findings), key=Finding.sort_key)


def _course_language(path: Path) -> str:
    """The `language:` of the course a single file belongs to: the course.md beside it, or one
    folder up (for a lesson in lessons/); English when there is none."""
    for folder in (path.parent, path.parent.parent):
        course = folder / "course.md"
        if course.is_file():
            texts = decode_texts({"course.md": course.read_bytes()}, [])
            return read_course(texts.get("course.md", ""), "course.md")[0].language
    return DEFAULT_LANGUAGE


def _exists_near(path: Path, document: str):
    """Whether a package path exists, resolving it from the file's real folder on disk."""
    folder = os.path.dirname(document)

    def exists(package_path: str) -> bool:
        relative = os.path.relpath(package_path, folder or ".")
        return (path.parent / relative).is_file()

    return exists


def _rename(finding: Finding, path: Path) -> Finding:
    return replace(finding, path=str(path))


def _on_disk(folder: Path, finding: Finding) -> Finding:
    return replace(finding, path=str(folder / finding.path) if finding.path else str(folder))


def _note(path: Path, severity: str, code: str, message: str) -> Finding:
    return Finding(str(path), 0, 0, severity, code, message, "")
