"""The network's directory and messages in the demo: the member sign-ins are in the directory
with other members and 400 alumni, and the alumnus has a reply to read."""

import pytest
from django.core.management import call_command

from demo.network_alumni import DEMO_ALUMNI
from demo.network_directory import OTHER_MEMBERS, SIGN_IN_PROFILES
from upon.accounts.models import User
from upon.network.models import Conversation, Profile

pytestmark = pytest.mark.django_db


def test_the_demo_members_are_in_the_directory_and_the_alumnus_has_a_reply(client):
    call_command("seed_demo", verbosity=0, seed=7)
    assert Profile.objects.count() == len(SIGN_IN_PROFILES) + OTHER_MEMBERS + DEMO_ALUMNI
    assert set(SIGN_IN_PROFILES) <= set(Profile.objects.values_list("user__email", flat=True))
    [conversation] = Conversation.objects.all()
    assert conversation.messages.count() == 3

    client.force_login(User.objects.get(email="alumnus@upon.example"))
    response = client.get("/network/directory/")
    assert response.status_code == 200
    assert (
        response.context["page"].paginator.count
        == len(SIGN_IN_PROFILES) + OTHER_MEMBERS + DEMO_ALUMNI
    )
    rows = client.get("/network/messages/").context["rows"]
    assert [(other.email, c.unread) for c, other in rows] == [("director@upon.example", 1)]
