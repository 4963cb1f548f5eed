"""Helpers for the browser tests: sign in through the real form, check a page with axe-core,
save a screenshot for a person to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import DEFAULT_PASSWORD
from tests.journeys import signup_link

ARTIFACTS = Path(os.environ.get("LMS_TEST_ARTIFACTS", "test-artifacts"))
AXE = Path(__file__).resolve().parents[2] / "build/axe/node_modules/axe-core/axe.min.js"


def sign_in(page, base: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    """Fill in and send the sign-in form at `base`/signin."""
    page.goto(base + "/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_up(page, base: str, outbox, name: str, email: str, password: str) -> None:
    """Sign up as a newcomer does: the form, then the link mailed to the address, then the
    button that finishes it; ends on the dashboard."""
    page.goto(base + "/")
    page.get_by_role("link", name="Get started").click()
    page.get_by_label("Full legal name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.goto(base + signup_link(outbox, email))
    page.get_by_role("button", name="Finish creating my account").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()


def check_accessibility(page) -> None:
    """Run axe-core on the current page; fail on any serious or critical violation."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `make test`, which installs it")
    page.wait_for_load_state("load")  # a click may have started a navigation still under way
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa',"
        " 'best-practice']})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{page.url}:\n" + "\n".join(serious)


def shoot(page, name: str) -> None:
    """Save a full-page screenshot for a person to look at."""
    page.screenshot_dir.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(page.screenshot_dir / f"{name}.png"), full_page=True)
