"""The credential rule sets this site knows (bundled plus instance/credentials/), which of
them the organisation offers, and their labels as a reader sees them."""

from babel.lists import format_list
from flask import current_app

from lms.ce.data import Cycle
from lms.ce.initial import DOMAIN_TRAINING, TRAINING_FROM, WordedLabel
from lms.ce.rules import RuleSet, load_rule_sets, site_rule_dirs
from lms.ce.versions import CAP, CHANGED, DROPPED, NEW, Change
from lms.extensions import db
from lms.i18n import _, current_locale, gettext, local_hours_phrase, ngettext
from lms.models import RuleSetChoice
from lms.renewal.blueprint import bp


def all_rule_sets() -> dict[str, RuleSet]:
    """Every rule set the site knows, loaded once; raises RuleFileError for a broken file."""
    cache = current_app.extensions.setdefault("lms.rule_sets", {})
    if "all" not in cache:
        cache["all"] = load_rule_sets(site_rule_dirs(current_app))
    return cache["all"]


@bp.app_template_filter()
def rule_label(label: str) -> str:
    """A requirement or cap label of a credential rule in the language of the text being made
    (the page, or the email or PDF inside `for_person`). The bundled files' labels are in the
    catalog (`make i18n-extract` reads them through `lms.i18n_lint.extract_rule_labels`), and
    so are the fixed ones the rule code names (marked `N_`: "Total hours", "Practice hours");
    a site's own files under instance/credentials/ print as written. Rule sets, the engine and
    records keep the English label and the keys: translate only where text is printed.
    Labels the initial-requirements code words from values (`WordedLabel`) are worded again
    here from those values."""
    if isinstance(label, WordedLabel):
        return _worded(label)
    return gettext(label)


def _worded(label: WordedLabel) -> str:
    if label.kind == TRAINING_FROM:
        hours = local_hours_phrase(label.minutes)
        return _("%(hours)s of training from %(program)s", hours=hours, program=label.name)
    if label.kind == DOMAIN_TRAINING:
        return _("Training: %(domain)s", domain=label.name)
    return ngettext(
        "At least %(num)d year of recovery", "At least %(num)d years of recovery", label.count
    )


@bp.app_template_filter()
def change_phrase(change: Change) -> str:
    """One change of a credential's rules from the next cycle on, in the reader's language
    (`lms.ce.versions.describe_change`): "Ética: de 6 horas pasa a 8 horas"."""
    label, hours = rule_label(change.label), local_hours_phrase(change.minutes)
    if change.kind == NEW:
        return _("new: %(requirement)s, %(hours)s", requirement=label, hours=hours)
    if change.kind == CHANGED:
        before = local_hours_phrase(change.was)
        return _(
            "%(requirement)s: %(before)s becomes %(after)s",
            requirement=label,
            before=before,
            after=hours,
        )
    if change.kind == DROPPED:
        return _("no longer asked: %(requirement)s", requirement=label)
    if change.kind == CAP:
        return _("at most %(hours)s may be %(delivery)s", hours=hours, delivery=label.lower())
    return _("the board's note changes; read it below")


@bp.app_template_filter()
def rule_summary(rule_set: RuleSet) -> str:
    """One line an administrator reads when choosing what to offer, in their language: who
    issues it and what renewal asks, e.g. "Georgia Council for Recovery: 12 CE hours each
    calendar year, including 6 hours via a CARES Academy Connect"."""
    total = local_hours_phrase(rule_set.total.minutes, "CE hour")
    cycle = _cycle_phrase(rule_set.cycle)
    inner = [
        _("%(hours)s %(requirement)s", hours=local_hours_phrase(r.minutes), requirement=label)
        for r in rule_set.requirements[1:3]
        for label in [_in_sentence(rule_label(r.label))]
    ]
    if not inner:
        return _(
            "%(issuer)s: %(total)s %(cycle)s",
            issuer=rule_set.issuing_body,
            total=total,
            cycle=cycle,
        )
    return _(
        "%(issuer)s: %(total)s %(cycle)s, including %(parts)s",
        issuer=rule_set.issuing_body,
        total=total,
        cycle=cycle,
        parts=format_list(inner, locale=current_locale()),
    )


def _in_sentence(label: str) -> str:
    """A label inside a sentence: "Ethics" → "ethics", "A través de…" → "a través de…", but
    "IC&RC ethics" stays (its first word has capitals after the first letter)."""
    first = label.split(" ", 1)[0]
    return label[:1].lower() + label[1:] if first[1:] == first[1:].lower() else label


def _cycle_phrase(cycle: Cycle) -> str:
    if cycle.months % 12 == 0:
        span = ngettext("%(num)d year", "%(num)d years", cycle.months // 12)
    else:
        span = ngettext("%(num)d month", "%(num)d months", cycle.months)
    yearly = cycle.months == 12
    if cycle.kind == "calendar_year":
        return (
            _("each calendar year") if yearly else _("every %(span)s (calendar years)", span=span)
        )
    if cycle.kind == "fixed_expiry":
        return _("in the %(span)s before the credential expires", span=span)
    if cycle.kind == "birthday":
        return _("every %(span)s, renewed on your birthday", span=span)
    return _("every year") if yearly else _("every %(span)s from certification", span=span)


def rule_set_named(key: str | None) -> RuleSet | None:
    return all_rule_sets().get(key) if key else None


def offered_rule_sets() -> list[RuleSet]:
    """Rule sets peers may choose, by name; every one until an administrator has chosen. An
    ended credential is never offered: peers who hold one still see it, marked retired."""
    choices = dict(db.session.execute(db.select(RuleSetChoice.key, RuleSetChoice.offered)).all())
    rules = [rule for rule in all_rule_sets().values() if not rule.ended]
    return sorted((r for r in rules if choices.get(r.key, True)), key=lambda r: r.name)


def set_offered(keys: set[str], *, actor) -> None:
    """Record which rule sets are offered, with an audit event naming the change."""
    from lms import audit

    before = {r.key for r in offered_rule_sets()}
    rows = {row.key: row for row in db.session.execute(db.select(RuleSetChoice)).scalars()}
    for key in all_rule_sets():
        row = rows.get(key) or RuleSetChoice(key=key)
        row.offered = key in keys
        row.changed_by_id = actor.id
        db.session.add(row)
    audit.record(
        "credentials.offered_changed", actor=actor, before=sorted(before), after=sorted(keys)
    )
