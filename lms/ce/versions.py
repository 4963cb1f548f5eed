"""Which version of a credential's rules judges a cycle, and what changes in the next one.

Boards change their rules with an effective date. A rule file may list `versions:`, each in
force from its `effective_from` day; a flat file is one version in force from always. The rule
applied here, the same one boards apply when they phase in a change:

- A cycle is judged by the version in force on the day the cycle began, so a peer half-way
  through a cycle keeps the rules they planned against.
- A version marked `applies: immediately` (only where the board says so) also judges the cycle
  running on its effective day, from that day on.

`describe_change` says, in a peer's words, what differs between two versions, so the renewal
page can warn "From your next cycle (starting …) the rules change: …".
"""

from dataclasses import replace
from datetime import date

from lms.ce.data import RuleSet, RuleVersion
from lms.hours import hours_phrase


def version_for(rule_set: RuleSet, cycle_start: date, today: date) -> RuleVersion | None:
    """The version judging a cycle that began on `cycle_start`, as seen on `today`; None for
    a flat file."""
    chosen = rule_set.versions[0] if rule_set.versions else None
    for version in rule_set.versions:
        begun_before = version.effective_from <= cycle_start
        if begun_before or (version.immediately and version.effective_from <= today):
            chosen = version
    return chosen


def in_force(rule_set: RuleSet, cycle_start: date, today: date) -> RuleSet:
    """The rule set with the requirements, caps, note and initial requirements of the version
    judging the cycle that began on `cycle_start`."""
    version = version_for(rule_set, cycle_start, today)
    if version is None:
        return rule_set
    return replace(
        rule_set,
        requirements=version.requirements,
        caps=version.caps,
        note=version.note,
        initial=version.initial,
    )


def describe_change(old: RuleSet, new: RuleSet) -> tuple[str, ...]:
    """What differs between two versions' renewal requirements, one phrase each (empty when
    nothing a peer plans against differs)."""
    before = {r.key: r for r in old.requirements}
    after = {r.key: r for r in new.requirements}
    changes = []
    for key, requirement in after.items():
        was = before.get(key)
        if was is None:
            changes.append(f"new: {requirement.label}, {hours_phrase(requirement.minutes)}")
        elif was.minutes != requirement.minutes:
            changes.append(
                f"{requirement.label}: {hours_phrase(was.minutes)} becomes "
                f"{hours_phrase(requirement.minutes)}"
            )
    changes += [f"no longer asked: {r.label}" for key, r in before.items() if key not in after]
    before_caps = {(c.key, c.minutes) for c in old.caps}
    for cap in new.caps:
        if (cap.key, cap.minutes) not in before_caps:
            changes.append(f"at most {hours_phrase(cap.minutes)} may be {cap.label.lower()}")
    return tuple(changes)
