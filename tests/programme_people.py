"""The people of a programme and of another one, as the outcomes' and partners' tests use them:
its lead, team and funder; the other programme's, who must find nothing of the first. Every test
has them (tests/conftest.py's pytest_plugins); a module's own fixture of the same name wins."""

import pytest

from tests.factories import ProgrammeFactory, holder
from upon.accounts.models import Role


@pytest.fixture
def programme(authorities):
    return ProgrammeFactory(name="Upon Programme")


@pytest.fixture
def other_programme(db):
    return ProgrammeFactory(name="Another programme")


@pytest.fixture
def lead(programme):
    return holder(programme, Role.PROGRAMME_LEAD, "Lee Lead")


@pytest.fixture
def team(programme):
    return holder(programme, Role.PROGRAMME_TEAM, "Tess Team")


@pytest.fixture
def funder(programme):
    return holder(programme, Role.FUNDER, "Fern Funder")


@pytest.fixture
def other_lead(other_programme):
    return holder(other_programme, Role.PROGRAMME_LEAD, "Olive Otherlead")


@pytest.fixture
def other_team(other_programme):
    return holder(other_programme, Role.PROGRAMME_TEAM, "Otto Otherteam")


@pytest.fixture
def other_funder(other_programme):
    return holder(other_programme, Role.FUNDER, "Fay Otherfunder")
