"""The check-before-you-do-it pages with JavaScript off (issue 11, item 6): the lead confirms
the cohort, the team publishes the timetable, an applicant declines their place; each check
page says what will happen, and nothing happens until its button is pressed. axe-core and the
Nu checker on every page."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait
from tests.delivery.factories import CohortFactory, ParticipantFactory, SessionFactory
from tests.factories import (
    PASSWORD,
    IntakeFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from upon.accounts.models import Role
from upon.selection import decisions, offers
from upon.selection.models import Offer, OfferStatus

pytestmark = pytest.mark.django_db(transaction=True)


def go(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def click(page, locator) -> None:
    click_and_wait(page, locator)
    assert_accessible(page)


def main_text(page) -> str:
    return page.locator("main").inner_text()


def test_the_lead_confirms_the_cohort_after_checking(js_disabled_page, authorities):
    page = js_disabled_page
    intake = IntakeFactory(name="2027 intake", slug="2027-intake")
    lead = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, programme=intake.programme, user__email="lena@team.example"
    ).user
    SelectionSettingsFactory(intake=intake, places=2, one_per_region=False, offer_days=14)
    reviewer = ReviewerFactory(intake=intake, capacity=20)
    for name, score in (("Ada Able", 4), ("Ben Bright", 3), ("Cal Capable", 2)):
        application = SubmittedApplicationFactory(
            intake=intake, employer=OrganisationFactory(), region="E12000007", full_name=name
        )
        submitted_review(
            ReviewAssignmentFactory(reviewer=reviewer, application=application), [score] * 7
        )
        decisions.decide(
            application=application,
            outcome="shortlist",
            rationale="r",
            decided_by=lead,
            version=None,
        )
    sign_in(page, "lena@team.example", PASSWORD)
    go(page, f"/team/intakes/{intake.pk}/selection/cohort/")
    click(page, page.get_by_role("link", name="Check and confirm the cohort"))
    text = main_text(page)
    assert "You are confirming a cohort of 2 and sending 2 offers:" in text
    assert "Ada Able" in text and "Ben Bright" in text and "Cal Capable" not in text
    assert "1 person will go on the waiting list" in text
    assert not Offer.objects.exists()
    click(page, page.get_by_role("button", name="Confirm cohort and send offers"))
    assert "Cohort confirmed. 2 offers sent; 1 person on the waiting list." in main_text(page)
    assert Offer.objects.count() == 2


def test_the_team_publishes_the_timetable_after_checking(js_disabled_page, authorities):
    page = js_disabled_page
    cohort = CohortFactory(intake=IntakeFactory(name="2027 intake", slug="2027-intake"))
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=cohort.intake.programme, user__email="t@team.example"
    )
    ParticipantFactory(cohort=cohort)
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    SessionFactory(
        cohort=cohort,
        title="Systems leadership",
        published=False,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
    )
    sign_in(page, "t@team.example", PASSWORD)
    go(page, f"/team/cohorts/{cohort.pk}/timetable/")
    click(page, page.get_by_role("link", name="Check and publish 1 session"))
    text = main_text(page)
    assert "You are publishing 1 session:" in text and "Systems leadership" in text
    assert "1 participant and 0 facilitators will be emailed the details." in text
    click(page, page.get_by_role("button", name="Publish 1 session"))
    assert "1 session published." in main_text(page)
    assert cohort.sessions.get().published


def test_an_applicant_declines_after_checking(js_disabled_page, authorities):
    page = js_disabled_page
    intake = IntakeFactory(name="2027 intake", slug="2027-intake")
    SelectionSettingsFactory(intake=intake, places=2, offer_days=14)
    applicant = UserFactory(email="ben@council.example")
    offer = offers.send_offer(
        application=SubmittedApplicationFactory(intake=intake, applicant=applicant)
    )
    sign_in(page, "ben@council.example", PASSWORD)
    go(page, f"/applications/{offer.application.reference}/offer/")
    click(page, page.get_by_role("link", name="Decline my place"))
    assert "Your place will be offered to the next person on the waiting list." in main_text(page)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING
    page.get_by_label("Why are you declining? (optional)").fill("My employer needs me.")
    click(page, page.get_by_role("button", name="Decline my place"))
    assert "You have declined your offer." in main_text(page)
    offer.refresh_from_db()
    assert (offer.status, offer.decline_reason) == (OfferStatus.DECLINED, "My employer needs me.")
