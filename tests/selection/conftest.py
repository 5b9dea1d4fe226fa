import pytest

from tests.factories import (
    CapabilityStatementFactory,
    CareerEntryFactory,
    EndorsementFactory,
    IntakeFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from tests.selection.factories import ReviewAssignmentFactory, ReviewerFactory


@pytest.fixture
def intake(authorities):
    return IntakeFactory(name="Intake 2027", slug="intake-2027")


@pytest.fixture
def reviewer(intake):
    return ReviewerFactory(intake=intake, user=UserFactory(full_name="Rowan Reviewer"))


@pytest.fixture
def other_reviewer(intake):
    """Another reviewer for the same intake."""
    return ReviewerFactory(intake=intake, user=UserFactory(full_name="Sam Second"))


@pytest.fixture
def application(intake):
    """A submitted application with a career, statements and an endorsement."""
    application = SubmittedApplicationFactory(
        intake=intake,
        applicant=UserFactory(full_name="Zadie Quartermain", email="zadie@council.example"),
        full_name="Zadie Quartermain",
        phone="020 7946 0999",
        job_title="Assistant Director, Early Help",
    )
    CareerEntryFactory(
        application=application,
        employer_name="Blackwater Borough Council",
        job_title="Head of Safeguarding",
        summary="Led the front door.",
    )
    for capability in intake.capabilities.all():
        CapabilityStatementFactory(
            application=application,
            capability=capability,
            text=f"My evidence for {capability.name}.",
        )
    EndorsementFactory(
        application=application,
        sponsor_name="Priya Sponsorwell",
        sponsor_email="priya@council.example",
    )
    return application


@pytest.fixture
def assignment(reviewer, application):
    return ReviewAssignmentFactory(reviewer=reviewer, application=application)


@pytest.fixture
def team(intake):
    """A member of the intake's programme team (not the lead)."""
    from tests.factories import RoleAssignmentFactory
    from upon.accounts.models import Role

    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=intake.programme).user


@pytest.fixture
def lead(intake):
    from tests.factories import RoleAssignmentFactory
    from upon.accounts.models import Role

    return RoleAssignmentFactory(role=Role.PROGRAMME_LEAD, programme=intake.programme).user


@pytest.fixture
def other_team(db):
    """A team member of another programme."""
    from tests.factories import RoleAssignmentFactory
    from upon.accounts.models import Role

    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM).user
