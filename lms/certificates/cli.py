"""`flask --app lms certificates …`"""

from pathlib import Path

import click
from flask.cli import AppGroup

from lms.certificates import badges, queries
from lms.instance_files import shared_storage

certificates_cli = AppGroup("certificates", help="Certificates and their Open Badges.")


@certificates_cli.command("verify-badge")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def verify_badge_command(file: Path) -> None:
    """Check a downloaded Open Badges 3.0 credential (VC-JWT): signature, then status."""
    key = badges.signing_key(shared_storage()).public_key()
    try:
        credential = badges.verify(file.read_text(encoding="utf-8", errors="replace"), key)
    except badges.BadgeError as error:
        raise click.ClickException(f"{file}: {error}") from error
    code = credential["id"].rsplit("/", 1)[-1]
    certificate = queries.by_code(code)
    if certificate is None:
        raise click.ClickException(f"{file}: signed here, but no certificate has code {code}.")
    state = queries.status(certificate)
    click.echo(f"{file}: signature valid; certificate {certificate.display_code} is {state}.")
    click.echo(
        f"  {credential['name']} — awarded to "
        f"{credential['credentialSubject']['identifier'][0]['identityHash']}"
    )
    if state != "valid":
        raise SystemExit(1)
