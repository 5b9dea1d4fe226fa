"""The service navigation: apps register their entries; the shell renders what is registered."""

import pytest
from django.test import RequestFactory

from tests.factories import IntakeFactory, ProgrammeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts import home
from upon.accounts.models import Role
from upon.service import navigation

pytestmark = pytest.mark.django_db


def labels(items):
    return [item["label"] for item in items]


def request_for(user, path="/account/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


@pytest.fixture
def everyone():
    """One person holding every role that has its own pages."""
    programme = ProgrammeFactory()
    intake = IntakeFactory(programme=programme)
    person = UserFactory()
    for role in (Role.REVIEWER, Role.PARTICIPANT, Role.FACILITATOR):
        RoleAssignmentFactory(user=person, role=role, programme=programme, intake=intake)
    RoleAssignmentFactory(user=person, role=Role.PROGRAMME_TEAM, programme=programme)
    return person


def test_each_app_registers_its_entries_in_the_order_the_menu_shows_them():
    assert [(entry.label, entry.url_name) for entry in navigation.entries()] == [
        ("Home", "accounts:home"),
        ("Your applications", "recruitment:applications"),
        ("Your reviews", "selection:queue"),
        ("Your programme", "delivery:programme"),
        ("Your posts", "support:posts"),
        ("Your support", "support:my_support"),
        ("Your directors", "support:coach_home"),
        ("Further learning", "support:further_learning"),
        ("Library", "network:library"),
        ("Network", "network:home"),
        ("Your sessions", "delivery:facilitating"),
        ("Intakes", "recruitment:team_intakes"),
        ("Appointments", "support:team_appointments"),
        ("National register", "workforce:authorities"),
    ]


def test_signed_out_people_get_no_menu():
    from django.contrib.auth.models import AnonymousUser

    assert navigation.items_for(request_for(AnonymousUser())) == []


def test_a_person_with_no_roles_sees_home_and_their_applications():
    assert labels(navigation.items_for(request_for(UserFactory()))) == [
        "Home",
        "Your applications",
    ]


def test_a_person_sees_one_entry_per_role_in_order(everyone):
    assert navigation.items_for(request_for(everyone, "/team/intakes/2026/")) == [
        {"label": "Home", "url": "/account/", "active": False},
        {"label": "Your applications", "url": "/applications/", "active": False},
        {"label": "Your reviews", "url": "/reviews/", "active": False},
        {"label": "Your programme", "url": "/programme/", "active": False},
        {"label": "Your posts", "url": "/posts/", "active": False},
        {"label": "Network", "url": "/network/", "active": False},
        {"label": "Your sessions", "url": "/facilitating/", "active": False},
        {"label": "Intakes", "url": "/team/intakes/", "active": True},
        {"label": "Appointments", "url": "/team/appointments/", "active": False},
        {"label": "National register", "url": "/team/register/", "active": False},
    ]


def test_home_is_active_only_on_itself_the_others_below_them_too(everyone):
    def active(path):
        return [
            item["label"]
            for item in navigation.items_for(request_for(everyone, path))
            if item["active"]
        ]

    assert active("/account/") == ["Home"]
    assert active("/account/invitations/") == []
    assert active("/applications/") == ["Your applications"]
    assert active("/applications/ADCS-2026-00001/") == ["Your applications"]
    assert active("/reviews/") == ["Your reviews"]
    assert active("/") == []


def test_an_app_can_register_an_entry_and_the_page_shows_it(client, monkeypatch):
    monkeypatch.setattr(navigation, "_entries", dict(navigation._entries))
    navigation.register(
        "Your coaching",
        "service:accessibility",
        visible=lambda user: user.full_name == "Ada Lovelace",
        order=35,
    )
    ada, bob = UserFactory(full_name="Ada Lovelace"), UserFactory(full_name="Bob")
    client.force_login(ada)
    items = client.get("/account/").context["nav_items"]
    assert labels(items) == ["Home", "Your applications", "Your coaching"]
    assert items[2] == {"label": "Your coaching", "url": "/accessibility/", "active": False}
    client.force_login(bob)
    assert "Your coaching" not in labels(client.get("/account/").context["nav_items"])


def test_registering_a_label_again_replaces_it(monkeypatch):
    monkeypatch.setattr(navigation, "_entries", dict(navigation._entries))
    before = len(navigation.entries())
    navigation.register("Home", "accounts:home", visible=lambda user: True, order=0, prefix=False)
    assert len(navigation.entries()) == before


def test_apps_register_their_home_page_links_per_role():
    # The lead has the team's links, and issues the partner API's tokens.
    assert home.role_links(Role.PROGRAMME_LEAD) == [
        *home.role_links(Role.PROGRAMME_TEAM),
        ("Partner API tokens", "/team/partners/"),
    ]
    assert home.role_links(Role.PROGRAMME_TEAM) == [
        ("Intakes", "/team/intakes/"),
        ("Invite someone to a role", "/account/invitations/new/"),
        ("Invitations", "/account/invitations/"),
        ("Appointments to verify", "/team/appointments/"),
        ("Support entitlements", "/team/entitlements/"),
        ("Coach pool", "/team/coaches/"),
        ("Coaching", "/team/coaching/"),
        ("Employer check-ins", "/team/employer-check-ins/"),
        ("Further learning events", "/team/further-learning/"),
        ("Buddies", "/network/team/buddies/"),
        ("Library", "/network/library/"),
        ("Library suggestions", "/network/library/suggestions/"),
        ("Network reports", "/network/team/reports/"),
        ("Opportunities", "/network/opportunities/posted/"),
        ("Grant and outcomes", "/outcomes/"),
        ("National register", "/team/register/"),
        ("Personal data", "/team/privacy/"),
    ]
    assert home.role_links(Role.REVIEWER) == [("Your reviews", "/reviews/")]
    assert home.role_links(Role.PARTICIPANT) == [
        ("Your programme", "/programme/"),
        ("Your posts", "/posts/"),
        ("Network", "/network/"),
    ]
    assert home.role_links(Role.ALUMNUS) == [
        ("Your posts", "/posts/"),
        ("Further learning", "/further-learning/"),
        ("Your buddies", "/network/buddies/"),
        ("Network", "/network/"),
    ]
    assert home.role_links(Role.NEW_DIRECTOR) == [
        ("Your support", "/support/"),
        ("Your coach", "/support/coaches/"),
        ("Your posts", "/posts/"),
        ("Further learning", "/further-learning/"),
        ("Your buddy", "/network/buddy/"),
        ("Network", "/network/"),
    ]
    assert home.role_links(Role.FACILITATOR) == [("Your sessions", "/facilitating/")]
    assert home.role_links(Role.COACH) == [("Your directors", "/coaching/")]
    assert home.role_links(Role.EMPLOYER_CONTACT) == [
        ("Your check-ins", "/employer/"),
        ("Post an opportunity", "/network/opportunities/posted/"),
    ]


def test_a_registered_home_page_link_shows_beside_the_role(client, monkeypatch):
    monkeypatch.setattr(home, "_ROLE_LINKS", {})
    home.register_role_link([Role.COACH], "Your coaching", "service:accessibility", order=10)
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=Role.COACH, programme=ProgrammeFactory())
    client.force_login(person)
    [row] = client.get("/account/").context["roles"]
    assert row["links"] == [("Your coaching", "/accessibility/")]
