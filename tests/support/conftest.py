import pytest

from tests.factories import ProgrammeFactory, RoleAssignmentFactory
from tests.support.factories import alumnus_of
from upon.accounts.models import Role


@pytest.fixture
def programme(authorities):
    return ProgrammeFactory(name="Upon Programme", slug="upon-programme")


@pytest.fixture
def alumnus(programme):
    return alumnus_of(programme, full_name="Alex Alumnus", email="alex@council.example")


@pytest.fixture
def other_alumnus(programme):
    """Another alumnus of the same programme."""
    return alumnus_of(programme, full_name="Sam Secondalumnus")


@pytest.fixture
def team(programme):
    return RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=programme, user__full_name="Tess Team"
    ).user


@pytest.fixture
def other_team(authorities):
    """The team of another programme."""
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, user__full_name="Otto Otherteam").user


@pytest.fixture
def june_2026(time_machine):
    """Today is 1 June 2026 (noon, UK time), the clock stopped."""
    import datetime
    import zoneinfo

    noon = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    time_machine.move_to(noon, tick=False)
    return noon.date()


@pytest.fixture
def outsider(db):
    from tests.factories import UserFactory

    return UserFactory(full_name="Oona Outsider")


@pytest.fixture
def director(programme):
    """Completed the programme on 31 July 2025 (an alumnus, not yet a director)."""
    import datetime

    from tests.support.factories import completed_participant

    return completed_participant(
        programme, ends_on=datetime.date(2025, 7, 31), full_name="Dee Director"
    )
