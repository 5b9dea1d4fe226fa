"""Clicking "Save venue" twice sends the form twice and adds one venue (upon/service/once.py).

Chromium folds a true double click into one request, so the first click's answer is lost on
the way back instead (the server has saved; the page stays put, as on a slow connection) and
the person clicks again.

axe-core and the Nu Html Checker run on both pages.
"""

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.delivery.factories import CohortFactory
from tests.factories import PASSWORD, RoleAssignmentFactory
from upon.accounts.models import Role
from upon.delivery.models import Venue

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_double_click_adds_one_venue(page, authorities):
    cohort = CohortFactory()
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=cohort.intake.programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    sign_in(page, "terry@team.example", PASSWORD)
    page.goto(f"/team/cohorts/{cohort.pk}/venues/new/")
    assert_accessible(page)
    page.get_by_label("Venue name").fill("Civic Hall")
    page.get_by_label("Address").fill("1 High Street, Northtown")
    lost = []

    def first_answer_lost(route):
        if route.request.method == "POST" and not lost:
            lost.append(route.fetch(max_redirects=0).status)
            route.fulfill(status=204)  # no content: the browser stays on the form
        else:
            route.continue_()

    page.route("**/venues/new/", first_answer_lost)
    save = page.get_by_role("button", name="Save venue")
    save.click()
    page.wait_for_load_state("networkidle")
    assert lost == [302]
    assert Venue.objects.count() == 1
    with page.expect_navigation(url=f"**/team/cohorts/{cohort.pk}/venues/"):
        save.click()
    assert list(Venue.objects.values_list("name", flat=True)) == ["Civic Hall"]
    assert "It has been saved once." in page.content()
    assert_accessible(page)
