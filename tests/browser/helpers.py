"""Helpers for the browser tests: sign in through the real form, check a page with axe-core,
save a screenshot for a person to look at."""

from pathlib import Path

import pytest

from tests.helpers import DEFAULT_PASSWORD

AXE = Path(__file__).resolve().parents[2] / "build/axe/node_modules/axe-core/axe.min.js"


def sign_in(page, base: str, email: str, password: str = DEFAULT_PASSWORD) -> None:
    """Fill in and send the sign-in form at `base`/signin."""
    page.goto(base + "/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


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
