"""The sources the product relies on live in the repository: docs/sources.md lists every source a
bundled rule set or course cites, and nothing a user installs points at a path outside it."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
URL = re.compile(r"https?://[^\s\"'<>)]+")
# A path outside the repository: the project's planning folder, a machine's home, a parent.
OUTSIDE = re.compile(r"\.\./shared\b|/work/|\bdomain\.md\b|\bshared/(?:DESIGN|STYLE|seeds)")
SHIPPED = ("lms", "courses", "docs", "templates", "static", "README.md", "setup.cfg", "Makefile")


def shipped_files():
    for name in SHIPPED:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" in file.parts or file.suffix in (".pyc", ".png", ".jpg", ".woff2"):
                continue
            yield file


def test_nothing_shipped_points_outside_the_repository():
    found = []
    for file in shipped_files():
        text = file.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{file.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not found, "Cite the public source instead:\n" + "\n".join(found)


def cited_urls(text: str) -> set[str]:
    return {url.rstrip(".,;") for url in URL.findall(text)}


RULE_FILES = sorted((ROOT / "lms" / "ce" / "rules").glob("*.yaml"))
COURSES = sorted((ROOT / "courses").glob("*/course.md"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_source_a_rule_set_cites_is_in_docs_sources(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    urls = {source["url"] for source in data["sources"]}
    assert urls and not urls - cited_urls(SOURCES), (
        f"add to docs/sources.md: {urls - cited_urls(SOURCES)}"
    )


@pytest.mark.parametrize("path", COURSES, ids=lambda p: p.parent.name)
def test_every_source_a_course_cites_is_in_docs_sources(path):
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    urls = cited_urls("\n".join(front.get("references", [])))
    assert urls, f"{path.parent.name} cites no public source"
    missing = urls - cited_urls(SOURCES)
    assert not missing, f"add to docs/sources.md: {sorted(missing)}"
