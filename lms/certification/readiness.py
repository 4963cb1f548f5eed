"""The certification readiness picture: one page per trainee bringing together training by
domain, practice and supervision hours, the code of ethics, practice exam results, and the
next things to do."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from lms.ce.data import RuleSet
from lms.ce.engine import PENDING, VERIFIED
from lms.ce.initial import Hours, InitialStatus, TrainingInput, initial_status
from lms.certificates.queries import record_counts_clause
from lms.certification import ethics, exam, practice_log
from lms.content.live import live_versions
from lms.content.vocabulary import load_vocabulary
from lms.extensions import db
from lms.i18n import _, hours_count, local_hours, local_hours_phrase, ngettext
from lms.models import CERecord, CourseVersion, SupervisorLink, User
from lms.renewal.rulesets import offered_rule_sets

# The standard most bundled material is written against; chosen for a trainee who has not
# picked a credential yet, when it is offered.
DEFAULT_RULE_SET = "icrc-pr"
# A practice exam domain score below this is worth another look before the real exam.
REVIEW_BELOW_PERCENT = 70
# The page shows this many next steps; the rest wait behind "all steps".
FIRST_STEPS = 3


@dataclass(frozen=True)
class Step:
    """One thing to do next: what, why, and where (an endpoint and its arguments)."""

    text: str
    endpoint: str
    arguments: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Readiness:
    rule_set: RuleSet | None
    chosen: bool  # the trainee picked the rule set (rather than getting the default)
    status: InitialStatus | None
    supervision_month: practice_log.SupervisionMonth
    ethics: ethics.AffirmationStatus
    exam_results: dict[str, Any]
    has_supervisor: bool
    steps: tuple[Step, ...]

    @property
    def first_steps(self) -> tuple[Step, ...]:
        """The steps shown first: a peer acts on two or three things, not ten."""
        return self.steps[:FIRST_STEPS]

    @property
    def later_steps(self) -> tuple[Step, ...]:
        return self.steps[FIRST_STEPS:]


def initial_rule_sets() -> list[RuleSet]:
    """Offered rule sets that describe initial certification."""
    return [rule for rule in offered_rule_sets() if rule.initial is not None]


def target_rule_set(
    user: User, choices: list[RuleSet] | None = None
) -> tuple[RuleSet | None, bool]:
    """(the rule set `user` works toward, whether they chose it) among `choices` (default: the
    offered ones with initial requirements). Falls back to IC&RC PR, then the first choice."""
    offered = {rule.key: rule for rule in (initial_rule_sets() if choices is None else choices)}
    if user.working_toward in offered:
        return offered[user.working_toward], True
    if DEFAULT_RULE_SET in offered:
        return offered[DEFAULT_RULE_SET], False
    return next(iter(offered.values()), None), False


def training_inputs(user_id: int) -> list[TrainingInput]:
    """Every CE record as training, with its course's domain allocation, in one query. A
    record whose certificate was revoked is left out: it is training no longer."""
    rows = db.session.execute(
        db.select(
            CERecord.minutes, CERecord.status, CourseVersion.domain_minutes, CERecord.delivery
        )
        .outerjoin(CourseVersion, CourseVersion.id == CERecord.course_version_id)
        .where(CERecord.user_id == user_id, record_counts_clause())
    )
    return [
        TrainingInput(minutes, tuple(sorted((allocation or {}).items())), status, delivery)
        for minutes, status, allocation, delivery in rows
    ]


def readiness(user: User, today: date, choices: list[RuleSet] | None = None) -> Readiness:
    rule_set, chosen = target_rule_set(user, choices)
    totals = practice_log.practice_totals(user.id)
    affirmation = ethics.affirmation_statuses([user.id])[user.id]
    status = None
    if rule_set is not None:
        status = initial_status(
            rule_set.initial,
            training=training_inputs(user.id),
            experience=Hours(**totals["practice"]),
            supervision=Hours(**totals["supervision"]),
            ethics_affirmed=affirmation.affirmed_at is not None,
            domain_labels=load_vocabulary().icrc_domains,
        )
    month = practice_log.monthly_supervision(user.id, today, months=1)[0]
    results = exam.practice_results(user.id)
    has_supervisor = (
        db.session.execute(
            db.select(SupervisorLink.id).where(
                SupervisorLink.peer_id == user.id, SupervisorLink.ended_at.is_(None)
            )
        ).first()
        is not None
    )
    steps = next_steps(
        user, rule_set, chosen, status, affirmation, month, totals, results, has_supervisor
    )
    return Readiness(
        rule_set, chosen, status, month, affirmation, results, has_supervisor, tuple(steps)
    )


def next_steps(
    user: User,
    rule_set: RuleSet | None,
    chosen: bool,
    status: InitialStatus | None,
    affirmation: ethics.AffirmationStatus,
    month: practice_log.SupervisionMonth,
    totals: dict[str, Any],
    results: dict[str, Any],
    has_supervisor: bool,
) -> list[Step]:
    """What to do next, most useful first."""
    steps: list[Step] = []
    if rule_set is None:
        return [Step(_("Ask your administrator to offer the credential you are working toward."),
                      "main.dashboard")]  # fmt: skip
    if not chosen:
        steps.append(
            Step(
                _(
                    "Check the credential you are working toward (shown: %(credential)s).",
                    credential=rule_set.name,
                ),
                "certification.readiness_page",
                (("_anchor", "working-toward"),),
            )
        )
    if affirmation.affirmed_at is None:
        text = (
            _("Read the code of ethics and affirm it again: it has a new version.")
            if affirmation.earlier_version
            else _("Read the code of ethics and affirm it.")
        )
        steps.append(Step(text, "certification.ethics_page"))
    if not has_supervisor:
        steps.append(
            Step(
                _(
                    "Invite your supervisor, so they can verify your practice and "
                    "supervision hours."
                ),
                "supervision.supervisors",
            )
        )
    steps.extend(_training_steps(user, status))
    if month.below and status is not None and status.item("supervision") is not None:
        steps.append(
            Step(
                _(
                    "Document %(hours)s of supervision this month "
                    "(4 hours a month is the IC&RC Peer Recovery standard).",
                    hours=local_hours_phrase(month.short_by, "more hour"),
                ),
                "certification.log_entry",
                (("kind", "supervision"),),
            )
        )
    experience = status.item("experience") if status else None
    if experience is not None and experience.missing:
        steps.append(
            Step(
                ngettext(
                    "Log your practice hours: %(hours)s more verified hour needed.",
                    "Log your practice hours: %(hours)s more verified hours needed.",
                    hours_count(experience.missing),
                    hours=local_hours(experience.missing),
                ),
                "certification.log_entry",
                (("kind", "practice"),),
            )
        )
    waiting = totals["practice"]["pending"] + totals["supervision"]["pending"]
    if waiting and has_supervisor:
        steps.append(
            Step(
                ngettext(
                    "%(hours)s logged hour is waiting for your supervisor to verify it.",
                    "%(hours)s logged hours are waiting for your supervisor to verify them.",
                    hours_count(waiting),
                    hours=local_hours(waiting),
                ),
                "certification.practice_log_page",
            )
        )
    steps.extend(_exam_steps(results))
    if status is not None and status.satisfied and rule_set.initial.exam:
        steps.append(
            Step(
                _(
                    "Everything tracked here is done: apply to %(body)s and book the %(exam)s.",
                    body=rule_set.issuing_body,
                    exam=rule_set.initial.exam,
                ),
                "certification.readiness_page",
            )
        )
    return steps


def _training_steps(user: User, status: InitialStatus | None) -> list[Step]:
    """For each domain short of training: the live course that fills most of it."""
    if status is None:
        return []
    taken = set(
        db.session.execute(
            db.select(CourseVersion.course_id)
            .join(CERecord, CERecord.course_version_id == CourseVersion.id)
            .where(
                CERecord.user_id == user.id,
                CERecord.status.in_((VERIFIED, PENDING)),
                record_counts_clause(),
            )
        ).scalars()
    )
    courses = [(c, v) for c, v in live_versions() if c.id not in taken]
    steps = []
    for item in status.items:
        if not item.domain or not item.missing:
            continue
        best = max(
            courses, key=lambda cv, d=item.domain: cv[1].domain_minutes.get(d, 0), default=None
        )
        if best is not None and best[1].domain_minutes.get(item.domain, 0):
            course, version = best
            domain = item.label.removeprefix("Training: ")
            steps.append(
                Step(
                    _(
                        "Take %(course)s: it counts %(hours)s toward %(domain)s "
                        "(%(missing)s to go).",
                        course=version.title,
                        hours=local_hours_phrase(version.domain_minutes[item.domain]),
                        domain=domain,
                        missing=local_hours(item.missing),
                    ),
                    "learning.course_page",
                    (("slug", course.slug),),
                )
            )
        else:
            steps.append(
                Step(
                    _(
                        "Find %(hours)s of %(domain)s training from an approved provider, "
                        "then log it as outside training.",
                        hours=local_hours_phrase(item.missing, "more hour"),
                        domain=item.label.removeprefix("Training: "),
                    ),
                    "renewal.log_outside",
                )
            )
    total = status.item("training")
    if total is not None and total.missing and not steps:
        steps.append(
            Step(
                _(
                    "Earn %(hours)s of training.",
                    hours=local_hours_phrase(total.missing, "more hour"),
                ),
                "learning.catalog_page",
            )
        )
    return steps


def _exam_steps(results: dict[str, Any]) -> list[Step]:
    if not results["attempts"]:
        return [
            Step(_("Try a practice exam to see which domains to study."), "certification.exam_page")
        ]
    weak = [
        (d["latest"], d["label"])
        for d in results["domains"].values()
        if d["latest"] is not None and d["latest"] < REVIEW_BELOW_PERCENT
    ]
    if not weak:
        return []
    percent, label = min(weak)
    return [
        Step(
            _(
                "Review %(domain)s: %(percent)s%% on your last practice exam.",
                domain=label,
                percent=percent,
            ),
            "certification.exam_page",
        )
    ]
