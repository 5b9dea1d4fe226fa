"""Issue 11's charts in a browser without JavaScript: the programme lead visits every page with a
chart (the intake's funnel, calibration, adverse impact monitoring, the cohort's needs and
session feedback); each chart is an SVG image named by its title and summary, beside its table,
and axe-core and the Nu Html Checker find nothing on any of them."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait
from tests.delivery.factories import (
    CohortFactory,
    ParticipantFactory,
    SessionFactory,
    facilitator_for,
)
from tests.delivery.test_needs import rate
from tests.factories import PASSWORD, IntakeFactory, RoleAssignmentFactory, UserFactory
from tests.reporting.test_adverse_impact_report import populate
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from upon.accounts.models import Role
from upon.delivery.models import SessionFeedback
from upon.recruitment.models import Application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def year(authorities):
    """An intake with 12 applicants (7 women, 5 men; 6 offered), two reviewers, and a cohort
    of three who have rated themselves and a session they attended."""
    intake = IntakeFactory(name="2027 intake", slug="2027-intake")
    lead = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD,
        programme=intake.programme,
        user__email="lena@team.example",
        user__full_name="Lena Lead",
    ).user
    populate(intake, lead, female=(7, 4), male=(5, 2))
    SelectionSettingsFactory(intake=intake)
    reviewers = [
        ReviewerFactory(intake=intake, user=UserFactory(full_name=name))
        for name in ("Lenient Lee", "Severe Sam")
    ]
    for application, (high, low) in zip(
        Application.objects.filter(intake=intake).order_by("pk")[:4],
        [(4, 3), (3, 3), (3, 2), (4, 2)],
        strict=True,
    ):
        for reviewer, score in zip(reviewers, (high, low), strict=True):
            submitted_review(
                ReviewAssignmentFactory(reviewer=reviewer, application=application), [score] * 7
            )
    cohort = CohortFactory(intake=intake)
    people = [ParticipantFactory(cohort=cohort) for _ in range(3)]
    for person, ratings in zip(
        people, ([1, 2, 3, 4, 5, 1, 2], [2, 2, 3, 4, 5, 2, 2], [3, 2, 4, 4, 5, 3, 3]), strict=True
    ):
        rate(person, ratings)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    starts = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(9, 30)))
    session = SessionFactory(
        cohort=cohort,
        title="Leading in complexity",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
    )
    session.facilitators.add(facilitator_for(cohort, full_name="Fran Facilitator"))
    for person, rating in zip(people, (5, 4, 4), strict=True):
        SessionFeedback.objects.create(session=session, participant=person, rating=rating)
    return intake, cohort


def expect_chart(page, name: str) -> None:
    """The chart is an image named by its title, and its figures are in a table too."""
    chart = page.get_by_role("img", name=name)
    expect(chart).to_be_visible()
    assert page.locator("table").count() >= 1


def test_the_lead_reads_every_chart_without_javascript(js_disabled_page, year):
    page = js_disabled_page
    intake, cohort = year
    sign_in(page, "lena@team.example", PASSWORD)
    page.goto(f"/team/intakes/{intake.pk}/")
    expect_chart(page, "Applications at each stage")
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Adverse impact monitoring"))
    expect_chart(page, "What is your sex? Share offered a place")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Show shortlisted"))
    expect_chart(page, "What is your sex? Share shortlisted")
    assert_accessible(page)

    page.goto(f"/team/intakes/{intake.pk}/selection/calibration/")
    expect_chart(page, "Reviewers' leniency")
    assert_accessible(page)

    page.goto(f"/team/cohorts/{cohort.pk}/needs/")
    expect_chart(page, "Self-ratings at the start of the year")
    assert_accessible(page)

    page.goto(f"/team/cohorts/{cohort.pk}/feedback/")
    expect_chart(page, "Ratings by facilitator")
    expect_chart(page, "Ratings by session")
    assert_accessible(page)
