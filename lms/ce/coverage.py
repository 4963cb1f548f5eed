"""What a set of courses covers of each credential's requirements: hours by IC&RC domain, by
SAMHSA competency and by CE topic, and, per credential, what a peer who took every course would
still miss at renewal and toward a first certificate.

The answer comes from the same engines that judge a peer (`lms.ce.engine.renewal_status` and
`lms.ce.initial.initial_status`), fed one verified self-paced record per course, so the coverage
report can never count an hour the renewal page would refuse: a record's minutes count once
across topic minimums, approved-only credentials count only approved courses, and a credential
whose initial training must be live counts no self-paced course.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lms.ce.cycles import add_months
from lms.ce.data import RuleSet
from lms.ce.engine import VERIFIED, RecordInput, RequirementStatus, renewal_status
from lms.ce.initial import HOURS, Hours, InitialItem, TrainingInput, initial_status

SELF_PACED = "self-paced"


@dataclass(frozen=True)
class Offer:
    """One course on offer, as coverage reads it. `approved_for`: the credential keys a board
    approval in force covers it for ("*": every credential)."""

    slug: str
    title: str
    minutes: int
    topics: tuple[str, ...]
    competencies: tuple[int, ...] = ()
    domain_minutes: tuple[tuple[str, int], ...] = ()
    approved_for: tuple[str, ...] = ("*",)


@dataclass(frozen=True)
class CredentialCoverage:
    """One credential against every course: the renewal requirements (met and missing, with
    the courses that fill each) and the initial items measured in hours."""

    rule_set: RuleSet
    renewal: tuple[RequirementStatus, ...]
    initial: tuple[InitialItem, ...]
    courses_by_requirement: dict[str, tuple[str, ...]]


def minutes_by(offers: Iterable[Offer], keys_of) -> dict:
    """Minutes per key across offers, where `keys_of(offer)` gives (key, minutes) pairs."""
    totals: dict = {}
    for offer in offers:
        for key, minutes in keys_of(offer):
            totals[key] = totals.get(key, 0) + minutes
    return totals


def by_domain(offers: Iterable[Offer]) -> dict[str, int]:
    """Minutes per IC&RC domain, from each course's own allocation."""
    return minutes_by(offers, lambda offer: offer.domain_minutes)


def by_competency(offers: Iterable[Offer]) -> dict[int, int]:
    """Minutes of courses tagged with each SAMHSA competency (a course counts in full toward
    every competency it names: competencies describe, they are not a budget)."""
    return minutes_by(offers, lambda offer: ((c, offer.minutes) for c in offer.competencies))


def by_topic(offers: Iterable[Offer]) -> dict[str, int]:
    """Minutes of courses tagged with each CE topic (in full toward each tag)."""
    return minutes_by(offers, lambda offer: ((t, offer.minutes) for t in offer.topics))


def credential_coverage(
    rule_set: RuleSet, offers: Iterable[Offer], today: date, domain_labels: dict[str, str]
) -> CredentialCoverage:
    """What taking every course would give toward `rule_set`, judged by the engines that judge
    a peer: one full cycle beginning `today`, with every course completed on its first day."""
    offers = tuple(offers)
    records = [
        RecordInput(
            earned_on=today,
            minutes=offer.minutes,
            topics=offer.topics,
            status=VERIFIED,
            delivery=SELF_PACED,
            approved_for=offer.approved_for,
            title=offer.title,
        )
        for offer in offers
    ]
    # A full cycle beginning today: certified one cycle ago (so no first, shorter period with
    # nothing due applies), with an expiry a cycle ahead for birthday and fixed-expiry rules.
    months = rule_set.cycle.months
    status = renewal_status(
        rule_set,
        certified_on=add_months(today, -months),
        expires_on=add_months(today, months),
        records=records,
        today=today,
    )
    fills = {
        requirement.key: tuple(sorted({part.record.title for part in requirement.assigned}))
        for requirement in status.requirements
    }
    initial = _initial(rule_set, offers, domain_labels)
    return CredentialCoverage(rule_set, status.requirements, initial, fills)


def _initial(
    rule_set: RuleSet, offers: tuple[Offer, ...], domain_labels: dict[str, str]
) -> tuple[InitialItem, ...]:
    """The initial items measured in hours, with every course as verified training (none when
    the credential's initial training must be live and the courses are self-paced)."""
    if rule_set.initial is None:
        return ()
    live_only = getattr(rule_set.initial, "training_delivery", "") == "live"
    training = () if live_only else tuple(
        TrainingInput(offer.minutes, offer.domain_minutes, VERIFIED) for offer in offers
    )  # fmt: skip
    status = initial_status(
        rule_set.initial,
        training=training,
        experience=Hours(),
        supervision=Hours(),
        ethics_affirmed=False,
        domain_labels=domain_labels,
    )
    return tuple(
        item for item in status.items if item.kind == HOURS and item.key.startswith("train")
    )


def matching_requirements(rule_set: RuleSet, topics: Iterable[str]) -> tuple[str, ...]:
    """Labels of the topic requirements (not the total) a course with `topics` counts toward:
    the catalog says "counts toward your Washington suicide prevention hours" only here."""
    topics = set(topics)
    return tuple(
        requirement.label
        for requirement in rule_set.requirements[1:]
        if requirement.topics and topics & set(requirement.topics)
    )
