"""The plain values a credential rule file parses into: frozen dataclasses of strings, ints and
tuples. Hours are whole minutes (the YAML's quarter-hour steps × 60), never floats.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

BUNDLED_RULES_DIR = Path(__file__).with_name("rules")
CYCLE_KINDS = ("anniversary", "calendar_year", "fixed_expiry", "birthday")
# How CE was delivered; the outside-CE form offers the same three formats.
DELIVERIES = ("live", "webinar", "self-paced")
TOTAL_KEY = "total"


@dataclass(frozen=True)
class Cycle:
    """How renewal cycles run.

    `anniversary`: from the certification date in steps of `months`. `calendar_year`: from
    1 January of the certification year in steps of `months` (12 unless a board says more).
    `fixed_expiry`: the cycle ends on the credential's expiry date and starts `months` before.
    `birthday`: like `fixed_expiry` (the expiry date is the birthday), but a first credential
    issued for less than a full cycle is a period with no CE due. `initial_months`: the first
    months after certification are an initial certification with no CE due; cycles start
    after them. `lms.ce.cycles` explains these, month ends and 29 February.
    """

    kind: str
    months: int
    initial_months: int = 0


@dataclass(frozen=True)
class Requirement:
    """Minutes a peer must earn in a window.

    `topics` empty: any topic counts (the total is such a requirement). Otherwise a record
    counts when it has at least one of the topics. `providers` non-empty: only records tagged
    with one of these provider keys count. `window_years` None: the current cycle; otherwise
    the years ending on the current cycle's last day.
    """

    key: str
    label: str
    topics: tuple[str, ...]
    minutes: int
    window_years: int | None = None
    providers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cap:
    """At most `minutes` per cycle may count from records delivered in one of `deliveries`."""

    key: str
    label: str
    deliveries: tuple[str, ...]
    minutes: int


@dataclass(frozen=True)
class InitialRequirements:
    """What a peer needs for their first certificate, where the board's figures are known.

    Minutes are None where the rule file does not say. `training_by_domain` gives the minimum
    training minutes per IC&RC domain, as (domain key, minutes). `exam` names the exam a peer
    must pass ("" when the file names none); Peerpath does not record exam results.
    """

    training_minutes: int | None = None
    training_by_domain: tuple[tuple[str, int], ...] = ()
    experience_minutes: int | None = None
    supervision_minutes: int | None = None
    code_of_ethics: bool = False
    exam: str = ""
    # "live": only live training counts (self-paced courses, Peerpath's included, do not).
    training_delivery: str = ""
    # Training that must come from a named program (e.g. "an OHA-approved addiction peer
    # training program"): Peerpath courses do not count toward it, so it is a step outside.
    training_from: str = ""
    recovery_years: int | None = None  # years of recovery the board asks for
    # Other things done with the board or elsewhere, each shown as a step outside Peerpath.
    other_steps: tuple[str, ...] = ()
    # What follows a first certificate, shown as it is (e.g. Texas's 6-month initial period).
    after_certification: str = ""


@dataclass(frozen=True)
class Source:
    """A public page a rule set's figures come from: its address and title, which figures it
    supports, and the day someone last read it to check them."""

    url: str
    title: str
    supports: str
    retrieved: date


@dataclass(frozen=True)
class RuleSet:
    """One credential's renewal rules (and, where known, its initial requirements).
    `requirements[0]` is always the total. `topics_may_overlap`: a record counts in full toward
    each requirement it matches; otherwise its minutes count once across the requirements
    after the total (`lms.ce.engine` shares them)."""

    key: str
    name: str
    issuing_body: str
    sources: tuple[Source, ...]
    note: str
    cycle: Cycle
    requirements: tuple[Requirement, ...]
    caps: tuple[Cap, ...] = ()
    path: str = ""  # the file it was loaded from
    initial: InitialRequirements | None = None  # None: the file describes renewal only
    # True: the board accepts only CE from an approved provider (e.g. Oregon's MHACBO).
    approved_hours_only: bool = False
    topics_may_overlap: bool = False
    # Every version of the rules, oldest first; empty for a flat file (one version, always in
    # force). The fields above are those of the newest version. `lms.ce.versions` picks one.
    versions: tuple["RuleVersion", ...] = ()
    ended: bool = False  # the board no longer issues this credential
    replaced_by: str = ""  # the key of the credential that replaced it

    @property
    def total(self) -> Requirement:
        return self.requirements[0]

    @property
    def checked_on(self) -> date | None:
        """The day the least recently read source was read: the rules are as current as that."""
        return min((source.retrieved for source in self.sources), default=None)


@dataclass(frozen=True)
class RuleVersion:
    """The rules in force from `effective_from`: for cycles that begin on or after that day,
    or, with `immediately`, for the cycle running on that day too (when a board says so)."""

    effective_from: date
    requirements: tuple[Requirement, ...]
    caps: tuple[Cap, ...]
    note: str
    initial: InitialRequirements | None
    immediately: bool = False
