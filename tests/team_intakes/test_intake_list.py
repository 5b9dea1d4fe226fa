import datetime

import pytest
from django.utils import timezone

from tests.factories import ApplicationFactory, IntakeFactory
from tests.team_intakes.conftest import sign_in_url
from upon.recruitment.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def test_team_home_goes_to_the_intakes_list(client, team_member):
    client.force_login(team_member)
    response = client.get("/team/")
    assert response.status_code == 302
    assert response.url == "/team/intakes/"


def test_team_home_is_forbidden_to_people_outside_any_team(client, outsider):
    client.force_login(outsider)
    assert client.get("/team/").status_code == 403


def test_team_home_asks_anonymous_people_to_sign_in(client):
    assert client.get("/team/").url == sign_in_url("/team/")


def test_list_shows_only_the_members_programmes_with_status_and_received_count(
    client, team_member, intake, other_team_member
):
    now = timezone.now()
    upcoming = IntakeFactory(
        programme=team_member.programme,
        name="Upcoming intake",
        opens_at=now + datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(days=60),
    )
    closed = IntakeFactory(
        programme=team_member.programme,
        name="Closed intake",
        opens_at=now - datetime.timedelta(days=400),
        closes_at=now - datetime.timedelta(days=370),
    )
    others = IntakeFactory(name="Someone else's intake")
    for status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.DRAFT,
        ApplicationStatus.WITHDRAWN,
    ):
        ApplicationFactory(intake=intake, status=status)
    ApplicationFactory(intake=others, status=ApplicationStatus.SUBMITTED)

    client.force_login(team_member)
    response = client.get("/team/intakes/")
    assert [(i.name, s.label, i.received_count) for i, s in response.context["rows"]] == [
        ("Upcoming intake", "Upcoming", 0),
        ("Owned intake", "Open", 3),
        ("Closed intake", "Closed", 0),
    ]
    page = response.content.decode()
    assert f'href="/team/intakes/{upcoming.pk}/">Upcoming intake</a>' in page
    assert f'href="/team/intakes/{closed.pk}/">Closed intake</a>' in page
    assert '<strong class="govuk-tag govuk-tag--green">Open</strong>' in page
    assert "Someone else" not in page


def test_another_programmes_team_member_sees_none_of_these_intakes(
    client, intake, other_team_member
):
    client.force_login(other_team_member)
    response = client.get("/team/intakes/")
    assert response.context["rows"] == []
    assert "Your programmes have no intakes yet." in response.content.decode()


def test_list_is_forbidden_to_people_outside_any_team(client, outsider, intake):
    client.force_login(outsider)
    assert client.get("/team/intakes/").status_code == 403


def test_list_asks_anonymous_people_to_sign_in(client):
    assert client.get("/team/intakes/").url == sign_in_url("/team/intakes/")


def test_list_is_paginated_25_a_page(client, team_member):
    IntakeFactory.create_batch(26, programme=team_member.programme, capabilities=False)
    client.force_login(team_member)
    first = client.get("/team/intakes/")
    assert len(first.context["rows"]) == 25
    assert 'href="?page=2" rel="next"' in first.content.decode()
    second = client.get("/team/intakes/?page=2")
    assert len(second.context["rows"]) == 1


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_does_not_grow(client, team_member, django_assert_num_queries, n):
    for intake in IntakeFactory.create_batch(n, programme=team_member.programme):
        ApplicationFactory.create_batch(2, intake=intake, status=ApplicationStatus.SUBMITTED)
    client.force_login(team_member)
    # Session, user, roles, count, page of intakes with their counts.
    with django_assert_num_queries(5):
        response = client.get("/team/intakes/")
    assert [i.received_count for i, _ in response.context["rows"]] == [2] * n
