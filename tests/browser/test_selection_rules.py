"""Issue 11's rules in a browser: a career history short of the minimum needs a reason and is
flagged to the team; assigning over a conflict needs a reason; a further review that cannot be
assigned says why; the team's list of applications with no next step.

axe-core and the Nu Html Checker run on every page reached.
"""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, table_rows
from tests.factories import (
    PASSWORD,
    CapabilityStatementFactory,
    CareerEntryFactory,
    EndorsementFactory,
    IntakeFactory,
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
from upon.organisations.models import Organisation
from upon.recruitment.models import Application, ApplicationStatus
from upon.selection.models import Decision, ReviewAssignment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def intake(authorities):
    intake = IntakeFactory(name="2027 intake", slug="2027-intake")
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=intake.programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    return intake


def go(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def test_a_short_career_history_needs_a_reason_and_the_team_sees_it(page, intake):
    applicant = UserFactory(email="amara@council.example", full_name="Amara Okafor")
    employer = Organisation.objects.get(name="Leeds")
    application = Application.objects.create(
        applicant=applicant,
        intake=intake,
        reference="ADCS-1",
        full_name="Amara Okafor",
        phone="07700 900982",
        leadership_years=4,
        director_potential=True,
        job_title="Head of Service",
        role_level="assistant_director",
        sector="local_government",
        employer=employer,
        region=employer.region,
        role_started=datetime.date(2021, 4, 1),
        completed_sections=["about_you", "current_role", "career"]
        + [f"statement_{c.position}" for c in intake.capabilities.all()],
    )
    today = timezone.localdate()
    CareerEntryFactory(application=application, started=today.replace(year=today.year - 2))
    for capability in intake.capabilities.all():
        CapabilityStatementFactory(application=application, capability=capability)
    EndorsementFactory(
        application=application,
        status="endorsed",
        requested_at=application.created_at,
        responded_at=application.created_at,
    )

    sign_in(page, "amara@council.example", PASSWORD)
    go(page, "/applications/ADCS-1/check/")
    page.get_by_label("I confirm the information").check()
    click_and_wait(page, page.get_by_role("button", name="Submit application"))
    assert_accessible(page)
    assert error_summary(page) == [
        (
            "Enter why your career history shows less senior leadership than the minimum of "
            "3 years",
            "#id_leadership_reason",
        )
    ]
    page.get_by_label("Why does your career history show less senior leadership?").fill(
        "I was interim head of service for two years before that."
    )
    page.get_by_label("I confirm the information").check()
    click_and_wait(page, page.get_by_role("button", name="Submit application"))
    assert_accessible(page)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
    page.context.clear_cookies()

    sign_in(page, "terry@team.example", PASSWORD)
    go(page, "/team/applications/ADCS-1/")
    content = page.content()
    assert (
        "Career history shows 2 years 0 months of senior leadership; the applicant said 4 years"
        in content
    )
    assert "I was interim head of service for two years before that." in content


def test_the_team_overrides_a_conflict_with_a_reason_and_finds_stranded_applications(page, intake):
    SelectionSettingsFactory(intake=intake, places=1, composition_confirmed_at=timezone.now())
    application = SubmittedApplicationFactory(
        intake=intake, reference="ADCS-2", full_name="Zadie Quartermain"
    )
    ReviewerFactory(
        intake=intake,
        conflict_people="Zadie Quartermain",
        user=UserFactory(full_name="Rowan Reviewer"),
    )
    team = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=intake.programme).user
    Decision.objects.create(
        application=SubmittedApplicationFactory(intake=intake, reference="ADCS-3"),
        outcome="decline",
        rationale="r",
        decided_by=team,
    )

    sign_in(page, "terry@team.example", PASSWORD)
    go(page, "/team/applications/ADCS-2/reviewers/")
    assert page.get_by_label("Assign anyway, despite the conflict of interest").count() == 0
    page.get_by_label("Reviewer").select_option(label="Rowan Reviewer")
    click_and_wait(page, page.get_by_role("button", name="Add reviewer"))
    assert_accessible(page)
    page.get_by_label("Assign anyway, despite the conflict of interest").check()
    click_and_wait(page, page.get_by_role("button", name="Add reviewer"))
    assert_accessible(page)
    assert error_summary(page) == [
        ("Enter why this conflict of interest does not matter", "#id_conflict_reason")
    ]
    page.get_by_label("Assign anyway, despite the conflict of interest").check()
    page.get_by_label("Why does this conflict of interest not matter?").fill(
        "They met once, years ago."
    )
    click_and_wait(page, page.get_by_role("button", name="Add reviewer"))
    assert_accessible(page)
    assert ReviewAssignment.objects.get().application == application

    go(page, f"/team/intakes/{intake.pk}/selection/cohort/")
    click_and_wait(page, page.get_by_role("link", name="No next step"))
    assert_accessible(page)
    rows = [row[:2] for row in table_rows(page, "with no next step")]
    assert rows == [
        ["ADCS-2", "Submitted with no panel decision, and the cohort has been confirmed"],
        ["ADCS-3", "Declined, and the decision has not been sent"],
    ]


def test_a_further_review_that_cannot_be_assigned_says_why(page, intake):
    SelectionSettingsFactory(intake=intake, places=2)
    lenient = ReviewerFactory(intake=intake, user=UserFactory(full_name="Lenient Lee"))
    severe = ReviewerFactory(intake=intake, user=UserFactory(full_name="Severe Sam"))
    disputed = SubmittedApplicationFactory(intake=intake, reference="ADCS-4")
    calm = SubmittedApplicationFactory(intake=intake, reference="ADCS-5")
    for application, (high, low) in [(disputed, (4, 1)), (calm, (3, 3))]:
        submitted_review(
            ReviewAssignmentFactory(reviewer=lenient, application=application), [high] * 7
        )
        submitted_review(
            ReviewAssignmentFactory(reviewer=severe, application=application), [low] * 7
        )

    sign_in(page, "terry@team.example", PASSWORD)
    go(page, f"/team/intakes/{intake.pk}/selection/calibration/")
    click_and_wait(page, page.get_by_role("button", name="Assign a further review to each"))
    assert_accessible(page)
    assert (
        "1 application could not get one: ADCS-4 (every reviewer already reviews it)."
        in page.content()
    )
