import re

import pytest

from tests.factories import IntakeFactory, ProgrammeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role


@pytest.fixture(autouse=True)
def _site_url(settings):
    # Links in emails are built from SITE_URL; the test client can then follow them.
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Aspiring Directors North")


@pytest.fixture
def intake(programme):
    return IntakeFactory(programme=programme, name="2026 to 2027 intake")


@pytest.fixture
def team(programme):
    """On the programme team (not its lead)."""
    return RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=programme, user__full_name="Tess Team"
    ).user


@pytest.fixture
def lead(programme):
    """Programme lead and team member of the programme."""
    user = UserFactory(full_name="Lee Lead")
    for role in (Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD):
        RoleAssignmentFactory(user=user, role=role, programme=programme)
    return user


@pytest.fixture
def other_team(db):
    """On the team of a different programme."""
    return RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme__name="Aspiring Directors South"
    ).user


def link_in(message, path_prefix: str) -> str:
    """The one link in an email whose path starts with path_prefix, as a path."""
    links = re.findall(r"http://testserver(/\S+)", message.body)
    matching = [link for link in links if link.startswith(path_prefix)]
    assert len(matching) == 1, message.body
    return matching[0]


def sign_in_url(path: str) -> str:
    return f"/account/sign-in/?next={path}"
