"""SQLAlchemy 2 typed models. Records that matter (course versions, audit events, and later CE
records and certificates) are append-only: changes are new rows that point at what they replace.
"""

from datetime import UTC, date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.codes import grouped
from lms.extensions import db
from lms.folding import fold

ROLES = ("trainee", "trainer", "supervisor", "admin")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    legal_name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="America/New_York")
    # The interface language the person chose ("en", "es"); None follows their browser.
    locale: Mapped[str | None] = mapped_column(String(8))
    # Rotated on password or email change: every other signed-in session then ends.
    session_token: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The rule set (credential) a trainee is working toward for initial certification.
    working_toward: Mapped[str | None] = mapped_column(String(100))
    # Names and email folded by lms.folding (no case, no accents), rewritten on every write,
    # so people search finds "María" for "maria" on SQLite and PostgreSQL alike.
    search_text: Mapped[str] = mapped_column(String(600), default="")

    role_rows: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    credentials: Mapped[list["UserCredential"]] = relationship(
        back_populates="user",
        order_by="UserCredential.id",
        primaryjoin="and_(User.id == UserCredential.user_id, UserCredential.ended_at.is_(None))",
        viewonly=True,
    )

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def roles(self) -> set[str]:
        """Every account is a trainee; other roles are granted."""
        return {"trainee"} | {row.role for row in self.role_rows}

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.legal_name


def user_search_text(legal_name: str, preferred_name: str, email: str) -> str:
    """What people search matches: both names and the email, folded."""
    return fold(" ".join((legal_name or "", preferred_name or "", email or "")))


@event.listens_for(User, "before_insert")
@event.listens_for(User, "before_update")
def _fill_search_text(_mapper, _connection, user: User) -> None:
    user.search_text = user_search_text(user.legal_name, user.preferred_name, user.email)


class UserRole(db.Model):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    user: Mapped[User] = relationship(back_populates="role_rows")


class UserCredential(db.Model):
    """A credential or licence a peer holds, with its number as printed on certificates."""

    __tablename__ = "user_credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(100), default="")
    rule_set: Mapped[str | None] = mapped_column(String(100))
    certified_on: Mapped[date | None]
    expires_on: Mapped[date | None]
    # Set when the peer no longer holds it; kept so reminders and history stay intact.
    ended_at: Mapped[datetime | None]
    user: Mapped[User] = relationship(back_populates="credentials")


class PasswordResetToken(db.Model):
    """A single-use, time-limited reset link. Only the token's hash is stored."""

    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class SignupRequest(db.Model):
    """A sign-up waiting for the owner of its address to open the link mailed there. It is not
    an account: the account is made when the link is used, if the address is still free, so the
    sign-up form answers the same whether or not an address has an account. Only the token's
    hash is stored, and the password only as its hash."""

    __tablename__ = "signup_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    legal_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class AuditEvent(db.Model):
    """Append-only record of who did what, written in the same transaction as the change."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject_type: Mapped[str] = mapped_column(String(32), default="")
    subject_id: Mapped[str] = mapped_column(String(64), default="")
    ip: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Course(db.Model):
    """A course slug; its content lives in immutable CourseVersion rows."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    source: Mapped[str] = mapped_column(String(10), default="disk")  # disk | browser
    # The trainer who created it in the browser; disk courses have none (admins manage them).
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    live_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("course_versions.id", use_alter=True, name="fk_courses_live_version")
    )
    retired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The live version's `language:` and `translation:` (the same course in the other language).
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")
    translation: Mapped[str | None] = mapped_column(String(80))

    live_version: Mapped["CourseVersion | None"] = relationship(
        foreign_keys=[live_version_id], post_update=True
    )
    versions: Mapped[list["CourseVersion"]] = relationship(
        back_populates="course",
        foreign_keys="CourseVersion.course_id",
        order_by="CourseVersion.number",
    )


class CourseVersion(db.Model):
    """One published edition of a course, exactly as learners see it. Never updated."""

    __tablename__ = "course_versions"
    __table_args__ = (
        UniqueConstraint("course_id", "number"),
        UniqueConstraint("course_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    number: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    version_label: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    ce_minutes: Mapped[int]
    topics: Mapped[list[str]] = mapped_column(JSON)
    competencies: Mapped[list[int]] = mapped_column(JSON)
    icrc_domains: Mapped[list[str]] = mapped_column(JSON)
    # How the CE minutes count toward IC&RC domains ({} when the course does not say).
    domain_minutes: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    settings: Mapped[list[str]] = mapped_column(JSON)
    audience: Mapped[str] = mapped_column(Text, default="")
    evaluation: Mapped[bool] = mapped_column(default=True)
    objectives: Mapped[list[str]] = mapped_column(JSON)
    references: Mapped[list[str]] = mapped_column(JSON)
    intro_html: Mapped[str] = mapped_column(Text)
    quiz: Mapped[dict[str, Any]] = mapped_column(JSON)
    words: Mapped[int]
    estimated_minutes: Mapped[int]
    # An administrator's basis for a claim above the estimate ("" when none was needed).
    claim_basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    lesson_count: Mapped[int]
    question_count: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    course: Mapped[Course] = relationship(back_populates="versions", foreign_keys=[course_id])
    lessons: Mapped[list["Lesson"]] = relationship(
        back_populates="version", order_by="Lesson.position"
    )


class Lesson(db.Model):
    __tablename__ = "lessons"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    html: Mapped[str] = mapped_column(Text)  # rendered and sanitised once, at load
    words: Mapped[int]
    version: Mapped[CourseVersion] = relationship(back_populates="lessons")


class CourseMedia(db.Model):
    """An image or attachment shipped inside a course package."""

    __tablename__ = "course_media"
    __table_args__ = (UniqueConstraint("version_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"), index=True)
    path: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))


class Enrollment(db.Model):
    """A learner on one course. They stay on the version they started, whatever is published."""

    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]
    # Time on task (lms/learning/ontask.py): one clock per enrollment, so tabs merge.
    seconds_on_task: Mapped[int] = mapped_column(default=0)
    counted_until: Mapped[datetime | None]  # the moment the clock last counted up to

    user: Mapped[User] = relationship()
    course: Mapped[Course] = relationship()
    version: Mapped[CourseVersion] = relationship()


class LessonProgress(db.Model):
    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("enrollment_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"), index=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"))
    first_read_at: Mapped[datetime] = mapped_column(default=utcnow)
    seconds_on_task: Mapped[int] = mapped_column(default=0)


class QuizAttempt(db.Model):
    """One attempt: the questions exactly as shown, the answers given, and the grade.

    Never deleted. Once submitted_at is set, answers and score never change.
    """

    __tablename__ = "quiz_attempts"
    __table_args__ = (UniqueConstraint("enrollment_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"), index=True)
    number: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    # [{"id": question id, "options": [option ids in the order shown]}, ...]
    shown: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # {question id: [option ids] | "typed text" | {pair id: right text}}
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime | None]
    score_percent: Mapped[int | None]  # whole percent, rounded down
    passed: Mapped[bool | None]
    # {question id: points earned, 0–1 as "n/d"} for review and item statistics
    results: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    enrollment: Mapped[Enrollment] = relationship()


class CourseEvaluation(db.Model):
    """The short evaluation CE providers must collect, one per enrollment."""

    __tablename__ = "course_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"), unique=True)
    ratings: Mapped[dict[str, int]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)


class CERecord(db.Model):
    """Continuing-education hours earned: from a completed course (internal, verified at once)
    or logged by the peer from elsewhere (external, pending until a supervisor decides).

    Hours are integer minutes of 60-minute contact hours. Records are never deleted.
    """

    __tablename__ = "ce_records"
    __table_args__ = (
        UniqueConstraint("user_id", "ce_identity", name="uq_ce_records_user_id_ce_identity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    source: Mapped[str] = mapped_column(String(10))  # internal | external
    # An enrollment earns at most one record: the unique constraint makes that a fact.
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"), unique=True)
    course_version_id: Mapped[int | None] = mapped_column(ForeignKey("course_versions.id"))
    title: Mapped[str] = mapped_column(String(300))
    provider: Mapped[str] = mapped_column(String(300), default="")
    minutes: Mapped[int]
    topics: Mapped[list[str]] = mapped_column(JSON)
    delivery: Mapped[str] = mapped_column(String(40))  # e.g. self-paced online
    earned_on: Mapped[date]  # the learner's local date at completion
    # pending | verified | rejected | withdrawn (a peer's own pending record they took back)
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    approval_number: Mapped[str] = mapped_column(String(100), default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    # A provider a rule counts on (e.g. cares-academy-connect), confirmed by the verifier.
    provider_tag: Mapped[str] = mapped_column(String(100), default="")
    # Bumped by every change (SQLAlchemy's version counter): a decision names the version the
    # supervisor saw, and a record changed since is refused (lms.verification).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # For a completed course: the learner's time on task when it completed (None: outside CE).
    time_on_task_seconds: Mapped[int | None]
    # For a completed course: its CE identity, the same for a course and its translation
    # (lms.learning.completion.ce_identity). Unique per learner: one CE record per course
    # whichever language it was taken in. None for outside CE.
    ce_identity: Mapped[str | None] = mapped_column(String(80))

    evidence: Mapped[list["Evidence"]] = relationship(order_by="Evidence.id")

    __mapper_args__ = {"version_id_col": version}

    @property
    def time_on_task_minutes(self) -> int | None:
        """Time on task in whole minutes, as supervisors and auditors read it (None: none kept)."""
        if self.time_on_task_seconds is None:
            return None
        return self.time_on_task_seconds // 60


class Certificate(db.Model):
    """An issued certificate: a snapshot of every printed field and the PDF exactly as issued.

    Never updated in place except to record revocation or its replacement; a correction is a
    new certificate that `replaces` the old one.
    """

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # 12 characters, no dashes
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    ce_record_id: Mapped[int] = mapped_column(ForeignKey("ce_records.id"), index=True)
    course_version_id: Mapped[int | None] = mapped_column(ForeignKey("course_versions.id"))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)  # everything printed on it
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), unique=True)

    user: Mapped[User] = relationship()
    replaces: Mapped["Certificate | None"] = relationship(remote_side=[id])

    @property
    def display_code(self) -> str:
        return grouped(self.code)


class ProviderSettings(db.Model):
    """The CE provider details printed on certificates. Each change is a new row; the newest
    row is in force, so the history of what certificates printed is never lost."""

    __tablename__ = "provider_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(300))
    approving_body: Mapped[str] = mapped_column(String(200), default="")
    approval_number: Mapped[str] = mapped_column(String(100), default="")
    approval_statement: Mapped[str] = mapped_column(Text, default="")
    signatory_name: Mapped[str] = mapped_column(String(200))
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
    paper: Mapped[str] = mapped_column(String(10), default="letter")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The share of a course's claimed CE time a learner must spend on it before it counts; None:
    # the MIN_TIME_ON_TASK_SHARE setting. An admin may raise it, never lower it.
    min_time_on_task_share: Mapped[float | None]
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProviderApproval(db.Model):
    """A board approval the provider holds: who approved it, its number, when it is in force
    (both ends inclusive; no end: open) and which credentials (rule-set keys) it covers (empty:
    every credential). Certificates print the approvals in force on their completion date."""

    __tablename__ = "provider_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    approving_body: Mapped[str] = mapped_column(String(200))
    approval_number: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    covers: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupervisorLink(db.Model):
    """A supervisor's oversight of one peer. Ending a link keeps it, with its end date."""

    __tablename__ = "supervisor_links"
    __table_args__ = (Index("ix_supervisor_links_pair", "supervisor_id", "peer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class Evidence(db.Model):
    """A file proving outside CE (a certificate of attendance). Stored under instance/ with a
    random name; served only to the peer, their supervisors and administrators."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    ce_record_id: Mapped[int] = mapped_column(ForeignKey("ce_records.id"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReminderSent(db.Model):
    """One renewal reminder, so each is sent once per credential, cycle and lead time."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("credential_id", "cycle_end", "days_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    credential_id: Mapped[int] = mapped_column(ForeignKey("user_credentials.id"), index=True)
    cycle_end: Mapped[date]
    days_before: Mapped[int]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class RuleSetChoice(db.Model):
    """Whether the organisation offers a credential rule set to its peers (all are offered
    until an administrator chooses)."""

    __tablename__ = "rule_set_choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    offered: Mapped[bool] = mapped_column(default=True)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class CourseDraft(db.Model):
    """A course being written in the browser: its package files as text, saved as the trainer
    types. Publishing turns a draft into a new immutable CourseVersion (the same code path as
    `courses sync`); the draft stays for the next edition."""

    __tablename__ = "course_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    files: Mapped[dict[str, str]] = mapped_column(JSON)  # package path -> text
    media: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # path -> base64
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClaimApproval(db.Model):
    """An administrator's approval of CE hours above a course's estimate, with its basis, for
    exactly one content (the package's content hash): changed content needs a new approval."""

    __tablename__ = "claim_approvals"
    __table_args__ = (Index("ix_claim_approvals_slug_content", "slug", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    content_hash: Mapped[str] = mapped_column(String(64))
    minutes: Mapped[int]
    basis: Mapped[str] = mapped_column(String(1000))
    approved_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupervisorInvite(db.Model):
    """A peer's invitation to a supervisor, by email, accepted through a single-use link."""

    __tablename__ = "supervisor_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class VersionFile(db.Model):
    """A file of a course version's package exactly as published (for diffs and export)."""

    __tablename__ = "version_files"
    __table_args__ = (UniqueConstraint("version_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"), index=True)
    path: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class EthicsAffirmation(db.Model):
    """A trainee's affirmation of one version of the organisation's code of ethics."""

    __tablename__ = "ethics_affirmations"
    __table_args__ = (UniqueConstraint("user_id", "code_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    code_version: Mapped[str] = mapped_column(String(40))
    code_sha256: Mapped[str] = mapped_column(String(64))
    typed_name: Mapped[str] = mapped_column(String(200))
    affirmed_at: Mapped[datetime] = mapped_column(default=utcnow)


class PracticeEntry(db.Model):
    """Supervised practice or a supervision session logged toward initial certification;
    pending until the trainee's supervisor verifies it (in the same queue as outside CE)."""

    __tablename__ = "practice_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # practice | supervision
    done_on: Mapped[date]
    minutes: Mapped[int]
    setting: Mapped[str] = mapped_column(String(40), default="")  # vocabulary settings key
    domain: Mapped[str] = mapped_column(String(40), default="")  # IC&RC domain key
    description: Mapped[str] = mapped_column(Text, default="")
    supervisor_name: Mapped[str] = mapped_column(String(200), default="")
    session_format: Mapped[str] = mapped_column(String(12), default="")  # individual | group
    status: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped by every change, as on CERecord: decisions name the version they saw.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class PracticeAttempt(db.Model):
    """One practice-exam attempt: questions as shown (with their IC&RC domain), answers, and
    the score per domain. Practice only: it earns no CE hours.

    Numbered per person, like quiz attempts, and for the same reason: two tabs starting an exam
    at once both claim the next number, and the unique constraint lets only one of them open it.
    """

    __tablename__ = "practice_attempts"
    __table_args__ = (
        UniqueConstraint("user_id", "number", name="uq_practice_attempts_user_id_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    number: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    time_limit_minutes: Mapped[int | None]
    shown: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime | None]
    score_percent: Mapped[int | None]
    by_domain: Mapped[dict[str, Any] | None] = mapped_column(JSON)
