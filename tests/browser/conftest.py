"""Browser tests: Playwright for Python driving Debian's Chromium, axe-core on every page.

Without Chromium they skip with a reason, except under CI=true, where they must run.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA and everything below it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Generous, because waits end as soon as the page is ready: under load (CI runs the browser
# tests with four workers on two cores) a sign-in or a page load took over 10 s.
TIMEOUT_MS = 30_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (apt-get install -y chromium)"
    if not AXE_JS.exists():
        return "axe-core is not installed (npm ci)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing_reason()
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if reason is None or not browser_items:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"Browser tests are required in CI: {reason}")
    print(f"\nSkipping {len(browser_items)} browser tests: {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the live server runs Django
    # in its own thread, and the test body uses the ORM to set up data. That is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, authorities):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def js_disabled_page(browser, live_server, authorities):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


# With JavaScript disabled, Chromium never fires timers, and axe-core waits on setTimeout for
# ever; promise callbacks still run, so timers are replaced by them on such pages.
PROMISE_TIMERS_JS = """() => {
  window.setTimeout = (callback, delay, ...args) => {
    Promise.resolve().then(() => callback(...args));
    return 0;
  };
  window.clearTimeout = () => {};
}"""


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now; fail listing every violation."""
    # The service's own script marks the body when JavaScript runs (frontend/js/app.mjs).
    if not page.evaluate("document.body.classList.contains('js-enabled')"):
        page.evaluate(PROMISE_TIMERS_JS)
    # Evaluated through the DevTools protocol, so the page's strict CSP does not block it and
    # the page's own code is not changed.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in results["violations"]
    ]
    assert violations == [], f"axe-core violations on {page.url}:\n" + json.dumps(
        violations, indent=2
    )


def sign_in(page, email: str, password: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
