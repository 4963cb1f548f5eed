"""Progress toward a first certificate, reported the way renewal is: per requirement, what is
verified, what is pending, what is missing.

`initial_status` is a pure function of a rule set's initial requirements and the peer's
records. The rules it applies:

- Training is every CE record the peer has (Peerpath courses and training logged from
  elsewhere). A record counts toward the training total in full, and toward each IC&RC domain
  by the allocation its course gives (`domain_hours` in course.md). Training from elsewhere
  carries no allocation, so it counts toward the total only.
- Experience is verified practice hours; supervision is verified supervision hours. Pending
  hours are shown beside them, never counted; rejected and withdrawn ones are ignored.
- The code of ethics counts once the peer has affirmed its current version.
- The exam is taken with the board: Peerpath does not record it, so it is listed as a step
  outside Peerpath and never makes the picture "ready". So are the years of recovery, the
  board's other steps, and training that must come from a named program (`training_from`,
  e.g. Oregon's OHA-approved training): Peerpath courses do not count toward it.
- Where the board asks for live training (`training_delivery: live`, Texas), only live
  records count toward training; self-paced ones, every Peerpath course among them, do not.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from lms.ce.data import InitialRequirements
from lms.ce.engine import PENDING, VERIFIED
from lms.hours import N_, hours_phrase

HOURS = "hours"  # a number of hours to reach
STEP = "step"  # something done once, here (the code of ethics)
OUTSIDE = "outside"  # done with the board, not recorded here (the exam)

# The labels this module words from a requirement's values (WordedLabel.kind).
TRAINING_FROM = "training-from"  # hours of training from a named program
DOMAIN_TRAINING = "domain-training"  # training hours in one IC&RC domain
RECOVERY = "recovery"  # years of recovery


class WordedLabel(str):
    """A label made from a requirement's values. The string is the English sentence (what
    records, exports and tests read); `kind` and the values let the page word it again in the
    reader's language (`lms.renewal.rulesets.rule_label`). Names (a program, an IC&RC domain)
    stay as the board writes them."""

    kind: str
    minutes: int
    name: str
    count: int

    def __new__(cls, kind: str, *, minutes: int = 0, name: str = "", count: int = 0):
        english = {
            TRAINING_FROM: f"{hours_phrase(minutes)} of training from {name}",
            DOMAIN_TRAINING: f"Training: {name}",
            RECOVERY: f"At least {hours_phrase(count * 60, 'year')} of recovery",
        }[kind]
        label = super().__new__(cls, english)
        label.kind, label.minutes, label.name, label.count = kind, minutes, name, count
        return label


@dataclass(frozen=True)
class TrainingInput:
    """One CE record as training: its minutes, how its course splits them by IC&RC domain
    (empty for training from elsewhere) and its status."""

    minutes: int
    domain_minutes: tuple[tuple[str, int], ...]
    status: str
    delivery: str = ""  # live, webinar or self-paced (every Peerpath course is self-paced)


@dataclass(frozen=True)
class Hours:
    """Verified and pending minutes of one kind of logged hours."""

    verified: int = 0
    pending: int = 0


@dataclass(frozen=True)
class InitialItem:
    """One initial requirement. Minutes for HOURS items; for a STEP, required is 1 and verified
    1 once done; an OUTSIDE item is never satisfied here."""

    key: str
    label: str
    kind: str
    required: int
    verified: int
    pending: int
    missing: int
    satisfied: bool
    domain: str = ""  # the IC&RC domain of a training-by-domain item


@dataclass(frozen=True)
class InitialStatus:
    items: tuple[InitialItem, ...]

    @property
    def tracked(self) -> tuple[InitialItem, ...]:
        return tuple(item for item in self.items if item.kind != OUTSIDE)

    @property
    def satisfied(self) -> bool:
        """Everything Peerpath can track is done (the exam is the board's to record)."""
        return all(item.satisfied for item in self.tracked)

    def item(self, key: str) -> InitialItem | None:
        return next((item for item in self.items if item.key == key), None)


def initial_status(
    requirements: InitialRequirements,
    *,
    training: Iterable[TrainingInput],
    experience: Hours,
    supervision: Hours,
    ethics_affirmed: bool,
    domain_labels: dict[str, str],
) -> InitialStatus:
    """Where a peer stands against `requirements`, in the order a peer meets them."""
    training = tuple(training)
    for record in training:
        if record.minutes < 0 or any(minutes < 0 for _, minutes in record.domain_minutes):
            raise ValueError(f"A training record has negative minutes: {record!r}.")
    if requirements.training_delivery == "live":
        training = tuple(record for record in training if record.delivery == "live")
    items: list[InitialItem] = []
    if requirements.training_minutes and requirements.training_from:
        label = WordedLabel(
            TRAINING_FROM, minutes=requirements.training_minutes, name=requirements.training_from
        )
        items.append(_outside("training", label))
    elif requirements.training_minutes:
        earned = _sum(training, lambda record: record.minutes)
        items.append(
            _hours("training", N_("Training hours"), requirements.training_minutes, earned)
        )
    for domain, required in requirements.training_by_domain:
        earned = _sum(training, lambda record, d=domain: dict(record.domain_minutes).get(d, 0))
        label = WordedLabel(DOMAIN_TRAINING, name=domain_labels.get(domain, domain))
        items.append(_hours(f"training-{domain}", label, required, earned, domain))
    if requirements.experience_minutes:
        items.append(
            _hours("experience", N_("Practice hours"), requirements.experience_minutes, experience)
        )
    if requirements.supervision_minutes:
        items.append(
            _hours(
                "supervision",
                N_("Supervision hours"),
                requirements.supervision_minutes,
                supervision,
            )
        )
    if requirements.code_of_ethics:
        done = int(ethics_affirmed)
        items.append(
            InitialItem(
                "ethics", N_("Code of ethics affirmed"), STEP, 1, done, 0, 1 - done, bool(done)
            )
        )
    if requirements.recovery_years:
        items.append(_outside("recovery", WordedLabel(RECOVERY, count=requirements.recovery_years)))
    for number, step in enumerate(requirements.other_steps, 1):
        items.append(_outside(f"step-{number}", step))
    if requirements.exam:
        items.append(_outside("exam", requirements.exam))
    return InitialStatus(tuple(items))


def _outside(key: str, label: str) -> InitialItem:
    """A step done with the board or elsewhere, which Peerpath does not record."""
    return InitialItem(key, label, OUTSIDE, 1, 0, 0, 1, False)


def _sum(training: tuple[TrainingInput, ...], minutes_of) -> Hours:
    verified = sum(minutes_of(r) for r in training if r.status == VERIFIED)
    pending = sum(minutes_of(r) for r in training if r.status == PENDING)
    return Hours(verified, pending)


def _hours(key: str, label: str, required: int, hours: Hours, domain: str = "") -> InitialItem:
    return InitialItem(
        key=key,
        label=label,
        kind=HOURS,
        required=required,
        verified=hours.verified,
        pending=hours.pending,
        missing=max(0, required - hours.verified),
        satisfied=hours.verified >= required,
        domain=domain,
    )
