"""The partner API's people and tokens: the world programme's lead issues them; its team, another
programme's lead and team, and someone with no role are the others the pages are tried with."""

import datetime
import zoneinfo

import pytest

from tests.factories import UserFactory
from upon.partners import services

# Today: 1 June 2026, noon, UK time; the clock stopped.
NOON = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOON, tick=False)
    return NOON


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
