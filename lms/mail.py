"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise an .eml file in instance/outbox/."""

import smtplib
import uuid
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

from lms.instance_files import write_private


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
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
        return message
    path = Path(current_app.instance_path) / "outbox" / f"{uuid.uuid4().hex}.eml"
    write_private(path, bytes(message))
    current_app.logger.info("Mail to %s written to %s", to, path)
    return message
