"""Package sources: a folder, a zip or a browser draft all become path → bytes."""

import io
import zipfile
from pathlib import Path

from lms.content.package import parse_package
from lms.content.sources import (
    MAX_ZIP_BYTES,
    MAX_ZIP_FILES,
    clean_path,
    content_hash,
    read_dict,
    read_folder,
    read_zip,
)
from tests.content.builders import only


def make_zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_folder_is_read_without_hidden_files(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.md").write_text("c")
    (tmp_path / "lessons" / "01-a.md").write_text("a")
    (tmp_path / ".DS_Store").write_text("junk")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("junk")
    source = read_folder(tmp_path)
    assert dict(source) == {"course.md": b"c", "lessons/01-a.md": b"a"}
    assert source.name == tmp_path.name


def test_symbolic_links_are_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    course = tmp_path / "course"
    course.mkdir()
    (course / "link.txt").symlink_to(secret)
    source = read_folder(course)
    assert dict(source) == {}
    assert only(source.findings, "symlink").path == "link.txt"


def test_a_zip_of_one_folder_is_read_from_inside_it():
    source = read_zip(make_zip({"ethics/course.md": b"c", "ethics/lessons/01-a.md": b"a"}))
    assert dict(source) == {"course.md": b"c", "lessons/01-a.md": b"a"}
    assert source.name == "ethics" and source.findings == ()


def test_a_zip_with_unsafe_paths_skips_them_with_an_error():
    source = read_zip(make_zip({"course.md": b"c", "../evil.md": b"x", "/abs.md": b"y"}))
    assert dict(source) == {"course.md": b"c"}
    assert sorted(f.path for f in source.findings if f.code == "unsafe-path") == [
        "../evil.md",
        "/abs.md",
    ]


def test_a_zip_bomb_is_refused():
    bomb = make_zip({f"media/{i}.txt": b"0" * (6 * 1024 * 1024) for i in range(4)})
    assert len(bomb) < 200_000
    source = read_zip(bomb)
    assert dict(source) == {}
    assert only(source.findings, "package-too-large").severity == "error"
    assert str(MAX_ZIP_BYTES // (1024 * 1024)) in source.findings[0].message


def test_a_zip_with_too_many_files_is_refused():
    source = read_zip(make_zip({f"media/{i}.txt": b"" for i in range(MAX_ZIP_FILES + 1)}))
    assert dict(source) == {} and only(source.findings, "too-many-files")


def test_bytes_that_are_not_a_zip_are_a_finding():
    assert only(read_zip(b"not a zip").findings, "bad-zip").severity == "error"


def test_a_browser_draft_accepts_text_and_bytes():
    source = read_dict({"course.md": "café", "media/a.png": b"\x89PNG"}, name="demo")
    assert source["course.md"] == "café".encode()
    assert source["media/a.png"] == b"\x89PNG" and source.name == "demo"


def test_a_browser_draft_refuses_unsafe_paths():
    source = read_dict({"../x.md": "x", "a\\b.md": "y", "ok.md": "z"})
    assert list(source) == ["ok.md"]
    assert len([f for f in source.findings if f.code == "unsafe-path"]) == 2


def test_clean_path_normalises_and_refuses():
    assert clean_path("./lessons//01-a.md") == "lessons/01-a.md"
    for bad in ("", "/etc/passwd", "../x", "a/../../b", "C:/x", "a\\b", ".hidden/x", "__MACOSX/x"):
        assert clean_path(bad) is None


def test_content_hash_is_independent_of_order_but_not_of_boundaries():
    assert content_hash({"a": b"1", "b": b"2"}) == content_hash({"b": b"2", "a": b"1"})
    assert content_hash({"a": b"12"}) != content_hash({"a": b"1", "2": b""})


def test_a_zipped_course_parses_to_the_same_course_as_its_folder():
    folder = Path(__file__).parent / "fixtures" / "example-course"
    entries = {
        f"example-course/{p.relative_to(folder).as_posix()}": p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file()
    }
    from_zip, _ = parse_package(read_zip(make_zip(entries)))
    from_folder, _ = parse_package(read_folder(folder))
    assert from_zip is not None and from_zip == from_folder
