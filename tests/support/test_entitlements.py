"""Entitlements opened by verifying a director's post, kept up to date as posts change; the
director's page and the team's list."""

import datetime

import pytest
from django.urls import reverse

from tests.support.factories import AppointmentFactory, authority, completed_participant
from upon.accounts import roles
from upon.accounts.models import Role
from upon.support import appointments
from upon.support.models import Entitlement, PostRole, Tenure

pytestmark = pytest.mark.django_db

D = datetime.date


def verified(post, by):
    return appointments.verify(appointment=post, version=post.version, by=by)


def test_verifying_a_dcs_post_opens_24_months_of_support(director, programme, team, june_2026):
    post = AppointmentFactory(person=director, programme=programme, starts_on=D(2026, 5, 1))
    verified(post, team)
    support = Entitlement.objects.get()
    assert (
        support.person,
        support.appointment,
        support.starts_on,
        support.ends_on,
        support.status,
        support.coaching_hours,
        support.further_learning_places,
        support.employer_partnership,
        support.opened_by_team,
    ) == (director, post, D(2026, 5, 1), D(2028, 4, 30), "active", 12, 3, True, None)
    director.__dict__.pop("_role_assignments", None)
    assert roles.has_role(director, Role.NEW_DIRECTOR)


@pytest.mark.parametrize(
    ("role", "tenure", "opens"),
    [
        (PostRole.TWIN_HAT, Tenure.INTERIM, True),
        (PostRole.ASSISTANT_OR_DEPUTY, Tenure.PERMANENT, False),
        (PostRole.OTHER, Tenure.PERMANENT, False),
    ],
)
def test_only_a_directors_post_opens_it(director, programme, team, june_2026, role, tenure, opens):
    verified(
        AppointmentFactory(person=director, programme=programme, role=role, tenure=tenure), team
    )
    assert Entitlement.objects.exists() is opens


def test_an_unverified_post_or_one_after_the_window_opens_nothing(
    director, programme, team, settings, june_2026
):
    AppointmentFactory(person=director, programme=programme)
    assert not Entitlement.objects.exists()
    settings.SUPPORT_WINDOW_YEARS = 1  # the window closed on 31 July 2026
    verified(
        AppointmentFactory(person=director, programme=programme, starts_on=D(2026, 8, 1)), team
    )
    assert not Entitlement.objects.exists()


def test_someone_who_has_not_completed_gets_nothing_by_the_rule(
    alumnus, programme, team, june_2026
):
    verified(AppointmentFactory(person=alumnus, programme=programme), team)
    assert not Entitlement.objects.exists()


def test_a_second_post_does_not_open_a_second_entitlement_unless_the_team_says_so(
    client, director, programme, team, june_2026
):
    first = AppointmentFactory(person=director, programme=programme, starts_on=D(2024, 9, 1))
    verified(first, team)
    second = AppointmentFactory(
        person=director,
        programme=programme,
        local_authority=authority("York"),
        starts_on=D(2026, 5, 1),
    )
    verified(second, team)
    assert Entitlement.objects.count() == 1
    client.force_login(team)
    page = client.get(reverse("support:verify_appointment", args=[second.pk])).content.decode()
    assert "Open support" in page
    client.post(reverse("support:open_entitlement", args=[second.pk]))
    opened = Entitlement.objects.get(appointment=second)
    assert (opened.opened_by_team, opened.ends_on) == (team, D(2028, 4, 30))


def test_the_team_cannot_open_support_on_an_unverified_post(client, director, programme, team):
    post = AppointmentFactory(person=director, programme=programme)
    client.force_login(team)
    response = client.post(reverse("support:open_entitlement", args=[post.pk]), follow=True)
    assert (
        "Only a verified post as a director of children&#x27;s services opens support"
        in response.content.decode()
    )
    assert not Entitlement.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("other_team", 404), ("director", 403)])
def test_no_one_else_opens_support(client, request, director, programme, who, status):
    post = AppointmentFactory(person=director, programme=programme)
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("support:open_entitlement", args=[post.pk])).status_code == status
    assert not Entitlement.objects.exists()


def test_ending_the_post_pauses_it(director, programme, team, june_2026):
    post = AppointmentFactory(person=director, programme=programme, starts_on=D(2025, 9, 1))
    verified(post, team)
    post.refresh_from_db()
    appointments.end_post(
        appointment=post,
        version=post.version,
        by=director,
        ends_on=D(2026, 5, 31),
        end_reason="new_post",
    )
    support = Entitlement.objects.get()
    assert (support.status, support.paused_since, support.ends_on) == (
        "paused",
        D(2026, 6, 1),
        D(2026, 11, 30),
    )


# The director's page


def test_the_director_sees_what_is_left_and_when_it_ends(
    client, director, programme, team, june_2026
):
    verified(
        AppointmentFactory(person=director, programme=programme, starts_on=D(2026, 5, 1)), team
    )
    client.force_login(director)
    response = client.get(reverse("support:my_support"))
    assert [e.person for e in response.context["entitlements"]] == [director]
    page = response.content.decode()
    assert "30 April 2028" in page and "12 hours of 12 hours" in page and "3 of 3" in page


def test_another_director_sees_only_their_own(client, director, programme, team, june_2026):
    verified(AppointmentFactory(person=director, programme=programme), team)
    other = completed_participant(programme, ends_on=D(2025, 7, 31))
    verified(
        AppointmentFactory(person=other, programme=programme, local_authority=authority("York")),
        team,
    )
    client.force_login(other)
    assert [
        e.person for e in client.get(reverse("support:my_support")).context["entitlements"]
    ] == [other]


def test_an_alumnus_without_support_is_refused_the_page(client, alumnus):
    client.force_login(alumnus)
    assert client.get(reverse("support:my_support")).status_code == 403


# The team's list


ENTITLEMENTS = reverse("support:team_entitlements")


def make_entitlements(programme, team, count):
    made = []
    for i in range(count):
        person = completed_participant(programme, ends_on=D(2025, 7, 31))
        post = AppointmentFactory(person=person, programme=programme, starts_on=D(2024 + i, 7, 1))
        verified(post, team)
        made.append(post.entitlement)
    return made


def test_the_team_sees_every_entitlement_and_those_ending_within_90_days(
    client, programme, team, other_team, june_2026
):
    soon, later = make_entitlements(programme, team, 2)  # end 30 June 2026 and 30 June 2027
    client.force_login(team)
    assert list(client.get(ENTITLEMENTS).context["page"]) == [soon, later]
    assert list(client.get(ENTITLEMENTS, {"show": "ending"}).context["page"]) == [soon]
    client.force_login(other_team)
    assert list(client.get(ENTITLEMENTS).context["page"]) == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_team_list_query_count_is_the_same_for_1_and_3(
    client, programme, team, django_assert_num_queries, june_2026, count
):
    make_entitlements(programme, team, count)
    client.force_login(team)
    client.get(ENTITLEMENTS)
    # session, user, roles, count, entitlements with people and posts.
    with django_assert_num_queries(5):
        response = client.get(ENTITLEMENTS)
    assert len(response.context["page"]) == count
