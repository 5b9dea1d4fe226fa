"""The partner API's people and tokens: the world programme's lead issues them; its team, another
programme's lead and team, and someone with no role are the others the pages are tried with."""

import datetime
import zoneinfo

import pytest

from tests.factories import ProgrammeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role
from upon.partners import services

# Today: 1 June 2026, noon, UK time; the clock stopped.
NOON = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOON, tick=False)
    return NOON


@pytest.fixture
def programme(db, authorities):
    return ProgrammeFactory(name="Upon Programme")


@pytest.fixture
def other_programme(db):
    return ProgrammeFactory(name="Another programme")


def holder(programme, role, name):
    return RoleAssignmentFactory(role=role, programme=programme, user__full_name=name).user


@pytest.fixture
def lead(programme):
    return holder(programme, Role.PROGRAMME_LEAD, "Lee Lead")


@pytest.fixture
def team(programme):
    return holder(programme, Role.PROGRAMME_TEAM, "Tess Team")


@pytest.fixture
def other_lead(other_programme):
    return holder(other_programme, Role.PROGRAMME_LEAD, "Olive Otherlead")


@pytest.fixture
def other_team(other_programme):
    return holder(other_programme, Role.PROGRAMME_TEAM, "Otto Otherteam")


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Oona Outsider")


@pytest.fixture
def partner(programme, lead, now):
    return services.add_partner(programme=programme, name="Research Partner", by=lead, now=now)


@pytest.fixture
def issued(partner, lead, now):
    return services.issue_token(partner=partner, name="Dashboard", by=lead, now=now)


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
