"""Small helpers shared by the browser journeys: keyboard focus, emails, tables, summaries."""

import re

from tests.browser.conftest import assert_accessible

URL_IN_TEXT = re.compile(r"https?://\S+")

# The accessible-ish name of the focused element: its label for inputs, its text otherwise.
ACTIVE_ELEMENT_JS = """() => {
  const el = document.activeElement;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    type: el.getAttribute("type") || "",
    href: el.getAttribute("href") || "",
    text: (label || el.innerText || el.value || "").replace(/\\s+/g, " ").trim(),
  };
}"""


def active_element(page) -> dict:
    """tag, id, type and name of document.activeElement."""
    return page.evaluate(ACTIVE_ELEMENT_JS)


def tab_to(
    page, text: str = "", *, href: str = "", backwards: bool = False, limit: int = 40
) -> dict:
    """Press Tab (or Shift+Tab) until the focused element has this name (or this link
    address); fail if focus never gets there."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        element = active_element(page)
        if (href and element["href"] == href) or (text and element["text"] == text):
            return element
        seen.append(element["text"])
    raise AssertionError(f"{key} never reached {text or href!r}; focus went through {seen}")


def press_and_load(page, key: str = "Enter") -> None:
    """Press a key that submits a form or follows a link, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def text_of(locator) -> str:
    """The text a screen reader reads, visually hidden parts included, spaces collapsed."""
    return " ".join(locator.text_content().split())


def link_in_email(message) -> str:
    """The only link in an email's body."""
    links = URL_IN_TEXT.findall(message.body)
    assert len(links) == 1, links
    return links[0]


def error_summary(page) -> list[tuple[str, str]]:
    """(text, href) of each link in the GOV.UK error summary."""
    links = page.locator(".govuk-error-summary__list a")
    return [
        (links.nth(i).inner_text(), links.nth(i).get_attribute("href"))
        for i in range(links.count())
    ]


def table_rows(page, caption: str) -> list[list[str]]:
    """Body rows of the table with this caption, each as the text of its cells."""
    table = page.locator("table").filter(has=page.locator("caption", has_text=caption))
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def summary_list(locator) -> dict[str, str]:
    """A GOV.UK summary list's keys and values."""
    keys = locator.locator(".govuk-summary-list__key").all_inner_texts()
    values = locator.locator(".govuk-summary-list__value").all_inner_texts()
    return {k.strip(): v.strip() for k, v in zip(keys, values, strict=True)}


# With JavaScript disabled, Chromium never runs a timer's callback, so axe.run (which yields
# with setTimeout) would wait for ever. Promise callbacks still run: timers become those.
def assert_accessible_without_js(page) -> None:
    """axe-core on a page of a context with JavaScript disabled (the shared check copes)."""
    assert_accessible(page)


def click_and_wait(page, locator) -> None:
    """Click something that loads a new page, and wait for it: Playwright's click does not."""
    with page.expect_navigation():
        locator.click()


def open_network_part(page, part: str) -> None:
    """From any page of a member's: the menu's Network entry (its home page, checked), then
    the part of the network named `part` ("Directory", "Groups", "Library", ...)."""
    click_and_wait(page, page.get_by_role("link", name="Network", exact=True).first)
    assert page.get_by_role("heading", level=1).inner_text() == "Network"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name=part, exact=True))


def set_up_authenticator_app(page) -> list[str]:
    """On the set-up page: type the current code for the key it shows (as an app would make
    it), then keep the recovery codes it shows once; checked with axe and Nu on both pages.
    Returns the recovery codes."""
    from base64 import b32decode

    from django_otp.oath import TOTP

    assert_accessible(page)
    key = b32decode(page.locator("#secret-key").inner_text().replace(" ", ""))
    page.get_by_label("Code from your authenticator app").fill(f"{TOTP(key).token():06d}")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    assert_accessible(page)
    codes = page.get_by_role("list", name="Recovery codes").locator("code").all_inner_texts()
    click_and_wait(page, page.get_by_role("button", name="I have kept my recovery codes"))
    return codes
