"""`flask courses …`: check course packages, and move quizzes in and out of Moodle GIFT.

The app factory adds `courses_cli` to `app.cli`; `sync` and `list` join the same group.
"""

import dataclasses
import json
import sys
from pathlib import Path

import click
from flask import current_app

from lms.cli_help import AppGroup
from lms.content import frontmatter
from lms.content.check import check_paths, course_folders
from lms.content.files import decode_texts
from lms.content.gift import export_gift
from lms.content.itemreport import longest_option_report
from lms.content.quiz import parse_quiz
from lms.findings import Finding, format_text, shown_path, summary
from lms.i18n import _, ngettext

courses_cli = AppGroup("courses", help="Check, load and exchange course packages.")


def course_roots() -> list[Path]:
    """The configured course roots (COURSE_ROOTS; relative paths are from the working folder)."""
    roots = current_app.config.get("COURSE_ROOTS", ["courses"])
    return [Path(root) for root in ([roots] if isinstance(roots, str | Path) else roots)]


def output_format_option(help: str):
    """The `--format text|json` option of the `courses` commands that report (check, coverage);
    `help` is passed by keyword, so `make i18n-extract` finds it as any option's `help=`."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help,
    )


@courses_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 on warnings too; item-writing findings become errors and every quiz item "
    "needs a review: lesson.",
)
@output_format_option(help="One finding a line, or a JSON array.")
def check_command(paths: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Check courses for mistakes and person-first language.

    PATH is a course folder, a folder of course folders, or one lesson or quiz file. Without
    PATH, every configured course root is checked. Exits 1 when there are errors (with
    --strict: errors or warnings).
    """
    findings = check_paths(
        list(paths) or course_roots(), current_app.config["ONLINE_CE_MINUTES_PER_24H"], strict
    )
    findings = [dataclasses.replace(f, path=shown_path(f.path)) for f in findings]
    findings.sort(key=Finding.sort_key)
    if output_format == "json":
        click.echo(
            json.dumps([dataclasses.asdict(f) for f in findings], indent=2, ensure_ascii=False)
        )
    else:
        for finding in findings:
            click.echo(format_text(finding))
        click.echo(summary(findings, ngettext))
    failing = ("error", "warning") if strict else ("error",)
    if any(f.severity in failing for f in findings):
        sys.exit(1)


@courses_cli.command("item-report")
@click.argument("slugs", nargs=-1)
def item_report_command(slugs: tuple[str, ...]) -> None:
    """Score each quiz by always picking the longest option, against chance.

    SLUG names a course in the course roots; without one, every course is measured. Prints a
    line per quiz and one for all of them together.
    """
    folders = [find_course(slug, course_roots()) for slug in slugs] or [
        folder for root in course_roots() if root.is_dir() for folder in course_folders(root)
    ]
    if None in folders:
        click.echo(_("No course with that slug in the course roots."), err=True)
        sys.exit(1)
    quizzes = []
    for folder in folders:
        texts = decode_texts({"quiz.md": read_file(folder / "quiz.md")}, [])
        quiz, _findings = parse_quiz(texts.get("quiz.md", ""), str(folder / "quiz.md"))
        if quiz is None:
            click.echo(
                _("%(course)s: the quiz has errors; run courses check.", course=folder.name),
                err=True,
            )
            continue
        quizzes.append(quiz)
        click.echo(_report_line(folder.name, longest_option_report([quiz])))
    click.echo(_report_line(_("all quizzes"), longest_option_report(quizzes)))


def _report_line(name: str, report) -> str:
    return ngettext(
        "%(name)s: %(num)d one-answer item; longest option %(longest)s, chance %(chance)s",
        "%(name)s: %(num)d one-answer items; longest option %(longest)s, chance %(chance)s",
        report.items,
        name=name,
        longest=f"{float(report.longest):.1%}",
        chance=f"{float(report.chance):.1%}",
    )


@courses_cli.command("export-gift")
@click.argument("slug")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write GIFT here.")
def export_gift_command(slug: str, out: Path | None) -> None:
    """Write a course's quiz questions as Moodle GIFT (to standard output unless --out)."""
    _folder, quiz = course_quiz_or_exit(slug)
    text = export_gift(quiz)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        click.echo(_("Wrote %(path)s.", path=out), err=True)
    else:
        click.echo(text, nl=False)


def course_quiz_or_exit(slug: str):
    """(the course folder, its parsed quiz) for an export command; the reason and exit 1 when
    there is no such course or its quiz has errors."""
    folder = find_course(slug, course_roots())
    if folder is None:
        click.echo(
            _("No course with the slug '%(slug)s' in the course roots.", slug=slug), err=True
        )
        sys.exit(1)
    findings: list[Finding] = []
    texts = decode_texts({"quiz.md": read_file(folder / "quiz.md")}, findings)
    quiz, quiz_findings = parse_quiz(texts.get("quiz.md", ""), str(folder / "quiz.md"))
    if quiz is None:
        for finding in findings + [f for f in quiz_findings if f.severity == "error"]:
            click.echo(format_text(finding), err=True)
        click.echo(_("Fix these errors in the quiz first."), err=True)
        sys.exit(1)
    return folder, quiz


def find_course(slug: str, roots: list[Path]) -> Path | None:
    """The course folder whose slug is `slug`: the folder of that name, else one declaring it."""
    candidates = []
    for root in roots:
        if (root / "course.md").is_file():
            candidates.append(root)
        elif root.is_dir():
            candidates += course_folders(root)
    for folder in candidates:
        if folder.name == slug and (folder / "course.md").is_file():
            return folder
    for folder in candidates:
        texts = decode_texts({"course.md": read_file(folder / "course.md")}, [])
        front = frontmatter.read(texts.get("course.md", ""), "course.md", [])
        node = front.nodes.get("slug")
        if node is not None and getattr(node, "value", None) == slug:
            return folder
    return None


def read_file(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""
