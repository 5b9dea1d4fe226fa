import datetime
import zoneinfo

import pytest

from tests.factories import RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role
from upon.organisations.models import Organisation


@pytest.fixture
def today(time_machine, authorities):
    """Today is 1 June 2026 (noon, UK time), the clock stopped; the 153 authorities loaded."""
    noon = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    time_machine.move_to(noon, tick=False)
    return noon.date()


@pytest.fixture
def team(db):
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, user__full_name="Tess Team").user


@pytest.fixture
def other_team(db):
    """The team of another programme: the register is national, so theirs too."""
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, user__full_name="Otto Otherteam").user


@pytest.fixture
def lead(db):
    return RoleAssignmentFactory(role=Role.PROGRAMME_LEAD, user__full_name="Lee Lead").user


@pytest.fixture
def funder(db):
    return RoleAssignmentFactory(role=Role.FUNDER, user__full_name="Fen Funder").user


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Oona Outsider")


def authority(code: str) -> Organisation:
    return Organisation.objects.get(gss_code=code)


@pytest.fixture
def hartlepool(authorities):
    return authority("E06000001")


@pytest.fixture
def barnsley(authorities):
    """Barnsley: E08000038 now, E08000016 before 2025."""
    return authority("E08000038")
