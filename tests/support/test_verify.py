"""The team's appointments to verify, and verifying one."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.support.factories import AppointmentFactory
from upon.support.models import Appointment

pytestmark = pytest.mark.django_db

TO_VERIFY = reverse("support:team_appointments")


def test_the_team_sees_its_programmes_posts_to_verify(client, team, other_team, alumnus, programme):
    waiting = AppointmentFactory(person=alumnus, programme=programme)
    AppointmentFactory(
        person=alumnus,
        programme=programme,
        verified_by=team,
        verified_at=waiting.recorded_at,
        starts_on=waiting.starts_on.replace(year=2020),
        ends_on=waiting.starts_on.replace(year=2021),
    )
    client.force_login(team)
    assert list(client.get(TO_VERIFY).context["page"]) == [waiting]
    client.force_login(other_team)
    assert list(client.get(TO_VERIFY).context["page"]) == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_query_count_is_the_same_for_1_and_3_posts(
    client, team, programme, django_assert_num_queries, count
):
    for _ in range(count):
        AppointmentFactory(programme=programme)
    client.force_login(team)
    client.get(TO_VERIFY)
    # session, user, roles, count, posts with their people and authorities, the team's
    # programmes (for "Record a post for someone in ...").
    with django_assert_num_queries(6):
        response = client.get(TO_VERIFY)
    assert len(response.context["page"]) == count


def test_an_alumnus_may_not_see_the_list(client, alumnus):
    client.force_login(alumnus)
    assert client.get(TO_VERIFY).status_code == 403


@pytest.fixture
def post(alumnus, programme):
    return AppointmentFactory(person=alumnus, programme=programme)


@pytest.mark.parametrize(
    ("who", "status"), [("team", 200), ("other_team", 404), ("alumnus", 403), ("outsider", 403)]
)
def test_only_the_programmes_team_reaches_the_post(client, request, post, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("support:verify_appointment", args=[post.pk])).status_code == status


def test_verifying_a_post(client, team, post, stopped_clock):
    client.force_login(team)
    url = reverse("support:verify_appointment", args=[post.pk])
    assert "Alex Alumnus" in client.get(url).content.decode()
    response = client.post(url, {"version": "1"})
    assert response["Location"] == TO_VERIFY
    post.refresh_from_db()
    assert (post.verified_by, post.verified_at, post.version) == (team, stopped_clock, 2)
    assert post.history.latest().history_user == team


def test_a_post_changed_since_the_page_opened_is_not_verified(client, team, post):
    Appointment.objects.filter(pk=post.pk).update(version=2, changed_by=UserFactory())
    client.force_login(team)
    response = client.post(reverse("support:verify_appointment", args=[post.pk]), {"version": "1"})
    assert response.status_code == 409
    post.refresh_from_db()
    assert post.verified_at is None


@pytest.mark.parametrize("who", ["other_team", "alumnus", "outsider"])
def test_no_one_else_can_verify(client, request, post, who):
    client.force_login(request.getfixturevalue(who))
    client.post(reverse("support:verify_appointment", args=[post.pk]), {"version": "1"})
    post.refresh_from_db()
    assert post.verified_at is None
