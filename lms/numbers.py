"""Whole numbers people and addresses send: the one reader of ids in URLs and numbers in query
strings.

The rule: ASCII digits only (no sign, spaces, exponents, NaN, infinities or other scripts'
digits), at most `LARGEST` — the largest id a PostgreSQL `integer` column holds, so no value
that passes can overflow a query on either database. Anything else is "no number": a URL part
that is not one matches no route (404), a query parameter that is not one is read as absent.
"""

import re

from werkzeug.routing import IntegerConverter

LARGEST = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}", re.ASCII)


def whole_number(text: object, *, largest: int = LARGEST) -> int | None:
    """The number `text` writes by the module's rule, or None."""
    if not isinstance(text, str) or not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= largest else None


def query_number(args, name: str, default: int | None = None) -> int | None:
    """A query parameter read by `whole_number`; `default` when it is absent or not one."""
    number = whole_number(args.get(name))
    return default if number is None else number


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` in routes: ASCII digits up to LARGEST, so an id beyond what a database
    column holds (2**63, 10**30) is a 404, never an overflow inside a query."""

    regex = r"[0-9]+"

    def __init__(self, map, fixed_digits=0, min=None, max=LARGEST, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
