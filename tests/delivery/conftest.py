import pytest

from tests.delivery.factories import CohortFactory, ParticipantFactory, facilitator_for
from tests.factories import IntakeFactory, RoleAssignmentFactory
from upon.accounts.models import Role


@pytest.fixture
def cohort(authorities):
    return CohortFactory(intake=IntakeFactory(name="2027 to 2028 intake", slug="cohort-2027"))


@pytest.fixture
def other_cohort(authorities):
    """A cohort in another programme."""
    return CohortFactory()


@pytest.fixture
def participant(cohort):
    return ParticipantFactory(cohort=cohort, user__full_name="Pat Participant")


@pytest.fixture
def other_participant(cohort):
    """Another participant in the same cohort."""
    return ParticipantFactory(cohort=cohort, user__full_name="Quinn Colleague")


@pytest.fixture
def facilitator(cohort):
    return facilitator_for(cohort, full_name="Fran Facilitator")


@pytest.fixture
def team(cohort):
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=cohort.intake.programme).user


@pytest.fixture
def other_team(other_cohort):
    """Programme team for another programme: an outsider to `cohort`."""
    return RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=other_cohort.intake.programme
    ).user
