"""The directory: profiles opted in, what they show (never an email address), search and
filters, the member's own profile, removal at once; members only."""

import datetime

import pytest

from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.factories import IntakeFactory, UserFactory
from tests.network.factories_directory import ProfileFactory, current_post, member
from upon.accounts.models import Role
from upon.network import directory
from upon.network.models import Profile
from upon.organisations.models import Region
from upon.support.models import PostRole

pytestmark = pytest.mark.django_db


def cohort_place(user, programme, name, starts):
    intake = IntakeFactory(
        programme=programme, name=f"{name} intake", slug=name.lower().replace(" ", "-")
    )
    cohort = CohortFactory(
        intake=intake, name=name, starts_on=starts, ends_on=starts + datetime.timedelta(days=300)
    )
    return ParticipantFactory(cohort=cohort, user=user, role=False).cohort


# The rules


def test_a_profile_shows_the_current_verified_post_region_and_newest_cohort(alumnus, programme):
    cohort_place(alumnus, programme, "Cohort 2024", datetime.date(2024, 9, 1))
    cohort_place(alumnus, programme, "Cohort 2025", datetime.date(2025, 9, 1))
    current_post(alumnus, programme, "Leeds")
    # Unverified, and ended: neither is the current post.
    current_post(alumnus, programme, "York", verified_at=None, starts_on=datetime.date(2027, 1, 1))
    ProfileFactory(user=alumnus, topics=["send", "finance"], strengths=[3, 1])
    shown = directory.shown(directory.own_profile(alumnus))
    assert shown == directory.Shown(
        post="Director of Children's Services (DCS), Leeds",
        region="Yorkshire and The Humber",
        cohort="Cohort 2025",
        roles=["Alumnus", "Director of children's services"],
        strengths=[directory.CAPABILITY_NAMES[1], directory.CAPABILITY_NAMES[3]],
        topics=["Budgets and finance", "Special educational needs and disabilities (SEND)"],
        contact=["A message through Upon"],
    )


def test_no_current_post_says_nothing_and_the_own_region_wins(alumnus, programme):
    ProfileFactory(user=alumnus, region=Region.LONDON)
    shown = directory.shown(directory.own_profile(alumnus))
    assert (shown.post, shown.region, shown.cohort, shown.roles) == ("", "London", "", ["Alumnus"])


def test_someone_no_longer_a_member_is_not_in_the_directory(programme):
    person = UserFactory()
    ProfileFactory(user=person)
    assert list(directory.profiles()) == []


def test_search_and_filters(alumnus, peer, programme):
    director = member(programme, Role.NEW_DIRECTOR, full_name="Dee Director")
    current_post(director, programme, "Manchester")
    current_post(peer, programme, "Leeds", role=PostRole.ASSISTANT_OR_DEPUTY)
    cohort = cohort_place(peer, programme, "Cohort 2025", datetime.date(2025, 9, 1))
    ProfileFactory(user=alumnus, about="Twenty years in youth justice", topics=["youth_justice"])
    ProfileFactory(user=peer, about="", topics=["send", "care"], strengths=[2, 5], region="")
    ProfileFactory(user=director, topics=["care"], strengths=[5])

    def names(**filters):
        return [p.user.full_name for p in directory.search(**filters)]

    everyone = ["Alex Alumnus", "Dee Director", "Priya Peer"]
    assert names() == everyone
    assert names(text="youth JUSTICE") == ["Alex Alumnus"]
    assert names(text="priya") == ["Priya Peer"]
    assert names(topics=["care"]) == ["Dee Director", "Priya Peer"]
    assert names(topics=["send", "youth_justice"]) == ["Alex Alumnus", "Priya Peer"]
    assert names(strengths=[2]) == ["Priya Peer"]
    assert names(strengths=[5, 7]) == ["Dee Director", "Priya Peer"]
    assert names(regions=[Region.NORTH_WEST]) == ["Dee Director"]
    assert names(regions=[Region.YORKSHIRE]) == ["Priya Peer"]
    assert names(roles=["director"]) == ["Dee Director"]
    assert names(roles=["alumnus"]) == ["Alex Alumnus", "Priya Peer"]
    assert names(cohort_id=cohort.pk) == ["Priya Peer"]
    assert names(topics=["care"], roles=["alumnus"]) == ["Priya Peer"]


def test_saving_opts_in_and_removing_deletes_at_once(alumnus):
    profile, created = directory.save_profile(
        user=alumnus,
        about="Hello",
        region="",
        topics=["send", "inspection"],
        strengths=[7, 2],
        contact_preferences=["call"],
    )
    assert created
    assert (profile.topics, profile.strengths) == (["inspection", "send"], [2, 7])
    assert directory.remove_profile(user=alumnus) is True
    assert not Profile.objects.filter(user=alumnus).exists()


# The pages


def test_the_directory_is_for_members_only(client, alumnus, team, outsider):
    client.force_login(alumnus)
    assert client.get("/network/directory/").status_code == 200
    for person in (team, outsider):
        client.force_login(person)
        assert client.get("/network/directory/").status_code == 403
    client.logout()
    assert client.get("/network/directory/").status_code == 302


def test_a_profile_page_for_members_404_when_opted_out(client, alumnus, peer, team):
    profile = ProfileFactory(user=peer, about="<script>alert(1)</script>")
    url = f"/network/directory/{profile.pk}/"
    client.force_login(alumnus)
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content
    assert "Send a message" in content
    client.force_login(team)
    assert client.get(url).status_code == 403
    directory.remove_profile(user=peer)
    client.force_login(alumnus)
    assert client.get(url).status_code == 404


def test_no_page_shows_an_email_address(client, alumnus, peer, programme):
    current_post(peer, programme, "Leeds")
    mine = ProfileFactory(user=alumnus)
    theirs = ProfileFactory(user=peer)
    client.force_login(alumnus)
    for url in (
        "/network/directory/",
        "/network/directory/?q=priya",
        f"/network/directory/{theirs.pk}/",
        f"/network/directory/{mine.pk}/",
        "/network/directory/your-profile/",
        f"/network/directory/{theirs.pk}/message/",
    ):
        content = client.get(url).content.decode()
        assert "priya@council.example" not in content, url
        assert "alex@council.example" not in content, url
        assert "@council.example" not in content, url


def test_own_profile_opts_in_by_saving_and_keeps_what_was_typed(client, alumnus):
    client.force_login(alumnus)
    assert "Join the directory" in client.get("/network/directory/your-profile/").content.decode()
    too_long = "x" * 1001
    response = client.post(
        "/network/directory/your-profile/", {"about": too_long, "topics": ["send"]}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "About you must be 1,000 characters or fewer" in content
    assert too_long in content
    assert not Profile.objects.exists()
    response = client.post(
        "/network/directory/your-profile/",
        {
            "about": "Ask me about SEND",
            "topics": ["send"],
            "strengths": ["4"],
            "region": Region.LONDON,
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=alumnus)
    assert (profile.about, profile.topics, profile.strengths, profile.region) == (
        "Ask me about SEND",
        ["send"],
        [4],
        Region.LONDON,
    )


def test_remove_my_profile_asks_first_then_deletes(client, alumnus):
    ProfileFactory(user=alumnus)
    client.force_login(alumnus)
    response = client.get("/network/directory/your-profile/remove/")
    assert "Are you sure you want to remove your profile?" in response.content.decode()
    assert Profile.objects.filter(user=alumnus).exists()
    response = client.post("/network/directory/your-profile/remove/")
    assert response.url == "/network/directory/your-profile/"
    assert not Profile.objects.filter(user=alumnus).exists()


def test_the_filter_form_works_by_get_and_refuses_a_tampered_value(client, alumnus, peer):
    ProfileFactory(user=alumnus, topics=["send"])
    ProfileFactory(user=peer, topics=["care"])
    client.force_login(alumnus)
    response = client.get("/network/directory/?topic=care")
    assert [p.user for p, _ in response.context["rows"]] == [peer]
    response = client.get("/network/directory/?topic=nonsense&topic=send")
    assert "Select topic from the list" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_directory_query_count_does_not_grow(
    client, programme, alumnus, count, django_assert_num_queries
):
    for number in range(count):
        person = member(programme, full_name=f"Member {number}")
        current_post(person, programme, "Leeds")
        cohort_place(person, programme, f"Cohort {number}", datetime.date(2025, 9, 1))
        ProfileFactory(user=person)
    client.force_login(alumnus)
    client.get("/network/directory/")
    # Session, user, roles, cohorts, own profile, count, page.
    with django_assert_num_queries(7):
        response = client.get("/network/directory/?topic=inspection&role=alumnus")
    assert len(response.context["rows"]) == count
