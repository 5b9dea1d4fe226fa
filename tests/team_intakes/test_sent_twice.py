"""A programme or an intake, sent ten times with one token, is created once."""

import pytest

from tests.helpers import assert_saved_once
from tests.team_intakes.test_intake_create import form_data
from tests.team_intakes.test_programme_create import DATA
from upon.programmes.models import Intake, Programme
from upon.recruitment.models import Capability

pytestmark = pytest.mark.django_db


def test_a_programme(client, team_member):
    client.force_login(team_member)
    assert_saved_once(client, "/team/programmes/new/", DATA, Programme.objects)


def test_an_intake_and_its_capabilities(client, team_member):
    client.force_login(team_member)
    assert_saved_once(
        client, "/team/intakes/new/", form_data(team_member.programme), Intake.objects
    )
    assert Capability.objects.filter(intake=Intake.objects.get()).count() == 7
