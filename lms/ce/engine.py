"""The requirement engine: "am I on track to renew, and what exactly is missing?"

`renewal_status` is a pure function of a rule set, the peer's certification dates, their CE
records and today's date. The rules it applies:

- A record counts toward every requirement it matches: an hour of ethics counts toward the
  ethics minimum and the total, and a record with several topics counts in full toward each
  matching requirement (but once toward any one requirement).
- Only verified records are earned. Pending hours are shown beside them, never counted; any
  other status (rejected, withdrawn) is ignored.
- A record counts only inside its requirement's window: the current cycle, or for a
  multi-year requirement the years ending on the current cycle's last day. CE earned before
  the certification date never counts.
- A cap limits how much of one delivery format counts in each cycle, per requirement.
- A rule set with `approved_hours_only` counts only records approved for its credential (an
  approval covering the rule set's key, or any credential: "*"); the others are listed in
  `not_accepted`, so the peer sees which hours this board refuses and why.

All hours are whole minutes. Dates are the peer's local dates: convert a moment with
`lms.localtime.local_date` before asking, so a course finished at 23:30 on 31 December in Los
Angeles counts in that year.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lms.ce.cycles import Cycles, cycle_for
from lms.ce.data import Requirement, RuleSet

__all__ = [
    "RecordInput", "RenewalStatus", "RequirementStatus", "cycle_for", "renewal_status",
]  # fmt: skip

VERIFIED = "verified"
PENDING = "pending"


@dataclass(frozen=True)
class RecordInput:
    """One CE record as the engine sees it.

    `status`: verified, pending or rejected (anything else never counts). `delivery`: live,
    webinar or self-paced. `provider`: a provider tag a verifier has confirmed, such as
    `cares-academy-connect` (not the free-text provider name a peer types). `approved_for`:
    the credential keys a board approval covers for it ("*": every credential; empty: none).
    """

    earned_on: date
    minutes: int
    topics: tuple[str, ...]
    status: str
    delivery: str = ""
    provider: str = ""
    approved_for: tuple[str, ...] = ("*",)
    title: str = ""


@dataclass(frozen=True)
class RequirementStatus:
    """One requirement in the current cycle; every amount is in minutes.

    `verified` is what counts (after caps; it may exceed `required`). `pending` is what would
    count on top if every pending record were verified. `missing` = max(0, required − verified).
    The window is `window_start`..`window_end`, both inclusive.
    """

    key: str
    label: str
    topics: tuple[str, ...]
    required: int
    verified: int
    pending: int
    missing: int
    satisfied: bool
    window_start: date
    window_end: date
    providers: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenewalStatus:
    """The current cycle (both ends inclusive; the end is the deadline) and its requirements,
    the total first. `days_left` is 0 on the deadline itself."""

    cycle_start: date
    cycle_end: date
    days_left: int
    requirements: tuple[RequirementStatus, ...]
    satisfied: bool
    not_accepted: tuple[RecordInput, ...] = ()

    @property
    def deadline(self) -> date:
        return self.cycle_end

    @property
    def total(self) -> RequirementStatus:
        return self.requirements[0]


def renewal_status(
    rule_set: RuleSet,
    *,
    certified_on: date,
    expires_on: date | None,
    records: Iterable[RecordInput],
    today: date,
) -> RenewalStatus:
    """Where a peer stands in the cycle holding `today` (before certification: the first)."""
    records = tuple(records)
    for record in records:
        if record.minutes < 0:
            raise ValueError(f"A CE record has negative minutes: {record!r}.")
    cycles = Cycles(rule_set, certified_on, expires_on)
    number = cycles.current(today)
    start, end = cycles.bounds(number)
    refused = ()
    if rule_set.approved_hours_only:
        refused = tuple(r for r in records if not approved(r, rule_set.key))
        records = tuple(r for r in records if approved(r, rule_set.key))
    statuses = tuple(
        _requirement_status(requirement, rule_set, cycles, number, records)
        for requirement in rule_set.requirements
    )
    return RenewalStatus(
        cycle_start=start,
        cycle_end=end,
        days_left=(end - today).days,
        requirements=statuses,
        satisfied=all(status.satisfied for status in statuses),
        not_accepted=tuple(
            r for r in refused if start <= r.earned_on <= end and r.status in (VERIFIED, PENDING)
        ),
    )


def approved(record: RecordInput, credential_key: str) -> bool:
    """True when a board approval covers the record for this credential."""
    return "*" in record.approved_for or credential_key in record.approved_for


def _requirement_status(
    requirement: Requirement,
    rule_set: RuleSet,
    cycles: Cycles,
    number: int,
    records: tuple[RecordInput, ...],
) -> RequirementStatus:
    window_start = cycles.window_start(number, requirement.window_years)
    window_end = cycles.bounds(number)[1]
    matching = [
        record
        for record in records
        if window_start <= record.earned_on <= window_end and _matches(requirement, record)
    ]
    verified_records = [r for r in matching if r.status == VERIFIED]
    pending_records = [r for r in matching if r.status in (VERIFIED, PENDING)]
    verified = _counted(verified_records, rule_set, cycles)
    pending = _counted(pending_records, rule_set, cycles) - verified
    return RequirementStatus(
        key=requirement.key,
        label=requirement.label,
        topics=requirement.topics,
        required=requirement.minutes,
        verified=verified,
        pending=pending,
        missing=max(0, requirement.minutes - verified),
        satisfied=verified >= requirement.minutes,
        window_start=window_start,
        window_end=window_end,
        providers=requirement.providers,
    )


def _matches(requirement: Requirement, record: RecordInput) -> bool:
    """True when the record's topics and provider are ones the requirement accepts."""
    if requirement.topics and not set(requirement.topics) & set(record.topics):
        return False
    return not requirement.providers or record.provider in requirement.providers


def _counted(records: list[RecordInput], rule_set: RuleSet, cycles: Cycles) -> int:
    """The minutes of `records` that count once each cap is applied, cycle by cycle."""
    caps = {delivery: cap for cap in rule_set.caps for delivery in cap.deliveries}
    free = 0
    capped: dict[tuple[str, int], int] = defaultdict(int)
    for record in records:
        cap = caps.get(record.delivery)
        if cap is None:
            free += record.minutes
        else:
            capped[cap.key, cycles.index(record.earned_on)] += record.minutes
    limits = {cap.key: cap.minutes for cap in rule_set.caps}
    return free + sum(min(minutes, limits[key]) for (key, _), minutes in capped.items())
