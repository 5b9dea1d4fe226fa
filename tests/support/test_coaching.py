"""A coach's directors and declining one; a director asking for another coach. Either ends the
relationship and puts the director into the next match, never with the same coach."""

import pytest

from tests.support.coaching_factories import coach_in, coaching, director_in
from upon.support import coach_matching
from upon.support.models import CoachingEnd

pytestmark = pytest.mark.django_db


@pytest.fixture
def coached(programme, authorities, june_2026):
    """Cal coaches Dee; Kim coaches Eve."""
    dee, eve = director_in(programme, "Dee Director"), director_in(programme, "Eve Director")
    cal, kim = coach_in(programme, "Cal Coach"), coach_in(programme, "Kim Coach")
    return coaching(cal, dee), coaching(kim, eve)


def test_a_coach_sees_their_directors_only(client, coached, outsider):
    dee_cal, eve_kim = coached
    client.force_login(dee_cal.coach.user)
    assert client.get("/coaching/").context["relationships"] == [dee_cal]
    client.force_login(eve_kim.coach.user)
    assert client.get("/coaching/").context["relationships"] == [eve_kim]
    client.force_login(outsider)
    assert client.get("/coaching/").status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_coachs_page_costs_the_same_queries_however_many_directors(
    client, programme, authorities, june_2026, count, django_assert_num_queries
):
    cal = coach_in(programme, "Cal Coach", capacity=3)
    for n in range(count):
        coaching(cal, director_in(programme, f"Director{n} Person"))
    client.force_login(cal.user)
    client.get("/coaching/")
    with django_assert_num_queries(4):
        assert client.get("/coaching/").status_code == 200


def test_a_coach_declines_and_the_director_is_matched_again_elsewhere(
    client, programme, coached, june_2026
):
    dee_cal, _eve_kim = coached
    client.force_login(dee_cal.coach.user)
    url = f"/coaching/{dee_cal.pk}/decline/"
    assert client.post(url, {"note": ""}).context["form"].errors == {
        "note": ["Enter why you are declining"]
    }
    assert client.post(url, {"note": "I know her family"}).status_code == 302
    dee_cal.refresh_from_db()
    assert (dee_cal.ended_on, dee_cal.end_reason, dee_cal.end_note) == (
        june_2026,
        CoachingEnd.COACH_DECLINED,
        "I know her family",
    )
    run = coach_matching.run(programme=programme)
    assert [(str(p.entitlement.person), str(p.best)) for p in run.pairs] == [
        ("Dee Director", "Kim Coach")
    ]


def test_another_coach_gets_404_and_an_outsider_403_on_declining(client, coached, outsider):
    dee_cal, eve_kim = coached
    for person, status in ((eve_kim.coach.user, 404), (outsider, 403)):
        client.force_login(person)
        assert client.post(f"/coaching/{dee_cal.pk}/decline/", {"note": "No"}).status_code == (
            status
        )
    dee_cal.refresh_from_db()
    assert dee_cal.is_running


def test_a_director_asks_for_another_coach(client, coached, june_2026, outsider):
    dee_cal, eve_kim = coached
    url = f"/support/coaching/{dee_cal.pk}/rematch/"
    for person, status in ((eve_kim.director, 404), (outsider, 403)):
        client.force_login(person)
        assert client.post(url, {"note": "No"}).status_code == status
    client.force_login(dee_cal.director)
    assert client.post(url, {"note": "We do not get on"}).status_code == 302
    dee_cal.refresh_from_db()
    assert (dee_cal.ended_on, dee_cal.end_reason) == (june_2026, CoachingEnd.REMATCH_ASKED)
