"""A person's own posts: the list, recording, changing and ending one."""

import datetime
import uuid

import pytest
from django.urls import reverse

from tests.support.factories import AppointmentFactory, authority
from upon.support.models import Appointment, PostRole, Tenure

pytestmark = pytest.mark.django_db

POSTS = reverse("support:posts")
ADD = reverse("support:add_post")


def post_data(**overrides) -> dict:
    data = {
        "local_authority": str(authority("York").pk),
        "role": PostRole.DCS,
        "tenure": Tenure.PERMANENT,
        "shared": "False",
        "starts_on_0": "1",
        "starts_on_1": "9",
        "starts_on_2": "2026",
        "submission": str(uuid.uuid4()),
    }
    return data | overrides


def errors_of(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_the_list_shows_the_persons_own_posts_only(client, alumnus, other_alumnus, programme):
    mine = AppointmentFactory(person=alumnus, programme=programme)
    AppointmentFactory(person=other_alumnus, programme=programme)
    client.force_login(alumnus)
    response = client.get(POSTS)
    assert list(response.context["page"]) == [mine]
    assert "Director of Children&#x27;s Services (DCS), Leeds" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_query_count_is_the_same_for_1_and_3_posts(
    client, alumnus, programme, django_assert_num_queries, count
):
    for i in range(count):
        AppointmentFactory(
            person=alumnus,
            programme=programme,
            starts_on=datetime.date(2020 + i, 1, 1),
            ends_on=datetime.date(2020 + i, 6, 1),
        )
    client.force_login(alumnus)
    client.get(POSTS)
    # session, user, roles, count, posts with their authorities.
    with django_assert_num_queries(5):
        response = client.get(POSTS)
    assert len(response.context["page"]) == count


def test_recording_a_post(client, alumnus, programme, june_2026):
    client.force_login(alumnus)
    response = client.post(ADD, post_data(shared="True", tenure=Tenure.INTERIM))
    assert response.status_code == 302 and response["Location"] == POSTS
    post = Appointment.objects.get()
    assert (
        post.person,
        post.programme,
        post.local_authority.name,
        post.role,
        post.tenure,
        post.shared,
        post.starts_on,
        post.recorded_by,
        post.verified_at,
    ) == (
        alumnus,
        programme,
        "York",
        "dcs",
        "interim",
        True,
        datetime.date(2026, 9, 1),
        alumnus,
        None,
    )


def test_a_post_sent_twice_is_recorded_once(client, alumnus, june_2026):
    client.force_login(alumnus)
    data = post_data()
    client.post(ADD, data)
    response = client.post(ADD, data)
    assert response.status_code == 302
    assert Appointment.objects.count() == 1


def test_an_empty_form_says_what_to_enter(client, alumnus, june_2026):
    client.force_login(alumnus)
    response = client.post(ADD, {"submission": str(uuid.uuid4())})
    assert errors_of(response) == {
        "local_authority": ["Select the local authority"],
        "role": ["Select the role"],
        "tenure": ["Select interim or permanent"],
        "shared": ["Select yes if the post is shared across more than one local authority"],
        "starts_on": ["Enter the start date"],
    }
    assert Appointment.objects.count() == 0


def test_a_start_more_than_a_year_ahead_is_refused_keeping_what_was_typed(
    client, alumnus, june_2026
):
    client.force_login(alumnus)
    response = client.post(ADD, post_data(starts_on_0="2", starts_on_1="6", starts_on_2="2027"))
    assert errors_of(response) == {
        "starts_on": ["The start date must be no later than 1 June 2027, a year from today"]
    }
    page = response.content.decode()
    assert 'id="id_starts_on_2" value="2027"' in page or 'value="2027"' in page
    assert response.context["form"]["local_authority"].value() == str(authority("York").pk)
    assert Appointment.objects.count() == 0


def test_an_overlapping_post_in_the_same_authority_is_refused(
    client, alumnus, programme, june_2026
):
    AppointmentFactory(
        person=alumnus,
        programme=programme,
        local_authority=authority("York"),
        starts_on=datetime.date(2025, 1, 1),
    )
    client.force_login(alumnus)
    response = client.post(ADD, post_data())
    assert errors_of(response) == {
        "starts_on": ["You already have a post in this local authority for some of these dates"]
    }
    assert Appointment.objects.count() == 1


# Changing and ending a post: the owner, another alumnus, the team, an outsider


@pytest.fixture
def post(alumnus, programme):
    return AppointmentFactory(person=alumnus, programme=programme)


@pytest.mark.parametrize("url_name", ["support:edit_post", "support:end_post"])
@pytest.mark.parametrize(
    ("who", "status"), [("alumnus", 200), ("other_alumnus", 404), ("team", 403), ("outsider", 403)]
)
def test_only_the_owner_reaches_their_post(client, request, post, url_name, who, status):
    client.force_login(request.getfixturevalue(who))
    url = reverse(url_name, args=[post.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {}).status_code == status


def test_changing_a_verified_post_sends_it_back_to_the_team(client, alumnus, team, post, june_2026):
    post.verified_at, post.verified_by = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC), team
    post.save()
    client.force_login(alumnus)
    url = reverse("support:edit_post", args=[post.pk])
    assert (
        "If you change it, the programme team will verify it again"
        in client.get(url).content.decode()
    )
    data = post_data(local_authority=str(authority("Leeds").pk), tenure=Tenure.INTERIM, version="1")
    response = client.post(url, data)
    assert response["Location"] == POSTS
    post.refresh_from_db()
    assert (post.tenure, post.verified_at, post.changed_by, post.version) == (
        "interim",
        None,
        alumnus,
        2,
    )


def test_a_stale_change_is_refused_with_409_and_keeps_what_was_typed(
    client, alumnus, post, june_2026
):
    Appointment.objects.filter(pk=post.pk).update(version=2, tenure=Tenure.INTERIM)
    client.force_login(alumnus)
    url = reverse("support:edit_post", args=[post.pk])
    response = client.post(url, post_data(local_authority=str(authority("Leeds").pk), version="1"))
    assert response.status_code == 409
    assert response.context["form"]["role"].value() == "dcs"
    post.refresh_from_db()
    assert (post.tenure, post.version) == ("interim", 2)


def end_data(day, month, year, **more):
    return {
        "ends_on_0": day,
        "ends_on_1": month,
        "ends_on_2": year,
        "end_reason": "retired",
        "version": "1",
    } | more


def test_recording_the_end_of_a_post(client, alumnus, post, june_2026):
    client.force_login(alumnus)
    response = client.post(reverse("support:end_post", args=[post.pk]), end_data("31", "3", "2027"))
    assert response["Location"] == POSTS
    post.refresh_from_db()
    assert (post.ends_on, post.end_reason) == (datetime.date(2027, 3, 31), "retired")


def test_an_end_before_the_start_is_refused_next_to_the_field(client, alumnus, post, june_2026):
    client.force_login(alumnus)
    response = client.post(reverse("support:end_post", args=[post.pk]), end_data("31", "8", "2026"))
    assert errors_of(response) == {
        "ends_on": ["The end date must be on or after the start date, 1 September 2026"]
    }
    assert response.context["form"]["end_reason"].value() == "retired"
    post.refresh_from_db()
    assert post.ends_on is None


def test_an_empty_end_says_what_to_enter(client, alumnus, post, june_2026):
    client.force_login(alumnus)
    response = client.post(reverse("support:end_post", args=[post.pk]), {"version": "1"})
    assert errors_of(response) == {
        "ends_on": ["Enter the end date"],
        "end_reason": ["Select why the post ended"],
    }
