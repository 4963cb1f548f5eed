"""Which version of a credential's rules judges a cycle, and what changes in the next one.

Boards change their rules with an effective date. A rule file may list `versions:`, each in
force from its `effective_from` day; a flat file is one version in force from always. The rule
applied here, the same one boards apply when they phase in a change:

- A cycle is judged by the version in force on the day the cycle began, so a peer half-way
  through a cycle keeps the rules they planned against.
- A version marked `applies: immediately` (only where the board says so) also judges the cycle
  running on its effective day, from that day on.

`describe_change` says what differs between two versions, one `Change` each, so the renewal
page can warn "From your next cycle (starting …) the rules change: …" in the reader's language
(`lms.renewal.rulesets.change_phrase`); `str()` of a Change is the English phrase.
"""

from dataclasses import dataclass, replace
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


# What a Change is about.
NEW, CHANGED, DROPPED, CAP, NOTE = "new", "changed", "dropped", "cap", "note"


@dataclass(frozen=True)
class Change:
    """One difference between two versions: a requirement `NEW` (`minutes`), `CHANGED` (from
    `was` to `minutes`) or `DROPPED`; a `CAP` on `label`-delivered hours (`minutes`); or only
    the `NOTE` changed. `label` is the rule file's English label."""

    kind: str
    label: str = ""
    minutes: int = 0
    was: int = 0

    def __str__(self) -> str:
        hours, was = hours_phrase(self.minutes), hours_phrase(self.was)
        return {
            NEW: f"new: {self.label}, {hours}",
            CHANGED: f"{self.label}: {was} becomes {hours}",
            DROPPED: f"no longer asked: {self.label}",
            CAP: f"at most {hours} may be {self.label.lower()}",
            NOTE: "the board's note changes; read it below",
        }[self.kind]


def describe_change(old: RuleSet, new: RuleSet) -> tuple[Change, ...]:
    """What differs between two versions' renewal requirements (empty when nothing a peer
    plans against differs)."""
    before = {r.key: r for r in old.requirements}
    after = {r.key: r for r in new.requirements}
    changes = []
    for key, requirement in after.items():
        was = before.get(key)
        if was is None:
            changes.append(Change(NEW, requirement.label, requirement.minutes))
        elif was.minutes != requirement.minutes:
            changes.append(Change(CHANGED, requirement.label, requirement.minutes, was.minutes))
    changes += [Change(DROPPED, r.label) for key, r in before.items() if key not in after]
    before_caps = {(c.key, c.minutes) for c in old.caps}
    for cap in new.caps:
        if (cap.key, cap.minutes) not in before_caps:
            changes.append(Change(CAP, cap.label, cap.minutes))
    return tuple(changes)
