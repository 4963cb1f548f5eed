"""`flask ce rules check`: one line per finding, a summary, and exit 1 on errors."""

import pytest

from lms.ce.rules import BUNDLED_RULES_DIR
from tests.ce.builders import VALID_RULE, write_rule


@pytest.fixture
def extra(app, tmp_path):
    """An empty folder of organisation rule files, configured as CREDENTIAL_RULE_DIRS."""
    folder = tmp_path / "credentials"
    folder.mkdir()
    app.config["CREDENTIAL_RULE_DIRS"] = [str(folder)]
    return folder


@pytest.fixture
def runner(app, extra):
    """The app's own command runner, with `extra` configured."""
    return app.test_cli_runner()


def test_without_paths_the_bundled_and_configured_rules_are_checked_and_exit_0(runner, extra):
    write_rule(extra, VALID_RULE)
    result = runner.invoke(args=["ce", "rules", "check"])
    assert result.exit_code == 0, result.output
    assert result.output == "0 errors, 0 warnings, 0 notes.\n"


def test_a_configured_rule_set_replacing_a_bundled_one_is_noted(runner, extra):
    write_rule(extra, VALID_RULE.replace("key: demo", "key: pa-crs"), "pa-crs.yaml")
    result = runner.invoke(args=["ce", "rules", "check"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        f"{extra / 'pa-crs.yaml'}:1:1: info overrides: This file replaces the rule set 'pa-crs' "
        f"from {BUNDLED_RULES_DIR / 'pa-crs.yaml'}."
    )
    assert lines[-1] == "0 errors, 0 warnings, 1 note."


def test_errors_print_path_line_column_severity_code_message_and_suggestion_and_exit_1(
    runner, extra
):
    path = write_rule(extra, VALID_RULE.replace("topics: [ethics]", "topics: [ethic]"))
    result = runner.invoke(args=["ce", "rules", "check", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:13:14: error unknown-topic: 'ethic' is not a topic in "
        "lms/content/vocabulary.yaml. (Did you mean 'ethics'?)",
        "1 error, 0 warnings, 0 notes.",
    ]


def test_warnings_alone_exit_0(runner, extra):
    path = write_rule(extra, VALID_RULE, "other.yaml")
    result = runner.invoke(args=["ce", "rules", "check", str(path)])
    assert result.exit_code == 0
    assert "warning key-not-file-name" in result.output


def test_paths_inside_the_working_folder_are_shown_relative(runner, extra, monkeypatch):
    monkeypatch.chdir(extra)
    write_rule(extra, VALID_RULE, "other.yaml")
    result = runner.invoke(args=["ce", "rules", "check", str(extra / "other.yaml")])
    assert result.output.startswith("other.yaml:1:6: warning key-not-file-name: ")


def test_a_path_that_does_not_exist_is_an_error(runner, tmp_path):
    result = runner.invoke(args=["ce", "rules", "check", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "nope:0:0: error missing-path: There is no such file or folder." in result.output


def test_a_configured_folder_not_made_yet_is_only_noted(app, runner, tmp_path):
    app.config["CREDENTIAL_RULE_DIRS"] = str(tmp_path / "not-made-yet")
    result = runner.invoke(args=["ce", "rules", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{tmp_path / 'not-made-yet'}:0:0: info missing-path: There is no such file or folder. "
        "(Check the path, and CREDENTIAL_RULE_DIRS in the instance config.)",
        "0 errors, 0 warnings, 1 note.",
    ]


def test_a_source_not_read_for_over_12_months_is_a_warning_naming_its_line(runner, extra):
    stale = VALID_RULE.replace("retrieved: 2026-12-01", "retrieved: 2020-01-31")
    path = write_rule(extra, stale)
    result = runner.invoke(args=["ce", "rules", "check"])
    assert result.exit_code == 0, result.output  # a warning: the figures may still be right
    assert result.output.splitlines() == [
        f"{path}:4:1: warning stale-source: Demo rules was last read on 2020-01-31, more "
        "than 12 months ago. (Read the page again, correct the figures, and set 'retrieved' "
        "to today.)",
        "0 errors, 1 warning, 0 notes.",
    ]
