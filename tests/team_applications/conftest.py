import datetime

import pytest

from tests.factories import IntakeFactory, RoleAssignmentFactory
from upon.accounts.models import Role


@pytest.fixture
def intake(team_member):
    """An intake of the team member's programme."""
    return IntakeFactory(programme=team_member.programme)


@pytest.fixture
def other_team_member(db):
    """A programme team member of another programme."""
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM).user


@pytest.fixture
def at():
    """A fixed moment, n days before a fixed date, for submission times."""
    base = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)

    def moment(days_before: int) -> datetime.datetime:
        return base - datetime.timedelta(days=days_before)

    return moment
