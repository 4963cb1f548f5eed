"""The requirement engine: "am I on track to renew, and what exactly is missing?"

`renewal_status` is a pure function of a rule set, the peer's certification dates, their CE
records and today's date. The rules it applies:

- Every record counts in full toward the total. Toward the other requirements (the topic and
  provider minimums) its minutes count at most once in all: a 3-hour record tagged ethics and
  confidentiality gives 3 hours, shared between the two as best fills them. The engine shares
  minutes so that as little as possible is missing (`lms.ce.allocation`), filling requirements
  in the rule file's order when there is a choice. A rule set with `topics_may_overlap` lets
  a record count in full toward each requirement it matches instead (once toward any one).
  Each requirement lists the records it counts and how many of their minutes (`assigned`).
- Only verified records are earned. Pending hours are shown beside them, never counted; any
  other status (rejected, withdrawn) is ignored.
- A record counts only inside its requirement's window: the current cycle, or for a
  multi-year requirement the years ending on the current cycle's last day. CE earned before
  the certification date never counts.
- A cap limits how much of one delivery format counts in each cycle, per requirement; a
  record only gives minutes to requirements whose window and cap leave room for them.
- A cycle is judged by the version of the rules in force when it began (`lms.ce.versions`);
  when the next cycle falls under another version, `next_changes` says what changes.
- In an initial period (Washington's short first credential, Texas's six-month initial
  certification; `lms.ce.cycles`) no CE is due: every requirement asks for nothing, and
  `next_cycle_start` is the day the first cycle begins.
- A rule set with `approved_hours_only` counts only records approved for its credential (an
  approval covering the rule set's key, or any credential: "*"); the others are listed in
  `not_accepted`, so the peer sees which hours this board refuses and why.

All hours are whole minutes. Dates are the peer's local dates: convert a moment with
`lms.localtime.local_date` before asking, so a course finished at 23:30 on 31 December in Los
Angeles counts in that year.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lms.ce.allocation import Demand, allocate
from lms.ce.cycles import ONE_DAY, Cycles, cycle_for
from lms.ce.data import Requirement, RuleSet
from lms.ce.versions import NOTE, Change, describe_change, in_force, version_for

__all__ = [
    "Assignment", "RecordInput", "RenewalStatus", "RequirementStatus", "cycle_for",
    "renewal_status",
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
    `title` is only shown, on the renewal page, beside the minutes a record gives each
    requirement.
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
class Assignment:
    """`minutes` of a verified `record` that count toward one requirement."""

    record: RecordInput
    minutes: int


@dataclass(frozen=True)
class RequirementStatus:
    """One requirement in the current cycle; every amount is in minutes.

    `verified` is what counts (after caps; it may exceed `required`). `pending` is what would
    count on top if every pending record were verified. `missing` = max(0, required − verified).
    The window is `window_start`..`window_end`, both inclusive. `assigned`: the verified
    records that count toward it and how many of their minutes, in the order given.
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
    assigned: tuple[Assignment, ...] = ()


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
    no_ce_due: bool = False  # an initial period: nothing is asked before next_cycle_start
    next_cycle_start: date | None = None
    next_changes: tuple[Change, ...] = ()  # how the rules differ from the next cycle on

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
    if cycles.in_initial_period(max(today, certified_on)):
        return _initial_period(in_force(rule_set, certified_on, today), cycles, today)
    number = cycles.current(today)
    start, end = cycles.bounds(number)
    general = rule_set
    rule_set = in_force(general, start, today)
    refused = ()
    if rule_set.approved_hours_only:
        refused = tuple(r for r in records if not approved(r, rule_set.key))
        records = tuple(r for r in records if approved(r, rule_set.key))
    windows = tuple(
        (cycles.window_start(number, requirement.window_years), end)
        for requirement in rule_set.requirements
    )
    verified = _assigned(rule_set, cycles, windows, [r for r in records if r.status == VERIFIED])
    counting = (VERIFIED, PENDING)
    either = _assigned(rule_set, cycles, windows, [r for r in records if r.status in counting])
    statuses = tuple(
        _requirement_status(*parts)
        for parts in zip(rule_set.requirements, windows, verified, either, strict=True)
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
        next_cycle_start=end + ONE_DAY,
        next_changes=_next_changes(general, start, end + ONE_DAY, today),
    )


def _next_changes(rule_set: RuleSet, start: date, next_start: date, today: date):
    """What changes when the next cycle begins, if a newer version judges it."""
    if version_for(rule_set, start, today) is version_for(rule_set, next_start, today):
        return ()
    changes = describe_change(
        in_force(rule_set, start, today), in_force(rule_set, next_start, today)
    )
    return changes or (Change(NOTE),)


def _initial_period(rule_set: RuleSet, cycles: Cycles, today: date) -> RenewalStatus:
    """The status in an initial period: nothing is due until the first cycle begins."""
    end = cycles.initial_end
    statuses = tuple(
        RequirementStatus(
            r.key, r.label, r.topics, 0, 0, 0, 0, True, cycles.certified_on, end, r.providers
        )
        for r in rule_set.requirements
    )
    return RenewalStatus(
        cycle_start=cycles.certified_on,
        cycle_end=end,
        days_left=(end - today).days,
        requirements=statuses,
        satisfied=True,
        no_ce_due=True,
        next_cycle_start=end + ONE_DAY,
    )


def approved(record: RecordInput, credential_key: str) -> bool:
    """True when a board approval covers the record for this credential."""
    return "*" in record.approved_for or credential_key in record.approved_for


def _requirement_status(
    requirement: Requirement,
    window: tuple[date, date],
    assigned: tuple[Assignment, ...],
    with_pending: tuple[Assignment, ...],
) -> RequirementStatus:
    verified = sum(part.minutes for part in assigned)
    pending = max(0, sum(part.minutes for part in with_pending) - verified)
    return RequirementStatus(
        key=requirement.key,
        label=requirement.label,
        topics=requirement.topics,
        required=requirement.minutes,
        verified=verified,
        pending=pending,
        missing=max(0, requirement.minutes - verified),
        satisfied=verified >= requirement.minutes,
        window_start=window[0],
        window_end=window[1],
        providers=requirement.providers,
        assigned=assigned,
    )


def _assigned(
    rule_set: RuleSet,
    cycles: Cycles,
    windows: tuple[tuple[date, date], ...],
    records: list[RecordInput],
) -> list[tuple[Assignment, ...]]:
    """Per requirement, the records it counts and their minutes. The total has every record
    to itself; the other requirements share each record's minutes, unless the rule set lets
    topics overlap, when each has every record to itself too."""
    requirements = rule_set.requirements
    others = range(1, len(requirements))
    shared = [[*others]] if not rule_set.topics_may_overlap else [[i] for i in others]
    groups = [_cap_group(rule_set, cycles, record) for record in records]
    limits = {group: minutes for group, minutes in groups if group is not None}
    result: list[tuple[Assignment, ...]] = [()] * len(requirements)
    for pool in [[0], *shared]:
        demands = [
            Demand(
                requirements[i].minutes, _arcs(requirements[i], windows[i], records, groups), limits
            )
            for i in pool
        ]
        shares = allocate([record.minutes for record in records], demands)
        for i, share in zip(pool, shares, strict=True):
            result[i] = tuple(Assignment(records[n], m) for n, m in share.items() if m)
    return result


def _arcs(requirement: Requirement, window: tuple[date, date], records, groups):
    """(record index, its cap group) for each record that counts toward `requirement`."""
    return tuple(
        (n, group)
        for n, (record, (group, _)) in enumerate(zip(records, groups, strict=True))
        if _counts_toward(requirement, window, record)
    )


def _cap_group(rule_set: RuleSet, cycles: Cycles, record: RecordInput):
    """(the cap and cycle that limit `record`, the cap's minutes), or (None, 0) if uncapped."""
    for cap in rule_set.caps:
        if record.delivery in cap.deliveries:
            return (cap.key, cycles.index(record.earned_on)), cap.minutes
    return None, 0


def _counts_toward(requirement: Requirement, window: tuple[date, date], record: RecordInput):
    """True when the record is inside the requirement's window and has a topic and provider
    the requirement accepts."""
    if not window[0] <= record.earned_on <= window[1]:
        return False
    if requirement.topics and not set(requirement.topics) & set(record.topics):
        return False
    return not requirement.providers or record.provider in requirement.providers
