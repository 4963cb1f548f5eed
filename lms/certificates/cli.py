"""`flask --app lms certificates …`"""

from pathlib import Path

import click

from lms.certificates import badges, queries
from lms.cli_help import AppGroup
from lms.i18n import _
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
        raise click.ClickException(
            _("%(file)s: signed here, but no certificate has code %(code)s.", file=file, code=code)
        )
    state = queries.status(certificate)
    states = {"valid": _("valid"), "revoked": _("revoked"), "replaced": _("replaced")}
    click.echo(
        _(
            "%(file)s: signature valid; certificate %(code)s is %(state)s.",
            file=file,
            code=certificate.display_code,
            state=states.get(state, state),
        )
    )
    holder = credential["credentialSubject"]["identifier"][0]["identityHash"]
    click.echo("  " + _("%(name)s — awarded to %(holder)s", name=credential["name"], holder=holder))
    if state != "valid":
        raise SystemExit(1)
