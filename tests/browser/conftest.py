"""Browser fixtures: Debian's headless Chromium driven by Playwright (never a downloaded
browser) and a page at a phone and a desktop size. The app is served by tests/conftest.py's
`live_server`; helpers live in tests/browser/helpers.py."""

import os
from pathlib import Path

import pytest

from tests.browser.helpers import ARTIFACTS

CHROMIUM = os.environ.get("LMS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_report_header(config):
    return f"browser screenshots: {ARTIFACTS.resolve() / 'screenshots'}"


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/system-deps.sh test")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=[(390, 844), (1280, 900)], ids=["phone", "desktop"])
def page(browser, request):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.screenshot_dir = ARTIFACTS / "screenshots" / f"{request.node.originalname}-{width}px"
    yield page
    context.close()
