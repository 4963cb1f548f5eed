"""Password rules (length and a list of common passwords, no composition rules) and hashing."""

from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from lms.i18n import _

MIN_LENGTH = 8
MAX_LENGTH = 128
_COMMON_LIST = Path(__file__).with_name("common_passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    lines = _COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problem(password: str) -> str | None:
    """Say what is wrong with a new password, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(num)s characters. A few words together work well.", num=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(num)s characters.", num=MAX_LENGTH)
    if password.lower() in common_passwords():
        return _("That password is on a list of common passwords. Choose something less guessable.")
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)
