"""The development outbox (DEBUG only) and the team's admin, in the browser."""

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory

# The fixture that turns DEBUG on and loads the URLconf again under it.
from tests.service.test_outbox import dev, send  # noqa: F401
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def watch_csp(page) -> list[str]:
    """Console messages about the Content Security Policy refusing something, with the page.

    Left out: htmx's own indicator style, which htmx tries to add to every page of the service
    and the policy refuses (harmless: no page uses htmx's indicators; htmx.config
    includeIndicatorStyles = false in frontend/js would stop the attempt).
    """
    refused = []

    def on_console(message):
        if "Content Security Policy" in message.text and not message.location.get(
            "url", ""
        ).endswith("/htmx.min.js"):
            refused.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return refused


@pytest.mark.usefixtures("dev")
def test_the_outbox_lists_and_shows_an_email_with_its_link(page, settings):
    send(
        settings.EMAIL_FILE_PATH,
        "Confirm your email address",
        "Hello <Ada>,\n\nFollow https://upon.example/confirm/x/",
    )
    user = UserFactory()
    refused = watch_csp(page)
    sign_in(page, user.email, PASSWORD)
    page.goto("/dev/outbox/")
    assert page.locator("h1").inner_text() == "Outbox"
    assert_accessible(page)
    page.get_by_role("link", name="Confirm your email address").click()
    page.wait_for_url("**/dev/outbox/**/1/")
    assert page.locator("h1").inner_text() == "Confirm your email address"
    assert "Hello <Ada>," in page.locator("main").inner_text()
    link = page.get_by_role("link", name="https://upon.example/confirm/x/")
    assert link.get_attribute("href") == "https://upon.example/confirm/x/"
    assert_accessible(page)
    assert refused == []


def test_the_team_admin_renders_under_the_content_security_policy(page, authorities):
    member = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM).user
    refused = watch_csp(page)
    sign_in(page, member.email, PASSWORD)
    for path in (
        "/team-admin/",
        "/team-admin/accounts/roleassignment/?q=a",
        f"/team-admin/accounts/user/{member.pk}/change/",
        f"/team-admin/accounts/user/{member.pk}/history/",
        "/team-admin/programmes/intake/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
    assert refused == []
