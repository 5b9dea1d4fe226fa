"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core and the Nu Html
Checker on every page.

Without Chromium they skip with a reason, and without Java or vnu.jar the Nu Html Checker is
left out with a reason, except under CI=true, where both must run.
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
JAVA = shutil.which("java")
# The path that require("vnu-jar") returns (npm package vnu-jar, the Nu Html Checker).
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.2 AA and everything below it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Generous, because waits end as soon as the page is ready: under load (two workers on two
# cores, with the rest of the suite, or four workers) a sign-in or a page load took over 10 s.
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


def _nu_missing_reason() -> str | None:
    if JAVA is None:
        return "Java is not installed (apt-get install -y default-jre-headless)"
    if not VNU_JAR.exists():
        return "vnu-jar is not installed (npm ci)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing_reason()
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if not browser_items:
        return
    nu_reason = _nu_missing_reason()
    if nu_reason is not None and reason is None:
        if os.environ.get("CI") == "true":
            raise pytest.UsageError(f"The Nu Html Checker is required in CI: {nu_reason}")
        print(f"\nBrowser tests run without the Nu Html Checker: {nu_reason}")
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"Browser tests are required in CI: {reason}")
    print(f"\nSkipping {len(browser_items)} browser tests: {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


# The Nu Html Checker's address, while this session (one per xdist worker) runs it.
_nu_checker_url: str | None = None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def nu_checker():
    """The Nu Html Checker as an HTTP service on a free loopback port, for this session.

    Yields its URL, or None where it cannot run outside CI (see pytest_collection_modifyitems).
    """
    global _nu_checker_url
    if _nu_missing_reason() is not None:
        yield None
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryFile() as log:
        # The schema loader recurses deeply: a small thread stack overflows while it starts.
        process = subprocess.Popen(
            [
                JAVA,
                "-Xss4m",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(VNU_JAR),
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 180
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=5) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")[-3000:]
                    raise RuntimeError(f"The Nu Html Checker did not start:\n{output}")
                time.sleep(0.25)
            _nu_checker_url = url
            yield url
        finally:
            _nu_checker_url = None
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def browser(nu_checker):
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
    _watch_documents(page)
    yield page
    context.close()


@pytest.fixture
def js_disabled_page(browser, live_server, authorities):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    _watch_documents(page)
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


# A watched page keeps its last main-frame HTML document response (the HTML the server sent)
# in this attribute.
DOCUMENT_ATTRIBUTE = "_upon_html_document"


def _watch_documents(page) -> None:
    """Keep the page's HTML document responses, so that the checker can read the HTML as
    served (the browser already holds it: no request is sent again, no form re-posted)."""
    if hasattr(page, DOCUMENT_ATTRIBUTE):
        return
    setattr(page, DOCUMENT_ATTRIBUTE, None)

    def on_response(response) -> None:
        request = response.request
        if (
            request.resource_type == "document"
            and response.frame == page.main_frame
            and not 300 <= response.status < 400
            and response.headers.get("content-type", "").startswith("text/html")
        ):
            setattr(page, DOCUMENT_ATTRIBUTE, response)

    page.on("response", on_response)


def _served_html(page) -> bytes | None:
    """The HTML the server sent for the page now shown, where the browser still has it."""
    from playwright.sync_api import Error

    response = getattr(page, DOCUMENT_ATTRIBUTE, None)
    if response is None or response.url != page.url:
        return None
    try:
        return response.body()
    except Error:
        return None


# Nu Html Checker messages allowed by design: the exact message, and text that the extract
# (the markup around it) must contain. Each says why.
NU_ALLOWED: list[tuple[str, str]] = [
    # GOV.UK Frontend's service navigation script (service-navigation.mjs) sets aria-hidden
    # on the menu button as well as hidden while the menu shows in full; the served HTML has
    # hidden alone. Only the DOM after that script runs has this, and the script is not ours.
    (
        "Attribute “aria-hidden” is unnecessary for elements that have attribute “hidden”.",
        'class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"',
    ),
    # GOV.UK Frontend's date input gives its fieldset role="group" on purpose: without it JAWS
    # does not read the hint of a fieldset of text inputs (date-input/template.njk). Our date
    # fields (upon/service/templates/govuk/field.html) keep that markup; no other does.
    (
        "The “group” role is unnecessary for element “fieldset”.",
        '<fieldset class="govuk-fieldset"',
    ),
]


def _allowed(message: dict) -> bool:
    return any(
        message.get("message") == text and extract in message.get("extract", "")
        for text, extract in NU_ALLOWED
    )


def _nu_findings(html: bytes) -> list[dict]:
    """Errors and warnings the Nu Html Checker finds in this HTML (plain info is not one)."""
    request = urllib.request.Request(
        f"{_nu_checker_url}?out=json",
        data=html,
        headers={"Content-Type": "text/html; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        messages = json.load(response)["messages"]
    return [
        {
            key: message[key]
            for key in ("type", "subType", "message", "lastLine", "extract")
            if key in message
        }
        for message in messages
        if (message["type"] != "info" or message.get("subType") == "warning")
        and not _allowed(message)
    ]


def assert_valid_html(page) -> None:
    """Run the Nu Html Checker on the HTML the server sent for this page, where the browser
    still has it, and on the page's DOM as it is now (scripts and htmx may have changed it);
    fail listing every error and warning."""
    if _nu_checker_url is None:
        return
    sources = []
    served = _served_html(page)
    if served is not None:
        sources.append(("HTML as served", served))
    # Without JavaScript the DOM is the served HTML parsed, so there is nothing more to see.
    if served is None or page.evaluate("document.body.classList.contains('js-enabled')"):
        sources.append(("DOM now", page.content().encode()))
    # Pages of contexts a test made itself are watched from their first check on.
    _watch_documents(page)
    report = {name: _nu_findings(html) for name, html in sources}
    report = {name: findings for name, findings in report.items() if findings}
    if report:
        pytest.fail(
            f"Nu Html Checker findings on {page.url}:\n"
            + json.dumps(report, indent=2, ensure_ascii=False),
            pytrace=False,
        )


def assert_accessible(page) -> None:
    """Check the page's HTML with the Nu Html Checker, then run axe-core on the page as it is
    now; fail listing every finding."""
    assert_valid_html(page)
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


CODE_PAGE = "/account/sign-in/code/"


def sign_in(page, email: str, password: str) -> None:
    """Sign in through the pages. A person whose roles need a second factor is given an
    authenticator app first if they have none (as if set up before), and the code page is
    answered with the code their app would show now (tests/helpers.py `current_code`)."""
    from tests.helpers import current_code, give_authenticator_app
    from upon.accounts.models import User
    from upon.accounts.roles import needs_second_factor

    person = User.objects.filter(email=email.strip().lower()).first()
    if person is not None and needs_second_factor(person):
        give_authenticator_app(person)
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    # Wait for the page the button loads: read too soon, a busy machine shows the old one.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if person is not None and urlparse(page.url).path == CODE_PAGE:
        device = person.totpdevice_set.get(confirmed=True)
        page.get_by_label("Enter the code from your authenticator app").fill(current_code(device))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
