"""The learners of `bench cohort` and its bookkeeping: each learner, already signed in, opens a
quiz at their moment in the window, starts an attempt, answers every question (reading option
ids and CSRF tokens from the pages, as a browser does), and submits; every request is timed by
step, every unexpected response counted by step and reason, and every answer the server
acknowledged is remembered, so `lost_answers` can look for it in the database afterwards.

One asyncio task per learner, one new connection per request (gunicorn's sync workers close
it after every response anyway), HTTP/1.0 so no response is chunked.
"""

import asyncio
import random
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from bench.load_users import CSRF, QUESTION, Response, answer_form

STEPS = ("open quiz", "start", "question page", "answer", "submit")


@dataclass(frozen=True)
class SavedAnswer:
    """An answer POST the server acknowledged (302 onwards): which attempt, which question
    (numbered from 1, as in the URL) and the form that was sent."""

    attempt_id: int
    number: int
    form: dict


@dataclass
class Tally:
    """What the whole cohort saw: latencies (s) and unexpected responses by step, the answers
    acknowledged, attempts submitted, and when the first request began and the last ended."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    errors: dict[str, Counter] = field(default_factory=lambda: {s: Counter() for s in STEPS})
    saved: list[SavedAnswer] = field(default_factory=list)
    submitted: int = 0
    began: float = float("inf")
    ended: float = 0.0


async def fetch(base: str, method: str, path: str, cookies: dict, form=None) -> Response:
    """One request on a new connection; the response (status, Location, body); sets cookies."""
    url = urllib.parse.urlsplit(base)
    body = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else b""
    head = f"{method} {path} HTTP/1.0\r\nHost: {url.netloc}\r\n"
    if cookies:
        head += "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()) + "\r\n"
    if form is not None:
        head += "Content-Type: application/x-www-form-urlencoded\r\n"
        head += f"Content-Length: {len(body)}\r\n"
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    try:
        writer.write(head.encode() + b"\r\n" + body)
        raw = await reader.read()
    finally:
        writer.close()
    header_block, _, content = raw.partition(b"\r\n\r\n")
    lines = header_block.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    location = ""
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "location":
            location = value.strip()
        elif name.lower() == "set-cookie":
            for key, morsel in SimpleCookie(value.strip()).items():
                cookies[key] = morsel.value
    return Response(status, location, content)


class Learner:
    """One signed-in learner (their session cookie) taking the quiz at `slug` once."""

    def __init__(self, base: str, cookie: str, slug: str, tally: Tally, *, seed: int, timeout):
        self.base, self.slug, self.tally, self.timeout = base, slug, tally, timeout
        name, _, value = cookie.partition("=")
        self.cookies = {name: value}
        self.csrf = ""
        self.rng = random.Random(seed)

    async def step(self, step: str, method: str, path: str, form=None, expect=200):
        """One timed request; the response if it had the expected status, else None."""
        if form is not None:
            form = {"csrf_token": self.csrf, **form}
        began = time.perf_counter()
        try:
            reply = await asyncio.wait_for(
                fetch(self.base, method, path, self.cookies, form), self.timeout
            )
        except TimeoutError:
            reply = Response(0, "", b"timeout")
        except (OSError, ValueError, IndexError) as error:
            reply = Response(0, "", type(error).__name__.encode())
        ended = time.perf_counter()
        tally = self.tally
        tally.began, tally.ended = min(tally.began, began), max(tally.ended, ended)
        tally.latencies[step].append(ended - began)
        if reply.status != expect:
            reason = f"HTTP {reply.status}" if reply.status else reply.text
            tally.errors[step][reason] += 1
            return None
        if token := CSRF.search(reply.text):
            self.csrf = token.group(1)
        return reply

    async def take_quiz(self, delay: float) -> None:
        """Wait `delay` seconds, then open, start, answer and submit; stop at the first
        failure (a person would have to reload and carry on)."""
        await asyncio.sleep(delay)
        quiz = f"/courses/{self.slug}/quiz"
        if not await self.step("open quiz", "GET", quiz):
            return
        started = await self.step("start", "POST", quiz, {}, expect=302)
        found = QUESTION.search(started.location) if started else None
        if not found:
            if started:
                self.tally.errors["start"]["no question after starting"] += 1
            return
        attempt, number = int(found.group(1)), int(found.group(2))
        while number:
            number = await self.answer(attempt, number)
        if number == 0 and await self.step(
            "submit", "POST", f"/attempts/{attempt}/submit", {}, 302
        ):
            self.tally.submitted += 1

    async def answer(self, attempt: int, number: int) -> int | None:
        """Show question `number` and answer it: the next question's number, 0 after the last
        one, None on failure."""
        path = f"/attempts/{attempt}/questions/{number}"
        page = await self.step("question page", "GET", path)
        if not page:
            return None
        form = answer_form(page.text, self.rng)
        reply = await self.step("answer", "POST", path, form, expect=302)
        if not reply:
            return None
        found = QUESTION.search(reply.location)
        if found and int(found.group(2)) == number:  # sent back: the answer was refused
            self.tally.errors["answer"]["answer refused"] += 1
            return None
        self.tally.saved.append(SavedAnswer(attempt, number, form))
        return int(found.group(2)) if found else 0


async def run_cohort(base, cookies, slug, seconds, *, timeout=120.0) -> Tally:
    """Every learner (one per cookie) opens the quiz at an even spread over `seconds`."""
    tally = Tally()
    learners = [
        Learner(base, cookie, slug, tally, seed=n, timeout=timeout)
        for n, cookie in enumerate(cookies)
    ]
    gap = seconds / max(1, len(learners))
    await asyncio.gather(*(learner.take_quiz(n * gap) for n, learner in enumerate(learners)))
    return tally
