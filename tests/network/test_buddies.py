"""Buddy pairing: who counts as experienced, offering the rule's proposal or the team's choice,
the director's answer, and the pages (team of the programme, another team, the director,
another director, the buddy, outsiders)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import RoleAssignmentFactory
from tests.network.factories_buddies import experienced, new_director
from upon.accounts.models import Role
from upon.network import buddies
from upon.network.models import BuddyPair

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_team(authorities):
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, user__full_name="Otto Otherteam").user


@pytest.fixture
def nia(programme, june_2026):
    return new_director(programme, "Nia Newdirector", place="Leeds")


@pytest.fixture
def pool(programme, june_2026):
    """Bea in Bradford (same region and type as Leeds), Yan in York (same region), Kit in Kent,
    Lee in Leeds itself; Rae too recent (2025) and Uma unverified: not experienced."""
    return {
        "bea": experienced(programme, "Bea Bradford", place="Bradford"),
        "yan": experienced(programme, "Yan York", place="York"),
        "kit": experienced(programme, "Kit Kent", place="Kent"),
        "lee": experienced(programme, "Lee Leeds", place="Leeds"),
        "rae": experienced(
            programme, "Rae Recent", place="Wakefield", starts_on=datetime.date(2024, 6, 2)
        ),
        "uma": experienced(programme, "Uma Unverified", place="Wakefield", verified=False),
    }


def test_experienced_means_a_verified_director_post_two_years_ago(pool, june_2026):
    names = {c.name for c in buddies.experienced(today=june_2026)}
    assert names == {"Bea Bradford", "Yan York", "Kit Kent", "Lee Leeds"}


def test_the_rule_proposes_and_the_team_offers(nia, pool, team, june_2026):
    entitlement = nia.entitlements.get()
    [(row, proposal)] = buddies.proposals([entitlement], today=june_2026)
    assert proposal.buddy.name == "Bea Bradford"
    pair = buddies.offer(entitlement=entitlement, by=team)
    assert (pair.buddy, pair.status, pair.chosen_by_team) == (pool["bea"], "offered", None)
    assert pair.reasons[1] == "A different authority: Bradford, not Leeds"
    assert [m.to for m in mail.outbox] == [[nia.email]]
    with pytest.raises(buddies.CannotPair, match="already"):
        buddies.offer(entitlement=entitlement, by=team)
    assert list(buddies.needing_buddies([entitlement.programme_id])) == []


def test_a_declined_buddy_is_not_proposed_again(nia, pool, team, june_2026):
    entitlement = nia.entitlements.get()
    buddies.answer(pair=buddies.offer(entitlement=entitlement, by=team), accept=False)
    assert buddies.offer(entitlement=entitlement, by=team).buddy == pool["yan"]


def test_the_team_chooses_another_but_never_the_same_authority(nia, pool, team, june_2026):
    entitlement = nia.entitlements.get()
    with pytest.raises(buddies.CannotPair):
        buddies.offer(entitlement=entitlement, buddy_id=pool["lee"].pk, by=team)
    pair = buddies.offer(entitlement=entitlement, buddy_id=pool["kit"].pk, by=team)
    assert (pair.buddy, pair.chosen_by_team) == (pool["kit"], team)
    assert pair.reasons[-1] == "Chosen by the programme team"


def test_accepting_tells_the_buddy(nia, pool, team, june_2026):
    pair = buddies.offer(entitlement=nia.entitlements.get(), by=team)
    mail.outbox.clear()
    buddies.answer(pair=pair, accept=True)
    assert [m.to for m in mail.outbox] == [[pool["bea"].email]]
    assert list(buddies.buddies_of(pool["bea"])) == [pair]
    with pytest.raises(buddies.CannotPair):
        buddies.answer(pair=pair, accept=False)


def test_team_page_offer_and_choose(client, nia, pool, team, other_team, june_2026):
    entitlement = nia.entitlements.get()
    client.force_login(other_team)
    assert "Nia Newdirector" not in client.get(reverse("network:team_buddies")).content.decode()
    assert client.post(reverse("network:offer_buddy", args=[entitlement.pk])).status_code == 404
    assert client.get(reverse("network:choose_buddy", args=[entitlement.pk])).status_code == 404
    client.force_login(nia)
    assert client.get(reverse("network:team_buddies")).status_code == 403
    client.force_login(team)
    content = client.get(reverse("network:team_buddies")).content.decode()
    assert "Proposed buddy: <strong>Bea Bradford</strong>" in content
    assert "The same type of authority: metropolitan district" in content
    response = client.post(
        reverse("network:choose_buddy", args=[entitlement.pk]), {"buddy": str(pool["lee"].pk)}
    )
    assert "Select an experienced director in another authority" in response.content.decode()
    response = client.post(
        reverse("network:choose_buddy", args=[entitlement.pk]), {"buddy": str(pool["kit"].pk)}
    )
    assert response.status_code == 302
    assert BuddyPair.objects.get().buddy == pool["kit"]


def test_the_director_answers_their_own_offer_only(client, programme, nia, pool, team, june_2026):
    pair = buddies.offer(entitlement=nia.entitlements.get(), by=team)
    eve = new_director(programme, "Eve Otherdirector", place="York")
    client.force_login(eve)
    assert (
        client.post(
            reverse("network:answer_buddy", args=[pair.pk]), {"answer": "accept"}
        ).status_code
        == 404
    )
    client.force_login(nia)
    content = client.get(reverse("network:my_buddy")).content.decode()
    assert "You are offered a buddy: <strong>Bea Bradford</strong>" in content
    response = client.post(reverse("network:answer_buddy", args=[pair.pk]), {})
    assert "Select whether you accept the buddy" in response.content.decode()
    client.post(reverse("network:answer_buddy", args=[pair.pk]), {"answer": "accept"})
    pair.refresh_from_db()
    assert pair.status == "accepted"
    client.force_login(pool["bea"])
    assert "Nia Newdirector" in client.get(reverse("network:my_buddies")).content.decode()
    client.force_login(pool["yan"])
    assert "Nia Newdirector" not in client.get(reverse("network:my_buddies")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_team_page_queries(client, programme, pool, team, count, django_assert_num_queries):
    for i, place in enumerate(["Leeds", "Wakefield", "Barnsley"][:count]):
        new_director(programme, f"New{i} Director", place=place)
    client.force_login(team)
    with django_assert_num_queries(8):
        response = client.get(reverse("network:team_buddies"))
    assert response.content.decode().count("Proposed buddy:") == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_buddies_queries(client, programme, pool, team, count, django_assert_num_queries):
    for i, place in enumerate(["Leeds", "Wakefield", "Barnsley"][:count]):
        person = new_director(programme, f"New{i} Director", place=place)
        BuddyPair.objects.create(new_director=person, buddy=pool["bea"], status="accepted")
    client.force_login(pool["bea"])
    with django_assert_num_queries(5):
        response = client.get(reverse("network:my_buddies"))
    assert response.content.decode().count("Director</th>") == count
