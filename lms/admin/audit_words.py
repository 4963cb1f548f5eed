"""The audit log in sentences: one function per kind of event, used by the audit page (and any
file that lists events), so an administrator reads "Ana Ruiz verified 2 hours of outside CE
for Sam Lee" rather than an action code, an object id and a dictionary.

`describe(event, names)` returns the sentence without its date; the page adds the date through
the `|date` filter. `names` says who people are and what courses are called; `names_for`
loads them for a page of events in a fixed number of queries (one per kind of object).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from lms.extensions import db
from lms.hours import parse_hours
from lms.i18n import _, _l
from lms.i18n import local_hours_phrase as hours_phrase
from lms.models import (
    AuditEvent,
    CERecord,
    Certificate,
    CourseVersion,
    Enrollment,
    PracticeAttempt,
    PracticeEntry,
    SupervisorLink,
    User,
)

# Objects whose owner is the person an event is about: (model, column naming the owner).
_OWNED = {
    "cerecord": (CERecord, CERecord.user_id),
    "practiceentry": (PracticeEntry, PracticeEntry.user_id),
    "certificate": (Certificate, Certificate.user_id),
    "enrollment": (Enrollment, Enrollment.user_id),
    "practiceattempt": (PracticeAttempt, PracticeAttempt.user_id),
    "supervisorlink": (SupervisorLink, SupervisorLink.peer_id),
}


@dataclass
class Names:
    """What the sentences need to name: people by id, the owner of each object, course titles."""

    people: dict[int, str] = field(default_factory=dict)
    owners: dict[tuple[str, str], int] = field(default_factory=dict)
    courses: dict[str, str] = field(default_factory=dict)  # course id (as stored) -> title

    def person(self, user_id: int | None) -> str:
        if user_id is None:
            return "Peerpath"
        return self.people.get(user_id) or _("a removed account")

    def about(self, event: AuditEvent) -> str:
        """The person the event is about: the account itself, or the owner of the record."""
        if event.subject_type == "user" and event.subject_id.isdigit():
            return self.person(int(event.subject_id))
        owner = self.owners.get((event.subject_type, event.subject_id))
        return self.person(owner) if owner is not None else _("someone")

    def course(self, event: AuditEvent) -> str:
        return self.courses.get(event.subject_id) or _("a course")


def _hours(detail: dict[str, Any]) -> str:
    """Hours from a record's frozen values (minutes) or a written figure ("1.5")."""
    values = detail.get("after") or detail.get("before") or {}
    if "minutes" in values:
        return hours_phrase(int(values["minutes"]))
    if "minutes" in detail:
        return hours_phrase(int(detail["minutes"]))
    if "ce_hours" in detail:
        return hours_phrase(parse_hours(str(detail["ce_hours"])), "CE hour")
    return _("hours")


def _reason(detail: dict[str, Any]) -> str:
    reason = detail.get("reason") or detail.get("note") or ""
    return _(" (reason: %(reason)s)", reason=reason) if reason else ""


def _hours_event(template) -> Callable[[AuditEvent, Names], str]:
    """Sentences for a verifiable record: "<actor> <verb> <hours> of <what> for <owner>"."""

    def sentence(event: AuditEvent, names: Names) -> str:
        actor, owner = names.person(event.actor_id), names.about(event)
        whose = "" if actor == owner else _(" for %(owner)s", owner=owner)
        return str(template) % {
            "actor": actor,
            "hours": _hours(event.detail),
            "whose": whose,
            "reason": _reason(event.detail),
        }

    return sentence


def _simple(template: str) -> Callable[[AuditEvent, Names], str]:
    """A sentence naming the actor, the person it is about and the course."""

    def sentence(event: AuditEvent, names: Names) -> str:
        detail = event.detail or {}
        return str(template) % {
            "actor": names.person(event.actor_id),
            "about": names.about(event),
            "course": names.course(event),
            "role": detail.get("role") or _("a role"),
            "email": detail.get("email") or _("an address"),
            "name": detail.get("name") or _("a credential"),
            "reason": _reason(detail),
        }

    return sentence


_SENTENCES: dict[str, Callable[[AuditEvent, Names], str]] = {
    "account.created": _simple(_l("%(about)s created an account")),
    "account.deactivated": _simple(_l("%(actor)s deactivated the account of %(about)s")),
    "account.reactivated": _simple(_l("%(actor)s reactivated the account of %(about)s")),
    "account.exported": _simple(_l("%(actor)s downloaded everything held about %(about)s")),
    "signup.requested": _simple(_l("Someone asked to sign up as %(email)s")),
    "signup.address_taken": _simple(
        _l("Someone tried to sign up again with the address of %(about)s")
    ),
    "signin.succeeded": _simple(_l("%(about)s signed in")),
    "signin.failed": _simple(_l("A sign-in as %(email)s failed (wrong password)")),
    "signin.throttled": _simple(_l("Sign-in for %(about)s was paused after too many failed tries")),
    "role.granted": _simple(_l("%(actor)s made %(about)s a %(role)s")),
    "role.revoked": _simple(_l("%(actor)s removed the %(role)s role from %(about)s")),
    "password.changed": _simple(_l("%(about)s changed their password")),
    "password.reset_requested": _simple(_l("%(about)s asked for a password reset link")),
    "password.reset_unknown": _simple(_l("Someone asked to reset the password of %(email)s")),
    "password.reset": _simple(_l("%(about)s set a new password from a reset link")),
    "email.changed": _simple(_l("%(about)s changed their email address")),
    "credential.ended": _simple(_l("%(actor)s said they no longer hold %(name)s")),
    "provider.settings_changed": _simple(_l("%(actor)s changed the provider settings")),
    "provider.approval_added": _simple(_l("%(actor)s added a board approval for the provider")),
    "credentials.offered_changed": _simple(
        _l("%(actor)s changed which credentials Peerpath offers")
    ),
    "supervision.linked": _simple(_l("%(actor)s linked %(about)s to a supervisor")),
    "supervision.ended": _simple(_l("%(actor)s ended a supervision of %(about)s")),
    "supervision.invited": _simple(_l("%(actor)s invited a supervisor by email")),
    "supervision.invite_accepted": _simple(_l("%(actor)s accepted an invitation to supervise")),
    "certification.working_toward": _simple(_l("%(about)s chose the credential they work toward")),
    "ethics.affirmed": _simple(_l("%(about)s affirmed the code of ethics")),
    "practice_exam.started": _simple(_l("%(about)s started a practice exam")),
    "practice_exam.submitted": _simple(_l("%(about)s finished a practice exam")),
    "certificate.issued": _simple(_l("%(about)s received a certificate")),
    "certificate.revoked": _simple(_l("%(actor)s revoked a certificate of %(about)s%(reason)s")),
    "certificate.reissued": _simple(_l("%(actor)s reissued a certificate of %(about)s%(reason)s")),
    "course.completed": _simple(_l("%(about)s completed a course")),
    "course.version_created": _simple(_l("%(actor)s added a new version of %(course)s")),
    "course.published": _simple(_l("%(actor)s published %(course)s")),
    "course.retired": _simple(_l("%(course)s was retired")),
    "course.claim_approved": _simple(_l("%(actor)s approved the CE hours a course claims")),
    "draft.created": _simple(_l("%(actor)s started a course draft")),
    "draft.saved": _simple(_l("%(actor)s saved a course draft")),
    "draft.lesson_added": _simple(_l("%(actor)s added a lesson to a course draft")),
    "draft.lesson_renamed": _simple(_l("%(actor)s renamed a lesson in a course draft")),
    "draft.lesson_removed": _simple(_l("%(actor)s removed a lesson from a course draft")),
    "draft.questions_imported": _simple(_l("%(actor)s imported questions into a course draft")),
    "draft.media_uploaded": _simple(_l("%(actor)s uploaded an image into a course draft")),
}
# One whole sentence per kind of record and action, so a translation can order its words.
_SENTENCES.update(
    {
        "ce.logged": _hours_event(
            _l("%(actor)s logged %(hours)s of outside CE%(whose)s%(reason)s")
        ),
        "ce.edited": _hours_event(
            _l("%(actor)s changed %(hours)s of outside CE%(whose)s%(reason)s")
        ),
        "ce.withdrawn": _hours_event(
            _l("%(actor)s withdrew %(hours)s of outside CE%(whose)s%(reason)s")
        ),
        "ce.resubmitted": _hours_event(
            _l("%(actor)s corrected and sent again %(hours)s of outside CE%(whose)s%(reason)s")
        ),
        "ce.verified": _hours_event(
            _l("%(actor)s verified %(hours)s of outside CE%(whose)s%(reason)s")
        ),
        "ce.rejected": _hours_event(
            _l("%(actor)s rejected %(hours)s of outside CE%(whose)s%(reason)s")
        ),
        "ce.corrected": _hours_event(
            _l("%(actor)s corrected %(hours)s of outside CE%(whose)s%(reason)s")
        ),
        "practice.logged": _hours_event(
            _l("%(actor)s logged %(hours)s of supervised practice%(whose)s%(reason)s")
        ),
        "practice.edited": _hours_event(
            _l("%(actor)s changed %(hours)s of supervised practice%(whose)s%(reason)s")
        ),
        "practice.withdrawn": _hours_event(
            _l("%(actor)s withdrew %(hours)s of supervised practice%(whose)s%(reason)s")
        ),
        "practice.resubmitted": _hours_event(
            _l(
                "%(actor)s corrected and sent again %(hours)s of supervised practice"
                "%(whose)s%(reason)s"
            )
        ),
        "practice.verified": _hours_event(
            _l("%(actor)s verified %(hours)s of supervised practice%(whose)s%(reason)s")
        ),
        "practice.rejected": _hours_event(
            _l("%(actor)s rejected %(hours)s of supervised practice%(whose)s%(reason)s")
        ),
        "practice.corrected": _hours_event(
            _l("%(actor)s corrected %(hours)s of supervised practice%(whose)s%(reason)s")
        ),
    }
)


def describe(event: AuditEvent, names: Names) -> str:
    """The event as a sentence; an unknown kind still reads as words, never as a code."""
    sentence = _SENTENCES.get(event.action)
    if sentence is not None:
        return sentence(event, names)
    words = event.action.replace(".", ": ").replace("_", " ")
    return f"{names.person(event.actor_id)} — {words}"


def names_for(events: Iterable[AuditEvent]) -> Names:
    """Names for a page of events: one query for people, one per kind of object, one for
    course titles."""
    events = list(events)
    names = Names()
    wanted = {e.actor_id for e in events if e.actor_id is not None}
    wanted |= {int(e.subject_id) for e in events if e.subject_type == "user" and e.subject_id}
    for kind, (model, owner) in _OWNED.items():
        ids = {int(e.subject_id) for e in events if e.subject_type == kind and e.subject_id}
        if ids:
            for row_id, user_id in db.session.execute(
                db.select(model.id, owner).where(model.id.in_(ids))
            ):
                names.owners[(kind, str(row_id))] = user_id
                wanted.add(user_id)
    if wanted:
        names.people = dict(
            db.session.execute(db.select(User.id, User.legal_name).where(User.id.in_(wanted))).all()
        )
    course_ids = {int(e.subject_id) for e in events if e.subject_type == "course" and e.subject_id}
    if course_ids:
        rows = db.session.execute(
            db.select(CourseVersion.course_id, CourseVersion.title)
            .where(CourseVersion.course_id.in_(course_ids))
            .order_by(CourseVersion.number)
        )
        names.courses = {str(course_id): title for course_id, title in rows}  # newest wins
    return names
