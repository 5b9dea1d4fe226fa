"""A stale save in the browser: the page shows what is saved now beside what was typed, keeps
what was typed, and passes the accessibility and HTML checks; saving again applies it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait
from tests.browser.test_delivery_sets import PASSWORD, cohort  # noqa: F401 (a fixture)
from upon.delivery.models import Cohort
from upon.service.versioning import claim

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_stale_save_shows_both_versions_and_keeps_what_was_typed(page, cohort):  # noqa: F811
    sign_in(page, "terry@team.example", PASSWORD)
    page.goto(f"/team/cohorts/{cohort.pk}/settings/")
    page.get_by_label("Cohort name").fill("Typed here")
    # Someone else saves first.
    elsewhere = Cohort.objects.get(pk=cohort.pk)
    claim(elsewhere, version=1)
    Cohort.objects.filter(pk=cohort.pk).update(name="Saved elsewhere")

    click_and_wait(page, page.get_by_role("button", name="Save"))

    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Someone else changed this while you were editing"
    )
    expect(page.locator("#stale-version table")).to_contain_text("Saved elsewhere")
    expect(page.get_by_label("Cohort name")).to_have_value("Typed here")
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Typed here updated.")
    assert Cohort.objects.values_list("name", "version").get() == ("Typed here", 3)
