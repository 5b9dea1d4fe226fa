import pytest

from tests.factories import IntakeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role


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
