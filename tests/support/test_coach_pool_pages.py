"""The team's coach pool: list, add, change, declare a conflict of interest."""

import pytest

from tests.factories import UserFactory
from tests.support.coaching_factories import coach_in, director_in
from upon.accounts import roles
from upon.accounts.models import Role
from upon.support.models import Coach, CoachingMode, DeclaredConflict

pytestmark = pytest.mark.django_db

DETAILS = {
    "background": "Former DCS in two authorities.",
    "specialisms": ["1", "4"],
    "regions": ["E12000003"],
    "mode": "online",
    "capacity": "3",
}


def test_the_pool_lists_the_teams_coaches_only(client, programme, team, other_team):
    coach_in(programme, "Cal Coach")
    client.force_login(team)
    page = client.get("/team/coaches/")
    assert [c.user.full_name for c in page.context["coaches"]] == ["Cal Coach"]
    client.force_login(other_team)
    assert client.get("/team/coaches/").context["coaches"] == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_pool_costs_the_same_queries_however_many_coaches(
    client, programme, team, count, django_assert_num_queries
):
    for n in range(count):
        coach_in(programme, f"Coach{n} Person")
    client.force_login(team)
    client.get("/team/coaches/")  # warm the session
    with django_assert_num_queries(5):
        assert client.get("/team/coaches/").status_code == 200


def test_the_team_adds_a_coach_who_then_holds_the_role(client, programme, team):
    person = UserFactory(full_name="Kim Coach", email="kim@coach.example")
    client.force_login(team)
    response = client.post(
        f"/team/programmes/{programme.pk}/coaches/new/", {"email": "KIM@coach.example", **DETAILS}
    )
    assert response.status_code == 302
    coach = Coach.objects.get(user=person)
    assert (coach.specialisms, coach.regions, coach.mode, coach.capacity) == (
        [1, 4],
        ["E12000003"],
        CoachingMode.ONLINE,
        3,
    )
    assert roles.programme_ids(person, Role.COACH) == {programme.pk}


def test_an_unknown_email_is_refused_next_to_the_field_keeping_what_was_typed(
    client, programme, team
):
    client.force_login(team)
    response = client.post(
        f"/team/programmes/{programme.pk}/coaches/new/", {"email": "nobody@x.example", **DETAILS}
    )
    assert response.context["form"].errors == {
        "email": ["No account uses this email address: invite the coach"]
    }
    assert response.context["form"]["background"].value() == DETAILS["background"]
    assert not Coach.objects.exists()


def test_another_programmes_team_and_an_outsider_cannot_add_or_change(
    client, programme, other_team, outsider
):
    cal = coach_in(programme, "Cal Coach")
    client.force_login(other_team)
    assert client.get(f"/team/programmes/{programme.pk}/coaches/new/").status_code == 404
    assert client.post(f"/team/coaches/{cal.pk}/", DETAILS).status_code == 404
    client.force_login(outsider)
    assert client.post(f"/team/coaches/{cal.pk}/", DETAILS).status_code == 403
    cal.refresh_from_db()
    assert cal.capacity == 2


def test_the_team_changes_a_coach(client, programme, team):
    cal = coach_in(programme, "Cal Coach")
    client.force_login(team)
    assert client.post(f"/team/coaches/{cal.pk}/", DETAILS).status_code == 302
    cal.refresh_from_db()
    assert (cal.capacity, cal.background) == (3, "Former DCS in two authorities.")


def test_the_team_declares_a_conflict_with_a_director(client, programme, team, authorities):
    cal = coach_in(programme, "Cal Coach")
    dee = director_in(programme, "Dee Director")
    client.force_login(team)
    response = client.post(
        f"/team/coaches/{cal.pk}/conflicts/new/", {"director": dee.pk, "reason": "Managed her"}
    )
    assert response.status_code == 302
    conflict = DeclaredConflict.objects.get()
    assert (conflict.coach, conflict.director, conflict.reason, conflict.declared_by) == (
        cal,
        dee,
        "Managed her",
        team,
    )


def test_declaring_needs_a_director_and_a_reason(client, programme, team):
    cal = coach_in(programme, "Cal Coach")
    client.force_login(team)
    response = client.post(f"/team/coaches/{cal.pk}/conflicts/new/", {"director": "", "reason": ""})
    assert response.context["form"].errors == {
        "director": ["Select the director"],
        "reason": ["Enter the conflict of interest"],
    }
