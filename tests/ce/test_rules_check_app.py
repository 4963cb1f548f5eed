"""`flask ce rules check` checks exactly the rule files the app loads: the bundled ones,
`instance/credentials/` and CREDENTIAL_RULE_DIRS."""

from pathlib import Path

import pytest

from lms.ce.rules import BUNDLED_RULES_DIR, RuleFileError
from lms.findings import shown_path
from lms.renewal.rulesets import all_rule_sets
from tests.ce.builders import VALID_RULE, write_rule


@pytest.fixture
def instance_rules(app) -> Path:
    return Path(app.instance_path) / "credentials"


def test_a_broken_rule_file_in_the_instance_folder_is_named_with_its_line_and_exits_1(
    app, runner, instance_rules
):
    broken = VALID_RULE.replace("total_hours: 20", "total_hours: [20")
    path = write_rule(instance_rules, broken, "demo.yaml")
    result = runner.invoke(args=["ce", "rules", "check"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0].startswith(f"{path}:10:13: error bad-yaml: Not valid YAML")
    assert result.output.splitlines()[-1] == "1 error, 0 warnings, 0 notes."
    with pytest.raises(RuleFileError):  # the app refuses the same file
        all_rule_sets()


def test_a_valid_rule_file_in_the_instance_folder_is_checked_and_listed(
    app, runner, instance_rules
):
    path = write_rule(instance_rules)
    result = runner.invoke(args=["ce", "rules", "check", "--verbose"])
    assert result.exit_code == 0, result.output
    listed = result.output.splitlines()[:-1]
    assert f"{path}: checked" in listed
    assert f"{shown_path(str(BUNDLED_RULES_DIR / 'pa-crs.yaml'))}: checked" in listed
    assert len(listed) == len(list(BUNDLED_RULES_DIR.glob("*.yaml"))) + 1
    assert result.output.splitlines()[-1] == "0 errors, 0 warnings, 0 notes."
    assert "demo" in all_rule_sets()


def test_a_configured_folder_written_as_one_string_is_loaded_and_checked(app, runner, tmp_path):
    folder = tmp_path / "board-rules"
    path = write_rule(folder, VALID_RULE.replace("total_hours: 20", "total_hours: 0"))
    app.config["CREDENTIAL_RULE_DIRS"] = str(folder)
    result = runner.invoke(args=["ce", "rules", "check"])
    assert result.exit_code == 1
    assert f"{path}:9:14: error bad-hours: " in result.output
    with pytest.raises(RuleFileError):
        all_rule_sets()
