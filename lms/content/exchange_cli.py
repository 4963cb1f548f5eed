"""`flask courses import-gift | import-moodle-xml | export-moodle-xml`: question files in, through
the one importer the editor also uses (lms/content/importing.py), and quizzes out as Moodle XML."""

import sys
from pathlib import Path

import click

from lms.content.cli import course_quiz_or_exit, courses_cli
from lms.content.importing import Imported, import_questions
from lms.content.moodle_xml_export import export_moodle_xml
from lms.findings import Finding, format_text, has_errors
from lms.i18n import _


@courses_cli.command("import-gift")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write quiz.md here.")
@click.option("--title", default="Imported quiz", show_default=True, help="The quiz's title.")
def import_gift_command(file: Path, out: Path | None, title: str) -> None:
    """Convert a Moodle GIFT file into a quiz.md.

    The quiz goes to standard output unless --out is given; findings go to standard error.
    With any error nothing is written and the command exits 1.
    """
    _write_imported(import_questions(file.read_bytes(), str(file), title, "gift"), file, out)


@courses_cli.command("import-moodle-xml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write quiz.md here.")
@click.option("--title", default="Imported quiz", show_default=True, help="The quiz's title.")
def import_moodle_xml_command(file: Path, out: Path | None, title: str) -> None:
    """Convert a Moodle XML question file into a quiz.md.

    The quiz goes to standard output unless --out is given; findings go to standard error.
    When --out is a quiz.md inside a course folder (beside course.md), embedded images are
    written into that folder's media/; otherwise each is listed. With any error nothing is
    written and the command exits 1.
    """
    _write_imported(import_questions(file.read_bytes(), str(file), title, "xml"), file, out)


def _write_imported(imported: Imported, file: Path, out: Path | None) -> None:
    """Report the findings; then, only when there is no error, write the quiz (and the
    embedded images, into the course folder --out is in)."""
    findings = list(imported.findings)
    course = out.parent if out is not None and (out.parent / "course.md").is_file() else None
    if course is None:
        findings += [_not_written(str(file), path) for path in imported.media]
    for finding in findings:
        click.echo(format_text(finding), err=True)
    if has_errors(findings) or not imported.markdown:
        click.echo(_("Nothing was written."), err=True)
        sys.exit(1)
    if out is None:
        click.echo(imported.markdown, nl=False)
        return
    out.write_text(imported.markdown, encoding="utf-8")
    click.echo(_("Wrote %(path)s.", path=out), err=True)
    for path, blob in sorted(imported.media.items()) if course else ():
        (course / "media").mkdir(exist_ok=True)
        (course / path).write_bytes(blob)
        click.echo(_("Wrote %(path)s.", path=course / path), err=True)


def _not_written(source: str, path: str) -> Finding:
    return Finding(
        source,
        1,
        1,
        "warning",
        "import-image",
        f"The file carries the image {path.removeprefix('media/')}, which was not saved.",
        "Import with --out COURSE/quiz.md to save it into the course's media/ folder.",
    )


@courses_cli.command("export-moodle-xml")
@click.argument("slug")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write XML here.")
def export_moodle_xml_command(slug: str, out: Path | None) -> None:
    """Write a course's quiz questions as Moodle XML, images embedded (standard output unless
    --out)."""
    folder, quiz = course_quiz_or_exit(slug)
    media_folder = folder / "media"
    media = {
        f"media/{path.name}": path.read_bytes()
        for path in (sorted(media_folder.iterdir()) if media_folder.is_dir() else [])
        if path.is_file()
    }
    text = export_moodle_xml(quiz, media)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        click.echo(_("Wrote %(path)s.", path=out), err=True)
    else:
        click.echo(text, nl=False)
