"""The test suite keeps its own house rules: shared helpers live in helper modules
(tests/helpers.py and its neighbours) and fixtures in conftest.py, so no test module and no
conftest is ever imported; CLI tests run the real app's commands; and a set-up command that
fails stops its test at once, with its output, instead of failing it later for no visible
reason."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CLI_BUILDERS = {"Flask", "FlaskGroup", "CliRunner"}


def parsed_files(root: Path = TESTS) -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(root.rglob("*.py"))]


def imported_names(path: Path, tree: ast.Module, root: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every module, or name from a module, that `tree` imports:
    relative imports resolved, imports inside functions included."""
    module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            source = ".".join(part for part in (base, node.module or "") if part)
            found.append((node.lineno, source))
            found += [(node.lineno, f"{source}.{alias.name}") for alias in node.names]
    return found


def is_test_module(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "tests" and any(p == "conftest" or p.startswith("test_") for p in parts)


def imports_of_test_modules(root: Path = TESTS) -> list[str]:
    """One line per import statement that reaches a test module or a conftest."""
    offences: dict[tuple[Path, int], str] = {}
    for path, tree in parsed_files(root):
        for line, name in imported_names(path, tree, root):
            if is_test_module(name):
                offences.setdefault((path, line), name)
    return [
        f"{path.relative_to(root.parent)}:{line}: imports {name}"
        for (path, line), name in sorted(offences.items())
    ]


def test_no_test_module_or_conftest_is_imported():
    offences = imports_of_test_modules()
    assert not offences, (
        "Move what these import into tests/helpers.py (plain functions) or a conftest.py "
        "fixture:\n" + "\n".join(offences)
    )


def test_the_import_check_sees_absolute_relative_and_nested_imports(tmp_path):
    area = tmp_path / "tests" / "area"
    area.mkdir(parents=True)
    (area / "test_sample.py").write_text(
        "import tests.helpers\n"
        "from tests.test_learning import answer_all\n"
        "from . import conftest\n"
        "def test_x():\n"
        "    from ..test_auth import something\n"
    )
    assert imports_of_test_modules(tmp_path / "tests") == [
        "tests/area/test_sample.py:2: imports tests.test_learning",
        "tests/area/test_sample.py:3: imports tests.area.conftest",
        "tests/area/test_sample.py:5: imports tests.test_auth",
    ]


def test_cli_tests_use_the_real_apps_runner():
    offences = [
        f"{path.relative_to(TESTS.parent)}:{node.lineno}: builds {node.func.id}()"
        for path, tree in parsed_files()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in CLI_BUILDERS
    ]
    assert not offences, "Use the `runner` fixture (app.test_cli_runner()):\n" + "\n".join(offences)


def test_no_command_result_is_thrown_away():
    """A bare `runner.invoke(...)` statement ignores the exit code of a set-up command."""
    offences = [
        f"{path.relative_to(TESTS.parent)}:{node.lineno}"
        for path, tree in parsed_files()
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr == "invoke"
    ]
    assert not offences, "Check the exit code with tests.helpers.invoke_ok:\n" + "\n".join(offences)
