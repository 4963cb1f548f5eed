"""Plain helpers every test may import: a client that sends CSRF tokens the way a browser does,
signing in through the real form, emptying the tables, running a set-up command, counting SQL
queries, reading a PDF's text and a quiz question as stored. Fixtures live in conftest.py;
steps a person takes through the forms (finish a course, log hours, draft a course) live in
tests/journeys.py."""

import contextvars
import io
import re
from contextlib import contextmanager

from pypdf import PdfReader
from sqlalchemy import event

from lms.extensions import db

DEFAULT_PASSWORD = "a long test passphrase"
CSRF_INPUT = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"|'
    r'name="csrf_token" value="([^"]+)"'
)
# The smallest file the evidence upload accepts as a PDF.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class BrowserLikeClient:
    """Wraps the test client: reads the CSRF token from a page's form, as a browser would.

    Each request runs in a fresh context, as in a real server: it gets its own app context,
    `g` and database session, not the ones the test body holds. The test's own session ends
    its transaction around every request, so what it reads afterwards is what was committed.
    """

    def __init__(self, client):
        self.client = client

    def __getattr__(self, name):
        return getattr(self.client, name)

    def _request(self, method: str, *args, **kwargs):
        db.session.rollback()
        response = contextvars.Context().run(getattr(self.client, method), *args, **kwargs)
        db.session.rollback()
        return response

    def get(self, *args, **kwargs):
        return self._request("get", *args, **kwargs)

    def post(self, *args, **kwargs):
        return self._request("post", *args, **kwargs)

    def open(self, *args, **kwargs):
        return self._request("open", *args, **kwargs)

    def csrf_token(self, path: str) -> str:
        return _csrf_token(self.get(path).get_data(as_text=True), path)

    def submit(self, form_path: str, data: dict, action: str | None = None, **kwargs):
        """GET the page holding the form, then POST the form with its token and, as a browser
        does, the hidden fields of the form that posts to `action` (`data` wins over them)."""
        html = self.get(form_path).get_data(as_text=True)
        hidden = hidden_fields(html, action) if action else {}
        data = {"csrf_token": _csrf_token(html, form_path), **hidden, **data}
        return self.post(action or form_path, data=data, **kwargs)


def _csrf_token(html: str, path: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, f"no CSRF token in the form at {path}"
    return next(group for group in match.groups() if group)


def hidden_fields(html: str, action: str) -> dict[str, str]:
    """The hidden inputs (other than the CSRF token) of the form on the page posting to
    `action` (whatever #fragment the page adds to it), e.g. the version of a record a decision
    names."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}(#[^"]*)?".*?</form>', html, re.S)
    if form is None:
        return {}
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0))
    return {name: value for name, value in fields if name != "csrf_token"}


class AuthActions:
    """Sign in and out through the real forms."""

    def __init__(self, client):
        self.client = client

    def signin(self, email, password=DEFAULT_PASSWORD, follow_redirects=False):
        return self.client.submit(
            "/signin", {"email": email, "password": password}, follow_redirects=follow_redirects
        )

    def signout(self):
        return self.client.submit("/dashboard", {}, action="/signout")


def signed_in(app, user) -> BrowserLikeClient:
    """A second browser, signed in as `user` (the `client` fixture is the first)."""
    other = BrowserLikeClient(app.test_client())
    assert AuthActions(other).signin(user.email).status_code == 302
    return other


def empty_tables() -> None:
    """Delete every row (the schema stays): what each test leaves behind is gone."""
    db.session.remove()
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
            )
        return
    # SQLite ignores the foreign_keys pragma inside a transaction: use the driver directly
    # (autocommit, as the connect listener sets it up).
    raw = db.engine.raw_connection()
    try:
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("BEGIN")
        for table in tables:
            raw.execute(f'DELETE FROM "{table}"')
        raw.execute("COMMIT")
        raw.execute("PRAGMA foreign_keys=ON")
    finally:
        raw.close()


def app_on_a_copy_of_the_test_database(target):
    """An app of its own on a copy (at `target`) of the test SQLite database as committed now,
    for tests that migrate a populated database down and up without touching the shared one."""
    from lms import create_app

    db.session.remove()
    raw = db.engine.raw_connection()  # autocommit driver connection: VACUUM needs no transaction
    try:
        raw.driver_connection.execute(f"VACUUM INTO '{target}'")
    finally:
        raw.close()
    return create_app(
        {"TESTING": True, "SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}"}
    )


def invoke_ok(runner, args: list[str], **kwargs):
    """Run a command a test needs to have worked (`flask users link ...`); stop the test with
    the command's output if it did not exit 0."""
    result = runner.invoke(args=args, **kwargs)
    assert result.exit_code == 0, (
        f"flask {' '.join(args)} exited {result.exit_code}:\n{result.output}"
        + (f"\n{result.exception!r}" if result.exception else "")
    )
    return result


@contextmanager
def counting_queries():
    """Collect the SQL statements run inside the block (transaction control left out)."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


WRITE_VERBS = ("INSERT", "UPDATE", "DELETE")


@contextmanager
def counting_writes():
    """Collect every INSERT, UPDATE or DELETE the database is sent inside the block, on any
    connection of the app's engine (a real measurement at the cursor, so no write escapes)."""
    with counting_queries() as statements:
        writes: list[str] = []
        yield writes
        writes += [s for s in statements if s.lstrip().upper().startswith(WRITE_VERBS)]


def concrete_path(rule: str, arguments: dict[str, str]) -> str:
    """A URL rule (`/verify/<code>`) with each argument filled in from `arguments`, keyed by
    the argument's name as the rule writes it (`code`, `path:path`)."""
    path = rule
    for name, value in arguments.items():
        path = path.replace(f"<{name}>", value).replace(f"<int:{name}>", value)
    assert "<" not in path, f"add a sample argument for {rule}"
    return path


def page_queries(client, path: str) -> int:
    """How many SQL statements a GET of `path` runs (the page must answer 200)."""
    with counting_queries() as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def pdf_text(data: bytes) -> str:
    """The text of every page, as pypdf extracts it."""
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def make_question(qid: str, correct: str = "a", kind: str = "single") -> dict:
    """A quiz question as stored in a course version (options a, b, c; `correct` is right)."""
    options = [
        {
            "id": oid,
            "text": f"Option {oid.upper()} of {qid}",
            "correct": oid in correct,
            "feedback": f"Feedback for {oid}",
        }
        for oid in "abc"
    ]
    return {
        "id": qid,
        "kind": kind,
        "title": f"Question {qid}",
        "prompt": "",
        "prompt_html": "",
        "options": options,
        "accepted_answers": [],
        "pairs": [],
        "explanation": f"Why {qid}.",
    }


def without_csrf_tokens(html: str) -> str:
    """A page with its CSRF token values blanked, to compare two answers for the same content:
    every page's footer language form carries a fresh token (signed with the second it was
    made), which differs between any two requests and says nothing about what was asked."""
    return CSRF_TOKEN_VALUE.sub('name="csrf_token" value=""', html)


CSRF_TOKEN_VALUE = re.compile(r'name="csrf_token" value="[^"]+"')
