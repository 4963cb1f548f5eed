"""Journey 1 in a real browser: the README's setup steps (`flask db upgrade`, `courses sync`,
`demo`, `flask run`) run as a newcomer runs them, on a fresh SQLite file; the site then serves
the bundled curriculum and each demo account signs in and sees its own area."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lms.cli import DEMO_ACCOUNTS
from tests.browser.helpers import check_accessibility, shoot, sign_in

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
FLASK = [str(Path(sys.executable).with_name("flask")), "--app", "lms"]
AREAS = {"trainer": "Authoring", "supervisor": "My team", "admin": "Administration"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def readme_site(tmp_path_factory):
    """The site as the README's first command leaves it, served by `flask run`."""
    folder = tmp_path_factory.mktemp("newcomer")
    env = {
        **os.environ,
        "LMS_ENVIRONMENT": "development",
        "LMS_SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'peerpath.db'}",
    }
    steps = {}
    for step in (["db", "upgrade"], ["courses", "sync"], ["demo"]):
        done = subprocess.run(
            FLASK + step, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        steps[step[0]] = done.stdout
    port = free_port()
    server = subprocess.Popen(
        [*FLASK, "run", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, steps
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_first_command_prints_the_demo_accounts_once(readme_site):
    _base, steps = readme_site
    for email, _name, _roles, password in DEMO_ACCOUNTS:
        assert re.search(rf"{re.escape(email)}\s+password: {password}", steps["demo"])


def test_every_demo_account_signs_in_and_finds_the_bundled_curriculum(readme_site, page):
    base, _steps = readme_site
    page.goto(base + "/courses")
    courses = sorted(p.parent.name for p in (ROOT / "courses").glob("*/course.md"))
    expect(page.locator(".card h2, .card h3")).to_have_count(len(courses))
    expect(page.get_by_role("link", name="Ethics and Boundaries")).to_be_visible()
    check_accessibility(page)
    shoot(page, "01-catalog")
    for email, _name, roles, password in DEMO_ACCOUNTS:
        sign_in(page, base, email, password)
        landing = {"admin": "/admin/", "supervisor": "/team/", "trainer": "/authoring/"}
        first = next((landing[r] for r in ("admin", "supervisor", "trainer") if r in roles), None)
        expect(page).to_have_url(base + (first or "/dashboard"))  # each role lands on its work
        nav = page.get_by_role("navigation", name="Main")
        for role in roles:
            expect(nav.get_by_role("link", name=AREAS[role])).to_be_visible()
        check_accessibility(page)
        shoot(page, f"02-dashboard-{email.split('@')[0]}")
        page.get_by_role("button", name="Sign out").click()
