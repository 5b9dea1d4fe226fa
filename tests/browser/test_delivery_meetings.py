"""A set's meeting in a browser, without JavaScript: the team plans an online meeting for one
set and publishes it; the set's facilitator finds it to take the register; a member of another
set never sees it, a member of the set does.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait
from tests.delivery.factories import (
    ActionLearningSetFactory,
    CohortFactory,
    ParticipantFactory,
    facilitator_for,
)
from tests.factories import PASSWORD, IntakeFactory, RoleAssignmentFactory
from upon.accounts.models import Role
from upon.delivery.models import Session, SessionKind

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_sets(authorities):
    """Set Kestrel (Fran facilitates; Pat is in it) and Set Osprey (Ola; Quinn), and Terry of
    the programme team."""
    cohort = CohortFactory(intake=IntakeFactory(name="2027 intake", slug="2027-intake"))
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=cohort.intake.programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    for set_name, runner, member in (
        ("Set Kestrel", "Fran Facilitator", "Pat Participant"),
        ("Set Osprey", "Ola Otherfacilitator", "Quinn Colleague"),
    ):
        facilitator = facilitator_for(
            cohort, full_name=runner, email=runner.split()[0].lower() + "@example.org"
        )
        the_set = ActionLearningSetFactory(cohort=cohort, name=set_name, facilitator=facilitator)
        ParticipantFactory(
            cohort=cohort,
            action_learning_set=the_set,
            user__full_name=member,
            user__email=member.split()[0].lower() + "@council.example",
        )
    return cohort


def go(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def click(page, locator) -> None:
    click_and_wait(page, locator)
    assert_accessible(page)


def as_person(page, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email, PASSWORD)


def test_the_team_plans_a_sets_meeting_its_facilitator_sees_it_another_set_does_not(
    js_disabled_page, two_sets
):
    page, cohort = js_disabled_page, two_sets
    day = timezone.localdate() + datetime.timedelta(days=14)

    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/cohorts/{cohort.pk}/sets/")
    click(page, page.get_by_role("link", name="Meetings of Set Kestrel"))
    expect(page.locator("main")).to_contain_text("No meetings planned yet.")
    click(page, page.get_by_role("link", name="Plan a meeting"))
    expect(page.locator("main")).to_contain_text("Fran Facilitator runs it")
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("13:00")
    page.get_by_role("radio", name="Online").check()
    # Without the link first: planned, but the timetable cannot be published.
    click(page, page.get_by_role("button", name="Plan meeting"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Set Kestrel meeting planned. It is not published yet."
    )
    expect(page.locator("main")).to_contain_text("No joining link")
    go(page, f"/team/cohorts/{cohort.pk}/timetable/")
    expect(page.locator("main")).to_contain_text(
        "The timetable cannot be published until every session that meets online has a "
        "joining link."
    )
    expect(page.get_by_role("link", name="Check and publish 1 session")).to_have_count(0)
    click(page, page.locator("#without-links").get_by_role("link", name="Set Kestrel meeting"))
    page.get_by_label("Joining link (for an online meeting)").fill("https://meet.example.com/k")
    click(page, page.get_by_role("button", name="Save changes"))
    go(page, f"/team/cohorts/{cohort.pk}/timetable/")
    click(page, page.get_by_role("link", name="Check and publish 1 session"))
    assert_accessible(page)
    click(page, page.get_by_role("button", name="Publish 1 session"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 session published.")
    meeting = Session.objects.get(kind=SessionKind.ACTION_LEARNING)
    assert (meeting.published, meeting.joining_link) == (True, "https://meet.example.com/k")
    assert [p.full_name for p in meeting.facilitators.all()] == ["Fran Facilitator"]

    # The set's facilitator finds it, with its register.
    as_person(page, "fran@example.org")
    go(page, "/facilitating/")
    expect(page.locator("main")).to_contain_text("Set Kestrel meeting")
    # The other set's facilitator and member do not see it; the set's member does.
    as_person(page, "ola@example.org")
    go(page, "/facilitating/")
    expect(page.locator("main")).not_to_contain_text("Set Kestrel meeting")
    as_person(page, "quinn@council.example")
    go(page, "/programme/")
    expect(page.locator("main")).not_to_contain_text("Set Kestrel meeting")
    as_person(page, "pat@council.example")
    go(page, "/programme/")
    expect(page.locator("main")).to_contain_text("Set Kestrel meeting")
