"""The team's match: both matches side by side with the price of stability and each pair's
reason; confirming it starts coaching relationships."""

import pytest

from tests.support.coaching_factories import coach_in, director_in
from upon.support.models import CoachingRelationship, Ranking

pytestmark = pytest.mark.django_db


def url(programme, confirm=False):
    return f"/team/programmes/{programme.pk}/match/" + ("confirm/" if confirm else "")


@pytest.fixture
def waiting(programme, authorities, june_2026):
    """Dee and Fay in Leeds, Eve in York; Cal (Yorkshire) and Kim take one director each. Dee
    wants Cal, Eve wants Kim; Fay ranked no one."""
    dee = director_in(programme, "Dee Director")
    eve = director_in(programme, "Eve Director", place="York")
    fay = director_in(programme, "Fay Director")
    cal = coach_in(programme, "Cal Coach", capacity=1, regions=["E12000003"])
    kim = coach_in(programme, "Kim Coach", capacity=1)
    for person, first, second in ((dee, cal, kim), (eve, kim, cal)):
        entitlement = person.entitlements.get()
        Ranking.objects.create(entitlement=entitlement, coach=first, rank=1)
        Ranking.objects.create(entitlement=entitlement, coach=second, rank=2)
    return dee, eve, fay, cal, kim


def test_the_team_sees_both_matches_and_why(client, programme, team, waiting):
    client.force_login(team)
    run = client.get(url(programme)).context["run"]
    assert [
        (p.entitlement.person.full_name, str(p.best or ""), p.best_why, str(p.stable or ""))
        for p in run.pairs
    ] == [
        ("Dee Director", "Cal Coach", "Your 1st choice", "Cal Coach"),
        ("Eve Director", "Kim Coach", "Your 1st choice", "Kim Coach"),
        ("Fay Director", "", "No coach: every coach without a conflict is full", ""),
    ]
    assert (run.best_welfare, run.stable_welfare, run.price_of_stability) == (4.0, 4.0, 0.0)


def test_confirming_starts_a_relationship_for_each_pair(
    client, programme, team, waiting, june_2026
):
    dee, eve, _fay, cal, kim = waiting
    client.force_login(team)
    proposal = client.get(url(programme)).context["proposal"]
    assert client.post(url(programme, confirm=True), {"proposal": proposal}).status_code == 302
    assert sorted(
        CoachingRelationship.objects.values_list(
            "coach", "director", "started_on", "confirmed_by", "ended_on"
        )
    ) == sorted(
        [(cal.pk, dee.pk, june_2026, team.pk, None), (kim.pk, eve.pk, june_2026, team.pk, None)]
    )
    # Fay waits for the next match; the coaches are full.
    run = client.get(url(programme)).context["run"]
    assert [(p.entitlement.person.full_name, p.best) for p in run.pairs] == [("Fay Director", None)]


def test_a_match_that_changed_is_not_confirmed(client, programme, team, waiting):
    dee, _eve, fay, cal, _kim = waiting
    client.force_login(team)
    proposal = client.get(url(programme)).context["proposal"]
    Ranking.objects.create(entitlement=fay.entitlements.get(), coach=cal, rank=1)
    Ranking.objects.filter(entitlement__person=dee).delete()
    response = client.post(url(programme, confirm=True), {"proposal": proposal}, follow=True)
    assert "The match has changed since you saw it. Check it again." in response.content.decode()
    assert not CoachingRelationship.objects.exists()


def test_another_programmes_team_gets_404_and_an_outsider_403(
    client, programme, other_team, outsider, waiting
):
    for person, status in ((other_team, 404), (outsider, 403)):
        client.force_login(person)
        assert client.get(url(programme)).status_code == status
        assert client.post(url(programme, confirm=True), {"proposal": "1:1"}).status_code == status
    assert not CoachingRelationship.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_the_match_page_costs_the_same_queries_however_many_directors(
    client, programme, team, authorities, june_2026, count, django_assert_num_queries
):
    coach_in(programme, "Cal Coach", capacity=3)
    for n in range(count):
        director_in(programme, f"Director{n} Person")
    client.force_login(team)
    client.get(url(programme))
    with django_assert_num_queries(10):
        assert client.get(url(programme)).status_code == 200
