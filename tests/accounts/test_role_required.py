"""The one role decorator: signed out goes to sign in, no role is 403, the role passes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from tests.factories import RoleAssignmentFactory, UserFactory
from upon.accounts.access import role_required, team_required
from upon.accounts.models import Role


def view(request):
    return HttpResponse("ok")


def call(decorated, user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return decorated(request)


@pytest.mark.django_db
def test_signed_out_is_sent_to_sign_in():
    from django.contrib.auth.models import AnonymousUser

    response = call(role_required(Role.FACILITATOR)(view), AnonymousUser())
    assert response.status_code == 302
    assert "next=/somewhere/" in response["Location"]


@pytest.mark.django_db
def test_without_the_role_is_403_with_the_roles_named():
    with pytest.raises(PermissionDenied, match="^Facilitators only$"):
        call(role_required(Role.FACILITATOR)(view), UserFactory())
    with pytest.raises(PermissionDenied, match="^Programme team only$"):
        call(team_required(view), UserFactory())


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD])
def test_team_required_lets_either_team_role_through(role):
    user = RoleAssignmentFactory(role=role).user
    assert call(team_required(view), user).content == b"ok"


@pytest.mark.django_db
def test_any_of_several_roles_passes():
    user = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM).user
    decorated = role_required(Role.FACILITATOR, Role.PROGRAMME_TEAM)(view)
    assert call(decorated, user).content == b"ok"
    with pytest.raises(PermissionDenied, match="^Facilitators or Reviewers only$"):
        call(role_required(Role.FACILITATOR, Role.REVIEWER)(view), user)
