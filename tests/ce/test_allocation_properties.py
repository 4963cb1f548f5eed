"""No double counting, on random rule sets and records: a record's minutes count once across
the minimums (unless the rule set lets topics overlap), as little as possible is missing, and
more CE never leaves more missing."""

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from lms.ce.data import Cap, Cycle, Requirement, RuleSet
from tests.ce.builders import TOPICS, records_near, run

FAST = settings(max_examples=200, deadline=None)
CONNECT = "cares-academy-connect"
quarter_hours = st.integers(1, 40).map(lambda n: 15 * n)


@st.composite
def requirements(draw, number: int, months: int) -> Requirement:
    topics = draw(st.lists(st.sampled_from(TOPICS), max_size=3, unique=True).map(tuple))
    providers = () if topics and draw(st.booleans()) else (CONNECT,)
    window = draw(st.sampled_from([None, None, months // 12 + 1, 6]))
    return Requirement(f"r{number}", f"R{number}", topics, draw(quarter_hours), window, providers)


@st.composite
def rule_sets(draw, capped=None, overlap=None) -> RuleSet:
    months = draw(st.sampled_from([12, 24]))
    count = draw(st.integers(1, 4))
    parts = tuple(draw(requirements(n, months)) for n in range(count))
    has_cap = draw(st.booleans()) if capped is None else capped
    caps = (Cap("online", "Online", ("self-paced", "webinar"), draw(quarter_hours)),)
    return RuleSet(
        key="random",
        name="Random",
        issuing_body="Board",
        sources=(),
        note="",
        cycle=Cycle("anniversary", months),
        requirements=(Requirement("total", "Total", (), draw(quarter_hours)), *parts),
        caps=caps if has_cap else (),
        topics_may_overlap=draw(st.booleans()) if overlap is None else overlap,
    )


@st.composite
def cases(draw, **kinds):
    """(rule set, certified on, expires on, today, records)"""
    rule_set = draw(rule_sets(**kinds))
    certified = draw(st.dates(date(2010, 1, 1), date(2030, 12, 31)))
    today = certified + timedelta(days=draw(st.integers(0, 4000)))
    records = draw(st.lists(records_near(today), max_size=10))
    return rule_set, certified, certified, today, records


def minutes_given(result, requirements):
    """For each record (by identity), the minutes it gives to `requirements`."""
    given_by: dict[int, int] = defaultdict(int)
    for requirement in requirements:
        for part in requirement.assigned:
            given_by[id(part.record)] += part.minutes
    return given_by


@FAST
@given(cases(overlap=False))
def test_a_record_never_gives_the_minimums_more_minutes_than_it_has(case):
    result = run(*case)
    records = {id(r): r for r in case[4]}
    for key, minutes in minutes_given(result, result.requirements[1:]).items():
        assert records[key].status == "verified" and 0 < minutes <= records[key].minutes
    for key, minutes in minutes_given(result, result.requirements[:1]).items():
        assert minutes <= records[key].minutes


@FAST
@given(cases(), st.data())
def test_adding_a_verified_record_never_leaves_more_missing(case, data):
    rule_set, certified, expires, today, records = case
    before = run(*case)
    extra = data.draw(records_near(today, ("verified",)))
    after = run(rule_set, certified, expires, today, [*records, extra])
    for old, new in zip(before.requirements, after.requirements, strict=True):
        assert new.missing <= old.missing
    assert sum(r.missing for r in after.requirements) <= sum(r.missing for r in before.requirements)


@FAST
@given(cases(overlap=True))
def test_when_topics_may_overlap_each_requirement_counts_as_if_it_were_alone(case):
    rule_set, certified, expires, today, records = case
    result = run(*case)
    for index, requirement in enumerate(result.requirements[1:], start=1):
        alone = replace(rule_set, requirements=(rule_set.total, rule_set.requirements[index]))
        assert run(alone, certified, expires, today, records).requirements[1] == requirement


@FAST
@given(cases())
def test_sharing_never_counts_more_than_overlap_would(case):
    rule_set, certified, expires, today, records = case
    shared = run(replace(rule_set, topics_may_overlap=False), certified, expires, today, records)
    overlap = run(replace(rule_set, topics_may_overlap=True), certified, expires, today, records)
    assert shared.total == overlap.total
    for one, other in zip(shared.requirements, overlap.requirements, strict=True):
        assert one.verified <= other.verified


@FAST
@given(cases(capped=False, overlap=False))
def test_what_is_missing_is_the_least_any_sharing_could_leave(case):
    """Without caps, the minutes the minimums can get together are, by the max-flow min-cut
    theorem, the least over groups G of them of: what the others require, plus the minutes of
    the records some requirement in G accepts. The engine reaches that bound."""
    rule_set, certified, expires, today, records = case
    result = run(*case)
    minimums = result.requirements[1:]
    verified = [r for r in records if r.status == "verified"]

    def accepts(requirement, record):
        return (
            requirement.window_start <= record.earned_on <= requirement.window_end
            and (not requirement.topics or set(requirement.topics) & set(record.topics))
            and (not requirement.providers or record.provider in requirement.providers)
        )

    def cut(group):
        others = sum(r.required for r in minimums if r not in group)
        reached = [rec for rec in verified if any(accepts(r, rec) for r in group)]
        return others + sum(rec.minutes for rec in reached)

    bound = min(cut(group) for n in range(len(minimums) + 1) for group in combinations(minimums, n))
    assert sum(min(r.verified, r.required) for r in minimums) == bound
