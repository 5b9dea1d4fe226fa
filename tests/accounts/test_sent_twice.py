"""An invitation, sent ten times with one token, is made and emailed once."""

import pytest

from tests.accounts.test_invite import URL, answers
from tests.helpers import assert_saved_once
from upon.accounts.models import Invitation

pytestmark = pytest.mark.django_db


def test_an_invitation(client, team, programme, mailoutbox):
    client.force_login(team)
    assert_saved_once(client, URL, answers(programme), Invitation.objects)
    assert len(mailoutbox) == 1
