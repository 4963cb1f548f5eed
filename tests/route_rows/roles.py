"""Helpers for writing route rows."""

ROLES = ("anonymous", "trainee", "trainer", "supervisor", "admin")
ROWS: dict = {}


def same(code: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, code)


def signed_in(code: int, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], code)}


def admin_only(admin: int) -> dict[str, int]:
    return {"anonymous": 302, "trainee": 403, "trainer": 403, "supervisor": 403, "admin": admin}


def staff(allowed_roles: tuple[str, ...], code: int) -> dict[str, int]:
    """Signed-in roles not in `allowed_roles` get 403; anonymous is sent to sign in."""
    return {
        "anonymous": 302,
        **{role: (code if role in allowed_roles else 403) for role in ROLES[1:]},
    }
