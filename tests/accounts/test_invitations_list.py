import datetime

import pytest
from django.utils import timezone

from tests.factories import IntakeFactory, UserFactory
from upon.accounts.models import Invitation, Role

pytestmark = pytest.mark.django_db

URL = "/account/invitations/"


def make_invitation(programme, n, **fields):
    now = timezone.now()
    values = {
        "email": f"invitee{n}@example.org",
        "role": Role.COACH,
        "programme": programme,
        "token_hash": f"{n:064d}",
        "created_at": now - datetime.timedelta(hours=n),
        "expires_at": now + datetime.timedelta(days=14),
    }
    return Invitation.objects.create(**{**values, **fields})


def test_anonymous_people_are_asked_to_sign_in(client):
    assert client.get(URL).url == f"/account/sign-in/?next={URL}"


def test_people_outside_any_team_are_forbidden(client, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_lists_only_the_inviters_programmes_with_status(client, team, programme, other_team):
    accepter = UserFactory(full_name="Ann Accepted")
    intake = IntakeFactory(programme=programme, name="2026 intake")
    pending = make_invitation(programme, 1, invited_by=team, role=Role.REVIEWER, intake=intake)
    accepted = make_invitation(
        programme, 2, accepted_at=timezone.now(), accepted_by=accepter, invited_by=team
    )
    expired = make_invitation(
        programme, 3, expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    make_invitation(other_team.roles.get().programme, 4)
    client.force_login(team)

    response = client.get(URL)

    assert list(response.context["page"].object_list) == [pending, accepted, expired]
    content = response.content.decode()
    assert "invitee4@example.org" not in content
    assert '<strong class="govuk-tag govuk-tag--blue">Pending</strong>' in content
    assert '<strong class="govuk-tag govuk-tag--green">Accepted</strong>' in content
    assert "by Ann Accepted" in content
    assert '<strong class="govuk-tag govuk-tag--grey">Expired</strong>' in content
    assert "2026 intake, Aspiring Directors North" in content


def test_another_programmes_team_sees_none_of_them(client, other_team, programme):
    make_invitation(programme, 1)
    client.force_login(other_team)
    response = client.get(URL)
    assert list(response.context["page"].object_list) == []
    assert "Nobody has been invited to your programmes yet." in response.content.decode()


def test_the_list_is_paginated_25_a_page(client, team, programme):
    for n in range(26):
        make_invitation(programme, n)
    client.force_login(team)
    first = client.get(URL)
    second = client.get(URL + "?page=2")
    assert len(first.context["page"].object_list) == 25
    assert [i.email for i in second.context["page"].object_list] == ["invitee25@example.org"]
    assert 'href="?page=2"' in first.content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_query_count_does_not_grow_with_rows(
    client, team, programme, intake, rows, django_assert_num_queries
):
    for n in range(rows):
        make_invitation(
            programme,
            n,
            role=Role.REVIEWER,
            intake=intake,
            invited_by=team,
            accepted_by=UserFactory(),
            accepted_at=timezone.now(),
        )
    client.force_login(team)
    # Session, user, roles, count, the page of invitations with everything they show.
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == rows
