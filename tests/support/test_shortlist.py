"""A new director's shortlist of coaches, with reasons, and their ranking of it."""

import pytest

from tests.support.coaching_factories import coach_in, coaching, director_in
from upon.support.models import DeclaredConflict, Ranking

pytestmark = pytest.mark.django_db

URL = "/support/coaches/"


@pytest.fixture
def pool(programme, authorities, june_2026):
    """Dee (Leeds) and Eve (York); Cal has room, Kim is full with Eve, Max declared a conflict
    with Dee, Ned is not available until next year."""
    dee, eve = (
        director_in(programme, "Dee Director"),
        director_in(programme, "Eve Director", place="York"),
    )
    cal = coach_in(programme, "Cal Coach", regions=["E12000003"], specialisms=[4, 1])
    kim = coach_in(programme, "Kim Coach", capacity=1)
    coaching(kim, eve)
    max_ = coach_in(programme, "Max Coach")
    DeclaredConflict.objects.create(coach=max_, director=dee, reason="Managed her")
    ned = coach_in(programme, "Ned Coach", available_from=june_2026.replace(year=2027))
    return dee, eve, cal, kim, max_, ned


def test_the_shortlist_has_the_coaches_with_room_and_no_conflict_and_why(client, pool):
    dee, _eve, cal, *_ = pool
    client.force_login(dee)
    page = client.get(URL)
    [entry] = [entry for entry, _field in page.context["rows"]]
    assert entry.coach == cal
    assert entry.reasons == (
        "Coaches in Yorkshire and The Humber, your region",
        "Specialises in Personal leadership qualities and resilience; Leading in complexity",
        "In person or online",
        "Room for 2 more directors",
    )


def test_the_director_ranks_and_sees_their_ranking_again(client, pool):
    dee, _eve, cal, *_ = pool
    client.force_login(dee)
    assert client.post(URL, {f"coach_{cal.pk}": "1"}).status_code == 302
    assert list(Ranking.objects.values_list("entitlement__person", "coach", "rank")) == [
        (dee.pk, cal.pk, 1)
    ]
    [(entry, field)] = client.get(URL).context["rows"]
    assert (entry.rank, field.value()) == (1, 1)


def test_two_coaches_may_not_share_a_rank(client, programme, pool):
    dee, _eve, cal, *_ = pool
    ola = coach_in(programme, "Ola Coach")
    client.force_login(dee)
    response = client.post(URL, {f"coach_{cal.pk}": "1", f"coach_{ola.pk}": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"coach_{ola.pk}": ["Select a different rank for each coach"]
    }
    assert not Ranking.objects.exists()


def test_another_director_sees_their_own_shortlist_and_an_outsider_is_refused(
    client, pool, outsider
):
    _dee, eve, cal, *_ = pool
    client.force_login(eve)
    page = client.get(URL)
    # Eve has a coach already: her coach, and no ranking to make.
    assert [r.coach.user.full_name for r in page.context["coaching"]] == ["Kim Coach"]
    assert client.post(URL, {f"coach_{cal.pk}": "1"}).status_code == 200
    assert not Ranking.objects.exists()
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
