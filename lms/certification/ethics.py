"""The organisation's code of ethics and each trainee's affirmation of it.

The code is one Markdown file with `version` and `title` in its front matter: the bundled
sample, or `instance/code_of_ethics.md` when the organisation has written its own. An
affirmation belongs to the exact text (its SHA-256), so any change to the text asks everyone
to affirm again, even if someone forgot to change the version.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml
from flask import current_app

from lms import audit
from lms.content import frontmatter
from lms.content.render import render_markdown
from lms.extensions import db
from lms.i18n import _
from lms.models import EthicsAffirmation, User

BUNDLED = Path(__file__).with_name("code_of_ethics.md")
INSTANCE_FILE = "code_of_ethics.md"


class EthicsError(ValueError):
    """An affirmation that cannot be recorded; the message says what to do."""


@dataclass(frozen=True)
class CodeOfEthics:
    version: str
    title: str
    sha256: str
    html: str


@dataclass(frozen=True)
class AffirmationStatus:
    """Where one person stands: the current version's affirmation, or the last earlier one."""

    version: str
    affirmed_at: datetime | None
    earlier_version: str | None = None
    earlier_affirmed_at: datetime | None = None


_rendered: dict[str, CodeOfEthics] = {}


def code_path() -> Path:
    """The organisation's own code when it has one, else the bundled sample."""
    own = Path(current_app.instance_path) / INSTANCE_FILE
    return own if own.is_file() else BUNDLED


def current_code() -> CodeOfEthics:
    """The code in force, rendered once per distinct text."""
    data = code_path().read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _rendered:
        _rendered[digest] = _parse(data.decode("utf-8"), digest)
    return _rendered[digest]


def _parse(text: str, digest: str) -> CodeOfEthics:
    raw, body, _line = frontmatter.split(text)
    try:
        meta = yaml.safe_load(raw or "") or {}
    except yaml.YAMLError:
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    return CodeOfEthics(
        version=str(meta.get("version") or digest[:12]),
        title=str(meta.get("title") or "Code of ethics"),
        sha256=digest,
        html=render_markdown(body),
    )


def normalise_name(name: str) -> str:
    """Case- and space-insensitive form of a name, for comparing what was typed."""
    return " ".join(name.casefold().split())


def affirm(user: User, typed_name: str) -> EthicsAffirmation:
    """Record that `user` affirms the current code. Raises EthicsError (nothing stored) when
    the typed name is not their legal name or this exact text is already affirmed."""
    code = current_code()
    typed = " ".join(typed_name.split())
    if not typed:
        raise EthicsError(_("Type your full legal name to affirm the code."))
    if normalise_name(typed) != normalise_name(user.legal_name):
        raise EthicsError(
            _(
                "The name you typed does not match the legal name on your account. Type it exactly "
                "as it appears on your profile; capital letters and extra spaces do not matter."
            )
        )
    if _affirmation_of(user.id, code.sha256) is not None:
        raise EthicsError(_("You have already affirmed this version of the code."))
    row = EthicsAffirmation(
        user_id=user.id, code_version=code.version, code_sha256=code.sha256, typed_name=typed
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        "ethics.affirmed",
        actor=user,
        subject=row,
        version=code.version,
        sha256=code.sha256,
        typed_name=typed,
    )
    return row


def _affirmation_of(user_id: int, digest: str) -> EthicsAffirmation | None:
    return db.session.execute(
        db.select(EthicsAffirmation).where(
            EthicsAffirmation.user_id == user_id, EthicsAffirmation.code_sha256 == digest
        )
    ).scalar_one_or_none()


def affirmation_status(user: User) -> tuple[str, datetime | None]:
    """(current version, when `user` affirmed it or None) for the readiness page."""
    status = affirmation_statuses([user.id])[user.id]
    return status.version, status.affirmed_at


def affirmation_statuses(user_ids: list[int]) -> dict[int, AffirmationStatus]:
    """Each person's status against the current code, in one query (for supervisors' pages)."""
    code = current_code()
    found = {user_id: AffirmationStatus(code.version, None) for user_id in user_ids}
    if not user_ids:
        return found
    rows = db.session.execute(
        db.select(EthicsAffirmation)
        .where(EthicsAffirmation.user_id.in_(user_ids))
        .order_by(EthicsAffirmation.affirmed_at, EthicsAffirmation.id)
    ).scalars()
    for row in rows:  # oldest first, so the last earlier affirmation wins
        status = found[row.user_id]
        if row.code_sha256 == code.sha256:
            found[row.user_id] = AffirmationStatus(
                code.version, row.affirmed_at, status.earlier_version, status.earlier_affirmed_at
            )
        else:
            found[row.user_id] = AffirmationStatus(
                code.version, status.affirmed_at, row.code_version, row.affirmed_at
            )
    return found
