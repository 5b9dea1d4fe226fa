"""Shared fixtures of the network tests: a programme with the local authorities, its team, two
of its members (an alumnus and a peer), an outsider, and a stopped clock."""

import datetime
import zoneinfo

import pytest

from tests.factories import ProgrammeFactory, RoleAssignmentFactory, UserFactory
from tests.network.factories_directory import member
from upon.accounts.models import Role


@pytest.fixture
def programme(authorities):
    return ProgrammeFactory(name="Upon Programme", slug="upon-programme")


@pytest.fixture
def team(programme):
    return RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=programme, user__full_name="Tess Team"
    ).user


@pytest.fixture
def alumnus(programme):
    return member(programme, full_name="Alex Alumnus", email="alex@council.example")


@pytest.fixture
def peer(programme):
    return member(programme, full_name="Priya Peer", email="priya@council.example")


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Oona Outsider")


@pytest.fixture
def june_2026(time_machine):
    """Today is 1 June 2026 (noon, UK time), the clock stopped."""
    noon = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    time_machine.move_to(noon, tick=False)
    return noon.date()
