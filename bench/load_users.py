"""Virtual users for the load benchmark: a browser (one connection, kept alive where the server
allows, and its cookies) and the steps a person takes on the site, each request timed.

Every virtual user signs in through the real form, reads CSRF tokens from the pages it gets,
and answers quiz questions by the option ids on the page, as a browser would.
"""

import http.client
import random
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from bench.seed_rows import PASSWORD

CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
OPTION = re.compile(r'name="option" id="option-[^"]*" value="([^"]+)"')
SELECT = re.compile(r'<select id="pair-[^"]*" name="(pair-[^"]+)">(.*?)</select>', re.S)
CHOICE = re.compile(r'<option value="([^"]+)"')
QUESTION = re.compile(r"/attempts/(\d+)/questions/(\d+)")
# How often each step is chosen (a quiz step is one question shown and answered, with the
# start, review, submit and result pages when they fall due).
# The table's rows, in the order a person meets them.
STEPS = (
    "lesson",
    "quiz: start",
    "quiz: question page",
    "quiz: answer",
    "quiz: review page",
    "quiz: submit",
    "quiz: result page",
    "trainee dashboard",
    "team dashboard",
    "certificate PDF",
    "verify",
    "healthz",
)
WEIGHTS = {
    "lesson": 30,
    "quiz": 20,
    "dashboard": 10,
    "team": 5,
    "certificate": 5,
    "verify": 10,
    "healthz": 10,
}


@dataclass
class Response:
    status: int
    location: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One person's browser: an HTTP/1.1 connection (reopened whenever the server closes it),
    the cookies the site set, and the newest CSRF token seen on a page."""

    def __init__(self, base: str, source_address: str = ""):
        url = urllib.parse.urlsplit(base)
        source = (source_address, 0) if source_address else None
        self.connection = http.client.HTTPConnection(
            url.hostname, url.port, timeout=60, source_address=source
        )
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(self, method: str, path: str, form: dict | None = None) -> Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode({"csrf_token": self.csrf, **form}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body, headers)
            reply = self.connection.getresponse()
            data = reply.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            raise
        for header in reply.headers.get_all("Set-Cookie") or []:
            self._remember(header)
        response = Response(reply.status, reply.getheader("Location", ""), data)
        if reply.getheader("Content-Type", "").startswith("text/html"):
            token = CSRF.search(response.text)
            self.csrf = token.group(1) if token else self.csrf
        return response

    def _remember(self, header: str) -> None:
        for name, morsel in SimpleCookie(header).items():
            if morsel.value and morsel["max-age"] != "0":
                self.cookies[name] = morsel.value
            else:
                self.cookies.pop(name, None)

    def close(self) -> None:
        self.connection.close()


@dataclass
class Window:
    """The measured period: only requests that start and finish inside it are counted."""

    start: float
    end: float


@dataclass
class Samples:
    """One virtual user's timings: step -> latencies (s); errors as (step, status, detail)."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[tuple[str, int, str]] = field(default_factory=list)


class VirtualUser:
    """A trainee with certificates and courses in progress, who is also, in another browser,
    one of the supervisors; and anonymous visitors checking certificates at /verify."""

    def __init__(self, base, learner, supervisor, codes, window, seed):
        self.base, self.learner, self.codes, self.window = base, learner, codes, window
        self.rng = random.Random(seed)
        self.samples = Samples()
        self.trainee = self._signed_in(learner.email)
        self.supervisor = self._signed_in(supervisor) if supervisor else None
        self.anonymous = Browser(base)
        self.attempt: tuple[int, int] | None = None  # (attempt id, question number)
        self.quiz_course = seed

    def _signed_in(self, email: str) -> Browser:
        browser = Browser(self.base)
        browser.request("GET", "/signin")
        reply = browser.request("POST", "/signin", {"email": email, "password": PASSWORD})
        if reply.status != 302 or "session" not in browser.cookies:
            raise RuntimeError(f"could not sign in as {email}: HTTP {reply.status}")
        browser.request("GET", "/dashboard")  # a page with a form, for the first CSRF token
        return browser

    def run(self) -> Samples:
        steps, weights = zip(*self._weights().items(), strict=True)
        try:
            while time.perf_counter() < self.window.end:
                getattr(self, "step_" + self.rng.choices(steps, weights)[0])()
        except Exception as error:  # a page the driver cannot read: say so, do not hide it
            self.samples.errors.append(("virtual user stopped", 0, repr(error)))
        for browser in (self.trainee, self.supervisor, self.anonymous):
            if browser:
                browser.close()
        return self.samples

    def _weights(self) -> dict[str, int]:
        return {k: v for k, v in WEIGHTS.items() if k != "team" or self.supervisor}

    def timed(self, browser, step, method, path, form=None, expect=200, body=b""):
        """One request, counted under `step` if inside the window; the response if it has the
        expected status (and its body starts with `body`), else None."""
        began = time.perf_counter()
        try:
            reply = browser.request(method, path, form)
        except (OSError, http.client.HTTPException) as error:
            reply = Response(0, "", repr(error).encode())
        finished = time.perf_counter()
        expected = reply.status == expect and reply.body.startswith(body)
        if began >= self.window.start and finished <= self.window.end:
            self.samples.latencies.setdefault(step, []).append(finished - began)
            if not expected:
                self.samples.errors.append((step, reply.status, f"{method} {path}"))
        return reply if expected else None

    def step_lesson(self) -> None:
        slug, lessons = self.rng.choice(self.learner.in_progress)
        path = f"/courses/{slug}/lessons/{self.rng.randint(1, lessons)}"
        self.timed(self.trainee, "lesson", "GET", path)

    def step_dashboard(self) -> None:
        self.timed(self.trainee, "trainee dashboard", "GET", "/dashboard")

    def step_team(self) -> None:
        self.timed(self.supervisor, "team dashboard", "GET", "/team/")

    def step_certificate(self) -> None:
        code = self.rng.choice(self.learner.certificates)
        path = f"/certificates/{code}.pdf"
        self.timed(self.trainee, "certificate PDF", "GET", path, body=b"%PDF")

    def step_verify(self) -> None:
        """A visitor typing a code from paper: their own address (the limit is 30 a minute
        per address), a new connection, no cookies."""
        address = "127.{}.{}.{}".format(*(self.rng.randint(1, 254) for _ in range(3)))
        visitor = Browser(self.base, source_address=address)
        self.timed(visitor, "verify", "GET", "/verify/" + self.rng.choice(self.codes))
        visitor.close()

    def step_healthz(self) -> None:
        self.timed(self.anonymous, "healthz", "GET", "/healthz")

    def step_quiz(self) -> None:
        if self.attempt is None:
            self._start_quiz()
            return
        attempt, number = self.attempt
        path = f"/attempts/{attempt}/questions/{number}"
        page = self.timed(self.trainee, "quiz: question page", "GET", path)
        if page is None:
            self.attempt = None
            return
        reply = self.timed(
            self.trainee, "quiz: answer", "POST", path, answer_form(page.text, self.rng), 302
        )
        found = QUESTION.search(reply.location) if reply else None
        if found:
            self.attempt = (attempt, int(found.group(2)))
        else:
            self._submit(attempt)

    def _start_quiz(self) -> None:
        slug, _ = self.learner.in_progress[self.quiz_course % len(self.learner.in_progress)]
        reply = self.timed(self.trainee, "quiz: start", "POST", f"/courses/{slug}/quiz", {}, 302)
        found = QUESTION.search(reply.location) if reply else None
        if found:
            self.attempt = (int(found.group(1)), int(found.group(2)))
        else:  # passed already (by chance): take another course's quiz next time
            self.quiz_course += 1

    def _submit(self, attempt: int) -> None:
        self.attempt = None
        path = f"/attempts/{attempt}"
        if self.timed(self.trainee, "quiz: review page", "GET", path):
            self.timed(self.trainee, "quiz: submit", "POST", path + "/submit", {}, 302)
            self.timed(self.trainee, "quiz: result page", "GET", path)


def answer_form(html: str, rng: random.Random) -> dict:
    """Any answer a question page's form allows, chosen at random by the option ids on the page
    (so most attempts fail, and the trainee can try again)."""
    form: dict = {"move": "next"}
    if options := OPTION.findall(html):
        form["option"] = rng.choice(options)
    elif 'name="text"' in html:
        form["text"] = "I would ask my supervisor"
    for name, inner in SELECT.findall(html):
        form[name] = rng.choice(CHOICE.findall(inner))
    return form
