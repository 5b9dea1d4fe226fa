"""A new director books a masterclass, sees its "Add to calendar" link and cancels with a check
first; the programme team records who attended an event that has happened.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, summary_list, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.support.coaching_factories import director_in
from upon.accounts.models import Role
from upon.support.models import Booking, BookingStatus, LearningEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def midday(time_machine):
    """Today at noon, UK time, with the clock running."""
    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))
    time_machine.move_to(noon, tick=True)
    return noon


def test_a_director_books_a_masterclass_and_cancels_and_the_team_takes_the_register(page, midday):
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    director = director_in(
        programme, "Dee Director", starts_on=midday.date() - datetime.timedelta(days=30)
    )
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    masterclass = LearningEvent.objects.create(
        programme=programme,
        title="Masterclass: leading through inspection",
        starts_at=midday + datetime.timedelta(days=14),
        ends_at=midday + datetime.timedelta(days=14, hours=3),
        places=10,
        location="Leeds, Civic Hall",
    )
    past = LearningEvent.objects.create(
        programme=programme,
        title="Finance for new directors",
        starts_at=midday - datetime.timedelta(days=7),
        ends_at=midday - datetime.timedelta(days=7) + datetime.timedelta(hours=2),
        places=10,
    )
    Booking.objects.create(event=past, person=director, status=BookingStatus.BOOKED)

    sign_in(page, "dee@council.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Further learning").first)
    assert page.get_by_role("heading", level=1).inner_text() == "Further learning"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name=masterclass.title))
    assert summary_list(page.locator(".govuk-summary-list"))["Your booking"] == "Not booked"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Book a place"))
    assert (
        f"You have a place at {masterclass.title}."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    details = summary_list(page.locator(".govuk-summary-list"))
    assert (
        details["Your booking"],
        details["Places left"],
        details["Your further learning places"],
    ) == (
        "Booked",
        "9 of 10",
        "2 of 3 used",
    )
    calendar_link = page.get_by_role("link", name="Add to calendar")
    assert calendar_link.get_attribute("href") == f"/further-learning/{masterclass.pk}/calendar.ics"
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Cancel booking"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Are you sure you want to cancel your place?"
    )
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Cancel booking"))
    assert (
        f"Your place at {masterclass.title} is cancelled."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert summary_list(page.locator(".govuk-summary-list"))["Your booking"] == "Not booked"
    assert page.get_by_role("button", name="Book a place").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    sign_in(page, "terry@team.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Further learning events").first)
    assert table_rows(page, "Past events")[0][0] == "Finance for new directors"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Finance for new directors"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Save attendance"))
    assert page.title().startswith("Error: ")
    assert (
        "Select whether Dee Director attended" in page.locator(".govuk-error-summary").inner_text()
    )
    assert_accessible(page)
    page.get_by_role("group", name="Did Dee Director attend?").get_by_label("Yes").check()
    click_and_wait(page, page.get_by_role("button", name="Save attendance"))
    assert (
        "Attendance at Finance for new directors saved."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert Booking.objects.get(event=past).attended is True
    assert_accessible(page)
