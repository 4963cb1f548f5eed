"""Rule sets, rule files and CE records for the CE tests."""

from datetime import date
from pathlib import Path

from lms.ce.engine import RecordInput
from lms.ce.rules import BUNDLED_RULES_DIR, load_rule_set, load_rule_sets

FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED = load_rule_sets([BUNDLED_RULES_DIR])
CAPPED = load_rule_set(FIXTURES / "capped.yaml")

# A valid rule file; tests change one line at a time, so line numbers below are stable.
VALID_RULE = """\
key: demo
name: Demo credential
issuing_body: Demo board
source_url: https://example.org/demo
note: Rules change. Check with your board before relying on these figures.
cycle:
  kind: anniversary
  months: 24
total_hours: 20
requirements:
  - key: ethics
    label: Ethics
    topics: [ethics]
    hours: 6
"""


def write_rule(folder: Path, text: str = VALID_RULE, name: str = "demo.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def record(
    earned_on: date,
    minutes: int = 60,
    *topics: str,
    status: str = "verified",
    delivery: str = "live",
    provider: str = "",
) -> RecordInput:
    """A CE record of `minutes` earned on `earned_on` with `topics`."""
    return RecordInput(earned_on, minutes, tuple(topics), status, delivery, provider)


def only(findings, code: str):
    """The one finding with `code` (fails the test if there is not exactly one)."""
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, (code, findings)
    return matching[0]
