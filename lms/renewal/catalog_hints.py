"""What a course counts toward for the signed-in peer, shown on the catalog: "Counts toward
your Washington Certified Peer Support Specialist: Suicide prevention (every 6 years)".

Only a requirement whose topics the course is tagged with is named (never the total alone), so
the catalog never promises hours a rule set would not count. The renewal area owns rule sets, so
it gives the catalog this one template function rather than the catalog reaching up for them.
"""

from flask import g
from flask_login import current_user

from lms.ce.coverage import matching_requirements
from lms.extensions import db
from lms.i18n import _
from lms.models import CourseVersion, UserCredential
from lms.renewal.blueprint import bp
from lms.renewal.rulesets import rule_label, rule_set_named


def tracked_rule_sets() -> list:
    """The rule sets of the credentials the signed-in peer holds, read once per request."""
    if "tracked_rule_sets" not in g:
        keys = db.session.execute(
            db.select(UserCredential.rule_set).where(
                UserCredential.user_id == current_user.id,
                UserCredential.ended_at.is_(None),
                UserCredential.rule_set.is_not(None),
            )
        ).scalars()
        found = (rule_set_named(key) for key in dict.fromkeys(keys))
        g.tracked_rule_sets = [rule_set for rule_set in found if rule_set is not None]
    return g.tracked_rule_sets


@bp.app_template_global()
def counts_toward(version: CourseVersion) -> list[str]:
    """One sentence per credential of the signed-in peer that a topic of `version` counts
    toward; none for visitors or peers tracking nothing."""
    if not current_user.is_authenticated:
        return []
    sentences = []
    for rule_set in tracked_rule_sets():
        labels = matching_requirements(rule_set, version.topics)
        if labels:
            sentences.append(
                _(
                    "Counts toward your %(credential)s: %(requirements)s.",
                    credential=rule_set.name,
                    requirements=", ".join(rule_label(label) for label in labels),
                )
            )
    return sentences
