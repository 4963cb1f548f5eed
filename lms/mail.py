"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise an .eml file in instance/outbox/.

A message the mail server refuses (or cannot be reached for) is kept in instance/mail-failed/
before the error goes on, so an administrator sees it on their overview (`failed_mail`).
"""

import email
import smtplib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

from lms.instance_files import write_private

FAILED_DIR = "mail-failed"


def send_mail(to: str, subject: str, body: str) -> EmailMessage:
    """Send a plain-text message; in development it lands in instance/outbox/ and the log."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = to
    # Subjects carry people's names; a line break there would start a new header.
    message["Subject"] = " ".join(subject.split())
    message.set_content(body)
    if config["MAIL_SERVER"]:
        try:
            _send_smtp(config, message)
        except (OSError, smtplib.SMTPException):
            _keep_failed(message)
            raise
        return message
    path = Path(current_app.instance_path) / "outbox" / f"{uuid.uuid4().hex}.eml"
    write_private(path, bytes(message))
    current_app.logger.info("Mail to %s written to %s", to, path)
    return message


def _send_smtp(config, message: EmailMessage) -> None:
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def _keep_failed(message: EmailMessage) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = Path(current_app.instance_path) / FAILED_DIR / f"{stamp}-{uuid.uuid4().hex}.eml"
    write_private(path, bytes(message))
    current_app.logger.error("Mail to %s failed; kept in %s", message["To"], path)


@dataclass(frozen=True)
class FailedMail:
    to: str
    subject: str
    failed_at: datetime


def failed_mail() -> list[FailedMail]:
    """Messages the mail server refused, newest first, as kept in instance/mail-failed/."""
    folder = Path(current_app.instance_path) / FAILED_DIR
    found = []
    for path in sorted(folder.glob("*.eml"), reverse=True) if folder.is_dir() else ():
        message = email.message_from_bytes(path.read_bytes())
        failed_at = datetime.strptime(path.name.split("-")[0], "%Y%m%dT%H%M%SZ")
        found.append(FailedMail(message["To"], message["Subject"], failed_at.replace(tzinfo=UTC)))
    return found
