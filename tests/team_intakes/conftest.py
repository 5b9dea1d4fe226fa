import pytest

from tests.factories import IntakeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role

# The intake form's dates and settings as a person types them (dates in three boxes, UK time).
INTAKE_FORM_DATES = {
    "opens_date_0": "14",
    "opens_date_1": "9",
    "opens_date_2": "2027",
    "opens_time": "09:00",
    "closes_date_0": "14",
    "closes_date_1": "10",
    "closes_date_2": "2027",
    "closes_time": "23:59",
    "selection_starts_0": "18",
    "selection_starts_1": "10",
    "selection_starts_2": "2027",
    "selection_ends_0": "31",
    "selection_ends_1": "10",
    "selection_ends_2": "2027",
    "programme_starts_0": "15",
    "programme_starts_1": "11",
    "programme_starts_2": "2027",
    "programme_ends_0": "30",
    "programme_ends_1": "6",
    "programme_ends_2": "2028",
    "capacity": "40",
    "min_leadership_years": "3",
    "director_horizon_years": "three to five",
}


@pytest.fixture
def intake(team_member):
    """An open intake of the team member's programme."""
    return IntakeFactory(programme=team_member.programme, name="Owned intake")


@pytest.fixture
def other_team_member(db):
    """On the team of a different programme."""
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM).user


@pytest.fixture
def lead(intake):
    """Programme lead (and team member) of the intake's programme."""
    user = UserFactory()
    for role in (Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD):
        RoleAssignmentFactory(user=user, role=role, programme=intake.programme)
    return user


def sign_in_url(path: str) -> str:
    return f"/account/sign-in/?next={path}"
