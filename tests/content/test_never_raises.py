"""The checker never crashes: any text, bytes or front matter becomes findings, not exceptions."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.content.check import check_paths
from lms.content.gift import import_gift
from lms.content.language import check_language
from lms.content.package import parse_package
from lms.content.quiz import parse_quiz
from lms.content.render import render_markdown
from lms.content.sources import read_dict, read_zip
from lms.findings import SEVERITIES, Finding
from tests.content.builders import COURSE_MD, QUIZ_MD, files

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATHS = ["course.md", "quiz.md", "lessons/01-first.md", "media/a.png", "lessons/02-x.md"]

# Text that looks like our formats: front matter, YAML, quiz and Markdown pieces.
_pieces = st.sampled_from(
    [
        "---\n",
        "title: x\n",
        "slug: demo\n",
        "ce_hours: 1.5\n",
        "topics: [ethics]\n",
        ": :\n",
        "- [x] a\n",
        "- [ ] b\n",
        "  > fb\n",
        "= ans\n",
        "- a => b\n",
        "### Q {#q}\n",
        "### \n",
        "Explanation: e\n",
        "{#Bad}\n",
        "![](x.png)",
        "[a](b.md)",
        "<script>",
        "```\n",
        "&a:\n",
        "*a\n",
        "{",
        "}",
        "\t",
        "\x00",
        "addict ",
        '"',
        "<!-- language: allow start -->\n",
    ]
)
structured_text = st.lists(st.one_of(_pieces, st.text(max_size=12)), max_size=25).map("".join)


def assert_findings(findings: list[Finding]) -> None:
    for finding in findings:
        assert finding.severity in SEVERITIES
        assert isinstance(finding.line, int) and finding.line >= 0
        assert isinstance(finding.message, str) and finding.message


@FAST
@given(path=st.sampled_from(PATHS), text=structured_text)
def test_parse_package_never_raises_on_any_text(path, text):
    data, findings = parse_package(read_dict(files({path: text}), name="demo"))
    assert_findings(findings)
    assert data is None or not any(f.severity == "error" for f in findings)


@FAST
@given(path=st.sampled_from(PATHS), blob=st.binary(max_size=300))
def test_parse_package_never_raises_on_any_bytes(path, blob):
    _data, findings = parse_package(read_dict(files({path: blob}), name="demo"))
    assert_findings(findings)


@FAST
@given(front=structured_text)
def test_parse_package_never_raises_on_any_front_matter(front):
    body = COURSE_MD.split("\n---\n", 1)[1]
    quiz_body = QUIZ_MD.split("\n---\n", 1)[1]
    changes = {
        "course.md": f"---\n{front}\n---\n{body}",
        "quiz.md": f"---\n{front}\n---\n{quiz_body}",
    }
    _data, findings = parse_package(read_dict(files(changes), name="demo"))
    assert_findings(findings)


@FAST
@given(
    yaml_value=st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=5), children, max_size=3)
        ),
        max_leaves=8,
    ),
    key=st.sampled_from(["slug", "ce_hours", "topics", "competencies", "objectives", "version"]),
)
def test_any_yaml_value_for_any_key_is_a_finding_not_a_crash(yaml_value, key):
    import json

    text = COURSE_MD.replace("---\nslug: demo", f"---\n{key}: {json.dumps(yaml_value)}\nslug: demo")
    _data, findings = parse_package(read_dict(files({"course.md": text}), name="demo"))
    assert_findings(findings)


@FAST
@given(text=structured_text)
def test_parse_quiz_render_and_language_never_raise(text):
    _quiz, findings = parse_quiz(text)
    assert_findings(findings)
    assert isinstance(render_markdown(text), str)
    assert_findings(check_language(text))


@FAST
@given(text=st.one_of(structured_text, st.text(max_size=200)))
def test_import_gift_never_raises(text):
    markdown, findings = import_gift(text)
    assert_findings(findings)
    assert isinstance(markdown, str)
    parse_quiz(markdown)


@FAST
@given(blob=st.binary(max_size=400))
def test_read_zip_never_raises_on_any_bytes(blob):
    assert_findings(list(read_zip(blob).findings))


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(["quiz.md", "01-a.md", "notes.md"]),
    blob=st.one_of(st.binary(max_size=200), structured_text.map(str.encode)),
)
def test_check_paths_never_raises_on_any_single_file(name, blob):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(blob)
        assert_findings(check_paths([path]))
