"""A new director ranks the coaches on their shortlist, the programme team runs the match and
confirms it, and the coach finds the director on their page; with JavaScript off: the journey
needs none.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.support.coaching_factories import coach_in, director_in
from upon.accounts.models import Role
from upon.support.models import CoachingRelationship

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def midday(time_machine):
    """Today at noon, UK time, with the clock running."""
    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))
    time_machine.move_to(noon, tick=True)
    return noon.date()


def test_a_director_ranks_coaches_the_team_confirms_the_match_and_the_coach_sees_them(
    js_disabled_page, midday
):
    page = js_disabled_page
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    director_in(programme, "Dee Director", starts_on=midday - datetime.timedelta(days=30))
    coach_in(programme, "Cal Coach", regions=["E12000003"], specialisms=[4])
    coach_in(programme, "Kim Coach")
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )

    sign_in(page, "dee@council.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your coach").first)
    assert page.get_by_role("heading", level=1).inner_text() == "Your coach"
    assert page.get_by_text("Coaches in Yorkshire and The Humber, your region").is_visible()
    assert_accessible(page)
    page.get_by_label("Rank for Kim Coach").select_option("1")
    page.get_by_label("Rank for Cal Coach").select_option("1")
    click_and_wait(page, page.get_by_role("button", name="Save ranking"))
    assert page.title().startswith("Error: ")
    assert (
        "Select a different rank for each coach"
        in page.locator(".govuk-error-message").inner_text()
    )
    assert page.get_by_label("Rank for Kim Coach").input_value() == "1"
    assert_accessible(page)
    page.get_by_label("Rank for Cal Coach").select_option("2")
    click_and_wait(page, page.get_by_role("button", name="Save ranking"))
    assert "Your ranking is saved" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    sign_in(page, "terry@team.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Coach pool").first)
    assert [row[:2] for row in table_rows(page, "Coaches")] == [
        ["Cal Coach", "Upon Programme"],
        ["Kim Coach", "Upon Programme"],
    ]
    assert_accessible(page)
    click_and_wait(
        page, page.get_by_role("link", name="Match directors with coaches in Upon Programme")
    )
    assert table_rows(page, "Directors waiting for a coach") == [
        ["Dee Director", "Kim Coach", "Your 1st choice", "Kim Coach", "Your 1st choice"]
    ]
    assert page.get_by_text("The price of stability: 0.0%").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Confirm the best match"))
    assert (
        "Match confirmed: 1 director has a coach."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert page.get_by_text("No director is waiting for a coach.").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    relationship = CoachingRelationship.objects.get()
    assert (str(relationship.coach), relationship.confirmed_by.email) == (
        "Kim Coach",
        "terry@team.example",
    )

    sign_in(page, "kim@coach.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your directors").first)
    [row] = table_rows(page, "Directors you coach")
    assert row[:3] == ["Dee Director", "Leeds", f"{midday.day} {midday:%B %Y}"]
    assert_accessible(page)
