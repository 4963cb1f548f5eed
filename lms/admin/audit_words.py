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
from lms.hours import hours_phrase, parse_hours
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
        return self.people.get(user_id, "a removed account")

    def about(self, event: AuditEvent) -> str:
        """The person the event is about: the account itself, or the owner of the record."""
        if event.subject_type == "user" and event.subject_id.isdigit():
            return self.person(int(event.subject_id))
        owner = self.owners.get((event.subject_type, event.subject_id))
        return self.person(owner) if owner is not None else "someone"

    def course(self, event: AuditEvent) -> str:
        return self.courses.get(event.subject_id, "a course")


def _hours(detail: dict[str, Any]) -> str:
    """Hours from a record's frozen values (minutes) or a written figure ("1.5")."""
    values = detail.get("after") or detail.get("before") or {}
    if "minutes" in values:
        return hours_phrase(int(values["minutes"]))
    if "minutes" in detail:
        return hours_phrase(int(detail["minutes"]))
    if "ce_hours" in detail:
        return hours_phrase(parse_hours(str(detail["ce_hours"])), "CE hour")
    return "hours"


def _reason(detail: dict[str, Any]) -> str:
    reason = detail.get("reason") or detail.get("note") or ""
    return f" (reason: {reason})" if reason else ""


def _hours_event(verb: str, what: str) -> Callable[[AuditEvent, Names], str]:
    """Sentences for a verifiable record: "<actor> <verb> <hours> of <what> for <owner>"."""

    def sentence(event: AuditEvent, names: Names) -> str:
        actor, owner = names.person(event.actor_id), names.about(event)
        whose = "" if actor == owner else f" for {owner}"
        return f"{actor} {verb} {_hours(event.detail)} of {what}{whose}{_reason(event.detail)}"

    return sentence


def _simple(template: str) -> Callable[[AuditEvent, Names], str]:
    """A sentence naming the actor, the person it is about and the course."""

    def sentence(event: AuditEvent, names: Names) -> str:
        detail = event.detail or {}
        return template.format(
            actor=names.person(event.actor_id),
            about=names.about(event),
            course=names.course(event),
            role=detail.get("role", "a role"),
            email=detail.get("email", "an address"),
            name=detail.get("name", "a credential"),
            reason=_reason(detail),
        )

    return sentence


_SENTENCES: dict[str, Callable[[AuditEvent, Names], str]] = {
    "account.created": _simple("{about} created an account"),
    "account.deactivated": _simple("{actor} deactivated the account of {about}"),
    "account.reactivated": _simple("{actor} reactivated the account of {about}"),
    "account.exported": _simple("{actor} downloaded everything held about {about}"),
    "signup.requested": _simple("Someone asked to sign up as {email}"),
    "signup.address_taken": _simple("Someone tried to sign up again with the address of {about}"),
    "signin.succeeded": _simple("{about} signed in"),
    "signin.failed": _simple("A sign-in as {email} failed (wrong password)"),
    "signin.throttled": _simple("Sign-in for {about} was paused after too many failed tries"),
    "role.granted": _simple("{actor} made {about} a {role}"),
    "role.revoked": _simple("{actor} removed the {role} role from {about}"),
    "password.changed": _simple("{about} changed their password"),
    "password.reset_requested": _simple("{about} asked for a password reset link"),
    "password.reset_unknown": _simple("Someone asked to reset the password of {email}"),
    "password.reset": _simple("{about} set a new password from a reset link"),
    "email.changed": _simple("{about} changed their email address"),
    "credential.ended": _simple("{actor} said they no longer hold {name}"),
    "provider.settings_changed": _simple("{actor} changed the provider settings"),
    "provider.approval_added": _simple("{actor} added a board approval for the provider"),
    "credentials.offered_changed": _simple("{actor} changed which credentials Peerpath offers"),
    "supervision.linked": _simple("{actor} linked {about} to a supervisor"),
    "supervision.ended": _simple("{actor} ended a supervision of {about}"),
    "supervision.invited": _simple("{actor} invited a supervisor by email"),
    "supervision.invite_accepted": _simple("{actor} accepted an invitation to supervise"),
    "certification.working_toward": _simple("{about} chose the credential they work toward"),
    "ethics.affirmed": _simple("{about} affirmed the code of ethics"),
    "practice_exam.started": _simple("{about} started a practice exam"),
    "practice_exam.submitted": _simple("{about} finished a practice exam"),
    "certificate.issued": _simple("{about} received a certificate"),
    "certificate.revoked": _simple("{actor} revoked a certificate of {about}{reason}"),
    "certificate.reissued": _simple("{actor} reissued a certificate of {about}{reason}"),
    "course.completed": _simple("{about} completed a course"),
    "course.version_created": _simple("{actor} added a new version of {course}"),
    "course.published": _simple("{actor} published {course}"),
    "course.retired": _simple("{course} was retired"),
    "course.claim_approved": _simple("{actor} approved the CE hours a course claims"),
    "draft.created": _simple("{actor} started a course draft"),
    "draft.saved": _simple("{actor} saved a course draft"),
    "draft.lesson_added": _simple("{actor} added a lesson to a course draft"),
    "draft.lesson_renamed": _simple("{actor} renamed a lesson in a course draft"),
    "draft.lesson_removed": _simple("{actor} removed a lesson from a course draft"),
    "draft.questions_imported": _simple("{actor} imported questions into a course draft"),
    "draft.media_uploaded": _simple("{actor} uploaded an image into a course draft"),
}
for _prefix, _what in (("ce", "outside CE"), ("practice", "supervised practice")):
    for _verb, _words in (
        ("logged", "logged"),
        ("edited", "changed"),
        ("withdrawn", "withdrew"),
        ("resubmitted", "corrected and sent again"),
        ("verified", "verified"),
        ("rejected", "rejected"),
        ("corrected", "corrected"),
    ):
        _SENTENCES[f"{_prefix}.{_verb}"] = _hours_event(_words, _what)


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
