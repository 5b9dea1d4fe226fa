"""The programme lead opens "Partner API tokens" from their home page, adds a partner
organisation (a blank name first: the error beside the field), issues it a token, copies the
secret shown once, reads the API with it, and revokes it; the API then refuses it. With
JavaScript off: the journey needs none. axe-core and the Nu Html Checker on every page."""

import pytest
from django.test import Client

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, text_of
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from upon.accounts.models import Role
from upon.partners.models import ApiToken

pytestmark = pytest.mark.django_db(transaction=True)
BLANK = "Enter the name of the partner organisation"


def test_the_lead_issues_a_token_and_revokes_it(js_disabled_page):
    page = js_disabled_page
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD,
        programme=programme,
        user__email="lee@lead.example",
        user__full_name="Lee Lead",
    )
    sign_in(page, "lee@lead.example", PASSWORD)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Partner API tokens"))
    assert page.get_by_role("heading", level=1).inner_text() == "Partner API tokens"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Partner organisations and tokens"))
    assert page.get_by_role("heading", level=1).inner_text() == "Partner organisations"
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("button", name="Add a partner organisation"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Add partner organisation"))
    assert page.title().startswith("Error: ")
    assert text_of(page.locator("#id_name-error")) == f"Error: {BLANK}"
    assert_accessible(page)
    page.get_by_label("Name of the partner organisation").fill("Research <Partner>")
    click_and_wait(page, page.get_by_role("button", name="Add partner organisation"))
    assert page.get_by_role("heading", level=2, name="Research <Partner>").is_visible()
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Issue a token to Research <Partner>"))
    assert_accessible(page)
    page.get_by_label("What is the token for?").fill("Dashboard")
    click_and_wait(page, page.get_by_role("button", name="Issue token"))
    secret = page.get_by_label("The token").input_value()
    token = ApiToken.objects.get()
    assert secret.startswith(f"upon_{token.prefix}_")
    assert_accessible(page)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/programme/reports").status_code == 200
    page.reload()
    assert page.get_by_label("The token").count() == 0

    click_and_wait(page, page.get_by_role("button", name="Revoke this token"))
    assert page.get_by_role("heading", level=1).inner_text() == "Revoke Dashboard?"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Revoke token"))
    assert (
        f"Token {token.prefix} revoked: it no longer opens the API."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert_accessible(page)
    assert api.get("/api/v1/programme/reports").status_code == 401
