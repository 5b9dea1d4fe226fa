"""A coach leaves the pool: the team checks whom it affects, then removes them. Their running
relationships end (the directors wait for the next match), they are no longer shortlisted or
matched, and every session stays in the directors' logs; the coach is never deleted."""

import datetime

import pytest
from django.db.models import ProtectedError

from tests.support.coaching_factories import coach_in, coaching, director_in
from upon.service import checks
from upon.support import coaching as coaching_rules
from upon.support import shortlists
from upon.support.models import CoachingEnd, CoachingSession

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def cal(programme, june_2026):
    """Cal coaches Dee (one session logged) and Eve."""
    cal = coach_in(programme, "Cal Coach", capacity=3)
    for name in ("Dee Director", "Eve Director"):
        relationship = coaching(cal, director_in(programme, name))
        if name.startswith("Dee"):
            CoachingSession.objects.create(
                relationship=relationship, held_on=D(2026, 5, 2), minutes=60, mode="online"
            )
    return cal


def path(coach):
    return f"/team/coaches/{coach.pk}/remove/"


def test_the_check_page_names_the_directors_whose_coaching_ends(client, team, cal):
    client.force_login(team)
    response = client.get(path(cal))
    assert response.status_code == 200
    assert [r.director.full_name for r in response.context["ending"]] == [
        "Dee Director",
        "Eve Director",
    ]
    page = response.content.decode()
    assert "Cal Coach coaches 2 directors now." in page
    assert f'name="checked" value="{response.context["checked"]}"' in page


def test_removing_ends_the_coaching_and_keeps_every_session(client, team, cal, programme):
    ending = [r.pk for r in coaching_rules.leaving(cal)]
    client.force_login(team)
    response = client.post(path(cal), {"checked": checks.shown(ending)}, follow=True)
    assert response.redirect_chain == [("/team/coaches/", 302)]
    assert "Cal Coach removed from the pool. 2 directors will be matched again." in (
        response.content.decode()
    )
    cal.refresh_from_db()
    assert cal.left_pool_on == D(2026, 6, 1)
    assert sorted(cal.relationships.values_list("ended_on", "end_reason")) == [
        (D(2026, 6, 1), CoachingEnd.COACH_LEFT),
        (D(2026, 6, 1), CoachingEnd.COACH_LEFT),
    ]
    assert CoachingSession.objects.filter(relationship__coach=cal).count() == 1
    # No longer shortlisted or matched.
    dee = cal.relationships.get(director__full_name="Dee Director").entitlement
    assert shortlists.shortlist(entitlement=dee, today=D(2026, 6, 1)) == []
    assert shortlists.with_room([cal], D(2026, 6, 1)) == []
    with pytest.raises(ProtectedError):
        cal.delete()


def test_a_post_not_from_the_check_page_does_nothing(client, team, cal):
    client.force_login(team)
    response = client.post(path(cal))
    assert (response.status_code, response["Location"]) == (302, path(cal))
    cal.refresh_from_db()
    assert cal.left_pool_on is None


def test_a_change_since_the_page_was_shown_does_nothing(client, team, cal, programme):
    shown = checks.shown(r.pk for r in coaching_rules.leaving(cal))
    coaching(cal, director_in(programme, "Fay Director", place="York"))
    client.force_login(team)
    response = client.post(path(cal), {"checked": shown})
    assert response.status_code == 409
    assert len(response.context["ending"]) == 3
    cal.refresh_from_db()
    assert cal.left_pool_on is None


def test_only_the_coachs_team_may_remove_them(client, cal, other_team, outsider):
    for person, status in ((other_team, 404), (outsider, 403)):
        client.force_login(person)
        assert client.get(path(cal)).status_code == status
        assert client.post(path(cal), {"checked": ""}).status_code == status
    cal.refresh_from_db()
    assert cal.left_pool_on is None


def test_a_coach_who_left_is_shown_so(client, team, cal):
    coaching_rules.leave_pool(coach=cal, today=D(2026, 6, 1))
    client.force_login(team)
    assert "Left the pool on 1 June 2026" in client.get("/team/coaches/").content.decode()
    response = client.get(path(cal), follow=True)
    assert response.redirect_chain == [(f"/team/coaches/{cal.pk}/", 302)]
    assert "Cal Coach left the pool on 1 June 2026." in response.content.decode()
