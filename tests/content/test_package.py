"""parse_package: a whole course package becomes CourseData, or findings that say what to fix."""

from pathlib import Path

import pytest

from lms.content.package import parse_package, read_folder
from lms.content.readability import word_count
from lms.content.sources import content_hash
from tests.content.builders import LESSON_MD, codes, course_with, only, package

EXAMPLE = Path(__file__).parent / "fixtures" / "example-course"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_the_example_course_parses_with_no_warnings_and_every_question_kind():
    data, findings = parse_package(read_folder(EXAMPLE))
    assert data is not None
    assert [f for f in findings if f.severity != "info"] == []
    assert data.slug == "example-course"
    assert data.ce_minutes == 15
    assert [lesson.key for lesson in data.lessons] == [
        "01-why-boundaries-matter",
        "02-sharing-your-story",
    ]
    assert [lesson.position for lesson in data.lessons] == [1, 2]
    kinds = {q.kind for q in data.quiz.questions}
    assert kinds == {"single", "multiple", "true_false", "short_answer", "matching"}
    assert set(data.media) == {"media/boundaries-chart.png"}
    intro_words = word_count(data.intro_markdown)
    assert data.words == sum(lesson.words for lesson in data.lessons) + intro_words
    assert data.estimated_minutes == 15


def test_course_data_carries_every_front_matter_value():
    data, _ = parse_package(read_folder(EXAMPLE))
    assert data.title == "Boundaries in Peer Support"
    assert data.version_label == "1.0"
    assert data.topics == ("ethics",)
    assert data.competencies == (1, 9, 12)
    assert data.icrc_domains == ("ethical-responsibility",)
    assert data.settings == ("community", "hospital")
    assert data.evaluation is True
    assert len(data.objectives) == 2 and len(data.references) == 2
    assert data.intro_markdown.startswith("Welcome.")
    assert data.intro_html.startswith("<p>Welcome.")


def test_content_hash_covers_every_path_and_byte():
    source = read_folder(EXAMPLE)
    data, _ = parse_package(source)
    assert data.content_hash == content_hash(source)
    changed = dict(source, **{"lessons/01-why-boundaries-matter.md": b"changed"})
    renamed = {k.replace("01-", "00-"): v for k, v in source.items()}
    assert len({content_hash(source), content_hash(changed), content_hash(renamed)}) == 3


def test_media_and_lesson_links_are_rewritten_by_the_callers_url_functions():
    data, _ = parse_package(
        read_folder(EXAMPLE),
        media_url=lambda path: f"/media/x/{path}",
        lesson_url=lambda key: f"/lessons/{key}",
    )
    first, second = data.lessons
    assert 'src="/media/x/media/boundaries-chart.png"' in first.html
    assert 'href="/lessons/02-sharing-your-story"' in first.html
    assert 'href="/lessons/01-why-boundaries-matter"' in second.html


def test_links_stay_relative_without_url_functions():
    data, _ = parse_package(read_folder(EXAMPLE))
    assert 'src="../media/boundaries-chart.png"' in data.lessons[0].html


def test_lessons_are_taken_in_file_name_order():
    source = package(
        {
            "lessons/02-b.md": "---\ntitle: B\n---\nB text.",
            "lessons/01-first.md": None,
            "lessons/01-a.md": LESSON_MD,
        }
    )
    data, _ = parse_package(source)
    assert [(lesson.key, lesson.position) for lesson in data.lessons] == [("01-a", 1), ("02-b", 2)]


def test_a_lesson_numbered_out_of_string_order_is_a_warning():
    source = package(
        {
            "lessons/9-nine.md": "---\ntitle: Nine\n---\nText.",
            "lessons/10-ten.md": "---\ntitle: Ten\n---\nText.",
        }
    )
    _, findings = parse_package(source)
    finding = only(findings, "lesson-order")
    assert finding.path == "lessons/9-nine.md" and finding.severity == "warning"


def test_a_missing_course_md_is_an_error():
    data, findings = parse_package(package({"course.md": None}))
    assert data is None
    assert only(findings, "missing-course-file").path == "course.md"


def test_a_course_without_lessons_is_an_error():
    data, findings = parse_package(package({"lessons/01-first.md": None}))
    assert data is None and only(findings, "no-lessons").severity == "error"


def test_a_course_without_a_quiz_is_an_error():
    data, findings = parse_package(package({"quiz.md": None}))
    assert data is None and only(findings, "missing-quiz").path == "quiz.md"


def test_a_lesson_without_a_title_is_an_error_at_line_one():
    data, findings = parse_package(package({"lessons/01-first.md": "Just text."}))
    finding = only(findings, "missing-title")
    assert data is None
    assert (finding.path, finding.line, finding.severity) == ("lessons/01-first.md", 1, "error")


def test_a_lesson_with_an_unknown_key_suggests_title():
    text = "---\ntitel: Oops\n---\nText."
    _, findings = parse_package(package({"lessons/01-first.md": text}))
    finding = only(findings, "unknown-key")
    assert finding.line == 2 and "title" in finding.suggestion


def test_a_file_that_is_not_utf8_points_at_the_first_bad_byte():
    blob = "---\ntitle: Café\n---\nLine one.\nBad \xe9 here".encode("latin-1")
    data, findings = parse_package(package({"lessons/01-first.md": blob}))
    finding = only(findings, "not-utf8")
    assert data is None
    assert (finding.path, finding.line, finding.column) == ("lessons/01-first.md", 2, 11)


def test_a_file_over_two_megabytes_is_an_error():
    big = b"---\ntitle: Big\n---\n" + b"word " * (450 * 1024)
    _, findings = parse_package(package({"lessons/01-first.md": big}))
    assert only(findings, "file-too-large").path == "lessons/01-first.md"


def test_a_missing_image_is_an_error_at_its_line_and_column():
    text = "---\ntitle: One\n---\nIntro.\n\nSee ![A chart](../media/nope.png)."
    _, findings = parse_package(package({"lessons/01-first.md": text}))
    finding = only(findings, "missing-image")
    assert (finding.path, finding.line, finding.column) == ("lessons/01-first.md", 6, 5)


def test_an_image_without_alt_text_is_a_warning():
    text = "---\ntitle: One\n---\n![](../media/chart.png)"
    _, findings = parse_package(package({"lessons/01-first.md": text, "media/chart.png": PNG}))
    assert only(findings, "missing-alt").severity == "warning"


def test_a_link_to_a_lesson_that_does_not_exist_suggests_the_nearest_lesson():
    text = "---\ntitle: One\n---\nRead [the next one](02-secnd.md).\n"
    source = package({"lessons/01-first.md": text, "lessons/02-second.md": LESSON_MD})
    _, findings = parse_package(source)
    finding = only(findings, "broken-lesson-link")
    assert (finding.line, finding.column) == (4, 6)
    assert "02-second.md" in finding.suggestion


def test_a_lesson_link_inside_code_is_not_checked():
    text = "---\ntitle: One\n---\nWrite `[x](03-gone.md)` like this.\n"
    _, findings = parse_package(package({"lessons/01-first.md": text}))
    assert "broken-lesson-link" not in codes(findings)


def test_stray_files_are_noted_and_unused_media_too():
    _, findings = parse_package(package({"notes.txt": "hello", "media/spare.png": PNG}))
    assert only(findings, "unknown-file").severity == "info"
    assert only(findings, "unused-media").path == "media/spare.png"


def test_media_must_be_a_safe_type_whose_content_matches_its_name():
    _, findings = parse_package(package({"media/x.svg": "<svg/>", "media/y.png": b"GIF89a"}))
    assert only(findings, "unsafe-media").path == "media/x.svg"
    assert only(findings, "bad-media").path == "media/y.png"


def test_raw_html_and_top_level_headings_in_lessons_are_warnings():
    text = "---\ntitle: One\n---\n# Big title\n\nSome <b>bold</b> text."
    _, findings = parse_package(package({"lessons/01-first.md": text}))
    assert only(findings, "heading-level").line == 4
    assert [f.line for f in findings if f.code == "raw-html"] == [6, 6]


def test_the_estimate_is_shown_for_every_course():
    _, findings = parse_package(package())
    finding = only(findings, "estimate")
    assert finding.severity == "info" and finding.path == "course.md"
    assert "2,405 words" in finding.message and "+ 1 question ×" in finding.message


def test_hours_above_the_estimate_by_more_than_a_quarter_are_an_error_with_the_estimate():
    data, findings = parse_package(package({"course.md": course_with(ce_hours="1")}))
    finding = only(findings, "hours-exceed-estimate")
    assert data is None  # refused: not a warning an author can acknowledge
    assert finding.line == 6 and finding.severity == "error"
    assert "more than 25% above the estimate of 15 minutes" in finding.message
    assert "0.25" in finding.suggestion


def test_a_course_longer_than_the_daily_online_limit_is_an_error():
    text = course_with(ce_hours="0.25")
    data, findings = parse_package(package({"course.md": text}), daily_cap_minutes=10)
    finding = only(findings, "hours-exceed-daily-limit")
    assert data is None and finding.severity == "error" and finding.line == 6
    assert parse_package(package({"course.md": text}), daily_cap_minutes=15)[0] is not None


def test_an_approved_claim_passes_the_estimate_rule_but_never_the_daily_limit():
    source = package({"course.md": course_with(ce_hours="1")})
    data, findings = parse_package(source, approved_minutes=60)
    assert data is not None and data.ce_minutes == 60
    assert only(findings, "hours-approved").severity == "info"
    assert parse_package(source, approved_minutes=45)[0] is None  # approved less than claimed
    data, findings = parse_package(source, daily_cap_minutes=45, approved_minutes=60)
    assert data is None and only(findings, "hours-exceed-daily-limit").severity == "error"


def test_questions_per_attempt_sets_the_questions_counted():
    quiz = "---\nquestions_per_attempt: 1\n---\n" + "\n".join(
        f"### Q{i}\n- [x] Yes\n  > y\n- [ ] No\n  > n\nExplanation: e\n" for i in range(5)
    )
    _, findings = parse_package(package({"quiz.md": quiz}))
    assert "+ 1 question ×" in only(findings, "estimate").message


@pytest.mark.parametrize("junk", [b"", b"\x00\xff", b"---\n", b"---\n: :\n---\n"])
def test_junk_in_any_file_is_reported_not_raised(junk):
    for path in ("course.md", "quiz.md", "lessons/01-first.md"):
        data, findings = parse_package(package({path: junk}))
        assert data is None and any(f.severity == "error" for f in findings)
