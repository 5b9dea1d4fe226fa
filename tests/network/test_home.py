"""The network's home page: members' one way in, a link to each part, the unread messages
counted; the buddy links by role; nobody else's (the team included, 403)."""

import re

import pytest
from django.urls import reverse

from tests.network.factories_directory import conversation_of, member
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db
URL = "/network/"


def links(response) -> list[tuple[str, str]]:
    """(text, address) of each link in the page's main content, in order."""
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return [
        (re.sub(r"<[^>]+>", "", text).strip(), href)
        for href, text in re.findall(r'<a class="govuk-link" href="([^"]+)">(.*?)</a>', main)
    ]


def test_a_member_finds_each_part_of_the_network(client, alumnus, peer):
    conversation_of(peer, alumnus, "Hello", "Hi", "Are you free on Tuesday?")
    client.force_login(alumnus)
    response = client.get(URL)
    assert response.status_code == 200
    assert links(response) == [
        ("Directory", "/network/directory/"),
        ("Your directory profile", "/network/directory/your-profile/"),
        ("Messages", "/network/messages/"),
        ("Groups", "/network/groups/"),
        ("Ask a peer", "/network/questions/"),
        ("Questions for you", "/network/questions/for-you/"),
        ("Your buddies", "/network/buddies/"),
        ("Opportunities", "/network/opportunities/"),
        ("Your alerts", "/network/opportunities/alerts/"),
        ("Library", "/network/library/"),
    ]
    # Two of the three messages are the peer's, to the alumnus, unread.
    assert response.context["unread"] == 2
    assert "<strong>You have 2 unread messages.</strong>" in response.content.decode()


def test_each_member_sees_their_own_unread_count_and_buddy_link(client, programme, alumnus, peer):
    director = member(programme, Role.NEW_DIRECTOR, full_name="Nia Newdirector")
    participant = member(programme, Role.PARTICIPANT, full_name="Pat Participant")
    conversation_of(alumnus, peer, "Hello")
    client.force_login(peer)
    assert "You have 1 unread message." in client.get(URL).content.decode()
    client.force_login(director)
    response = client.get(URL)
    assert "You have no unread messages." in response.content.decode()
    assert ("Your buddy", "/network/buddy/") in links(response)
    assert ("Your buddies", "/network/buddies/") not in links(response)
    client.force_login(participant)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Buddies" not in response.content.decode()


def test_only_members_have_the_network_home_page(client, team, outsider):
    assert client.get(URL).url == f"/account/sign-in/?next={URL}"
    for person in (team, outsider):
        client.force_login(person)
        assert client.get(URL).status_code == 403


def test_members_have_one_network_entry_in_the_menu(client, alumnus, team):
    client.force_login(alumnus)
    items = client.get(reverse("network:groups")).context["nav_items"]
    assert [(i["label"], i["active"]) for i in items if i["url"].startswith("/network/")] == [
        ("Network", True)
    ]
    client.force_login(team)
    items = client.get(reverse("network:library")).context["nav_items"]
    assert [(i["label"], i["active"]) for i in items if i["url"].startswith("/network/")] == [
        ("Library", True)
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_the_home_page_takes_the_same_queries_for_one_unread_message_or_three(
    client, alumnus, peer, count, django_assert_num_queries
):
    conversation_of(peer, alumnus, *["Hello"] * (2 * count - 1))
    client.force_login(alumnus)
    # Session, user, roles; the unread count.
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.context["unread"] == count
