"""Rule sets, rule files and CE records for the CE tests."""

from datetime import date, timedelta
from pathlib import Path

from hypothesis import strategies as st

from lms.ce.engine import RecordInput, renewal_status
from lms.ce.rules import BUNDLED_RULES_DIR, load_rule_set, load_rule_sets

FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED = load_rule_sets([BUNDLED_RULES_DIR])
CAPPED = load_rule_set(FIXTURES / "capped.yaml")

# A valid rule file; tests change one line at a time, so line numbers below are stable.
VALID_RULE = """\
key: demo
name: Demo credential
issuing_body: Demo board
sources: [{url: https://example.org/demo, title: Demo rules, supports: all, retrieved: 2026-12-01}]
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


TOPICS = ("ethics", "confidentiality", "self-care", "suicide-prevention", "health-equity",
          "peer-support", "advocacy")  # fmt: skip
# Verified twice as often as each other status, so most examples have hours that count.
STATUSES = ("verified", "verified", "pending", "rejected", "withdrawn")


def records_near(day: date, statuses=STATUSES, days=None):
    """Records earned from `days[0]` to `days[1]` days after `day`; by default, mostly in the
    two years before it, else in the windows around it (the longest is six years)."""
    offsets = (
        st.integers(*days) if days else st.one_of(st.integers(-730, 60), st.integers(-2300, 800))
    )
    return st.builds(
        RecordInput,
        earned_on=offsets.map(lambda n: day + timedelta(days=n)),
        minutes=st.integers(0, 40).map(lambda n: 15 * n),
        topics=st.lists(st.sampled_from(TOPICS), max_size=3, unique=True).map(tuple),
        status=st.sampled_from(statuses),
        delivery=st.sampled_from(("", "live", "webinar", "self-paced")),
        provider=st.sampled_from(("", "cares-academy-connect", "someone-else")),
    )


def run(rule_set, certified, expires, today, records):
    return renewal_status(
        rule_set, certified_on=certified, expires_on=expires, records=records, today=today
    )
