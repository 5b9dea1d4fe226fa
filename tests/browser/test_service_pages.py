import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accessibility/", "Accessibility statement for Upon"),
        ("/privacy/", "Privacy notice"),
        ("/cookies/", "Cookies"),
        ("/no-such-page/", "Page not found"),
    ],
)
def test_service_pages_are_accessible(page, path, heading):
    page.goto(path)
    assert page.locator("h1").inner_text() == heading
    assert_accessible(page)


def test_footer_links_reach_each_page_by_keyboard(page):
    page.goto("/accessibility/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    footer_link = page.locator("footer").get_by_role("link", name="Privacy notice")
    footer_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/privacy/")
    assert page.locator("h1").inner_text() == "Privacy notice"
