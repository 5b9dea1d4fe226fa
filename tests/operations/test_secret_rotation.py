"""Rotating SECRET_KEY (docs/operations.md, "Rotate secrets"): with the old key in
SECRET_KEY_FALLBACKS, people stay signed in and links signed with it still open; without it,
both stop."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from tests.factories import ProgrammeFactory, UserFactory
from tests.support.factories import alumnus_of
from upon.support import further_learning

OLD, NEW = "old-key-" + "o" * 42, "new-key-" + "n" * 42
NOW = datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize(("fallbacks", "status"), [([OLD], 200), ([], 302)])
def test_a_session_signed_in_under_the_old_key(client, fallbacks, status):
    person = UserFactory()
    with override_settings(SECRET_KEY=OLD, SECRET_KEY_FALLBACKS=[]):
        client.force_login(person)
        assert client.get(reverse("accounts:home")).status_code == 200
    with override_settings(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=fallbacks):
        response = client.get(reverse("accounts:home"))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.django_db
@pytest.mark.parametrize(("fallbacks", "status"), [([OLD], 200), ([], 404)])
def test_a_calendar_feed_link_signed_with_the_old_key(client, fallbacks, status):
    alumnus = alumnus_of(ProgrammeFactory())
    with override_settings(SECRET_KEY=OLD, SECRET_KEY_FALLBACKS=[]):
        token = further_learning.feed_token(alumnus)
    with override_settings(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=fallbacks):
        response = client.get(reverse("support:learning_feed", kwargs={"token": token}))
        assert response.status_code == status
        # What is signed now is signed with the new key alone.
        assert further_learning.feed_token(alumnus) != token
