"""Certificate codes: 60 random bits in Crockford's base-32 alphabet, read aloud in groups.

The alphabet has no I, L, O or U, so a code typed from paper is forgiving: letters that look
like digits are read as those digits, case and dashes do not matter.

Pure (no app, no database), so the models can show a code the way people read it.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12  # 12 × 5 bits = 60 random bits
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str | None:
    """The stored form of a code as someone typed it, or None if it cannot be a code."""
    code = "".join(typed.split()).replace("-", "").upper().translate(_LOOK_ALIKES)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def grouped(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
