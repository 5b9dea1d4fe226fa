import datetime

import pytest
from django.utils import timezone

from tests.accounts.conftest import link_in
from tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory
from tests.helpers import pass_second_factor
from upon.accounts import services
from upon.accounts.models import Invitation, Role, RoleAssignment, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation_link(team, programme, intake, mailoutbox):
    services.invite(
        invited_by=team,
        email="Rev.Viewer@example.org",
        role=Role.REVIEWER,
        programme=programme,
        intake=intake,
    )
    return link_in(mailoutbox[-1], "/account/invitations/")


@pytest.fixture
def invitee(db):
    return UserFactory(email="rev.viewer@example.org", full_name="Rev Viewer")


def granted(user):
    return list(user.roles.values_list("role", "programme__name", "intake__name", "granted_by"))


def test_invitee_signed_in_sees_an_accept_button_and_get_changes_nothing(
    client, invitation_link, invitee
):
    client.force_login(invitee)
    response = client.get(invitation_link)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Accept invitation</button>" in content
    assert "Reviewer" in content
    assert granted(invitee) == []


def test_invitee_accepts_and_gets_the_role(client, invitation_link, invitee, team):
    client.force_login(invitee)

    response = client.post(invitation_link)

    assert response.url == "/account/"
    assert granted(invitee) == [
        (Role.REVIEWER, "Aspiring Directors North", "2026 to 2027 intake", team.pk)
    ]
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == invitee
    assert invitation.accepted_at is not None
    # A reviewer signs in with a second factor: the next page is setting it up.
    assert client.get("/account/").url == "/account/second-factor/set-up/?next=%2Faccount%2F"
    pass_second_factor(client, invitee)
    home = client.get("/account/")
    assert "You now have the Reviewer role for 2026 to 2027 intake" in home.content.decode()
    assert [row["role"] for row in home.context["roles"]] == ["Reviewer"]


def test_accepting_confirms_an_unconfirmed_email(client, invitation_link):
    person = UserFactory(email="rev.viewer@example.org", email_confirmed_at=None)
    client.force_login(person)
    client.post(invitation_link)
    person.refresh_from_db()
    assert person.email_confirmed_at == Invitation.objects.get().accepted_at


def test_someone_signed_in_with_another_email_is_refused(client, invitation_link, outsider):
    client.force_login(outsider)

    for method in (client.get, client.post):
        response = method(invitation_link)
        assert response.status_code == 403
        assert "This invitation is for a different email address" in response.content.decode()
    assert granted(outsider) == []
    assert Invitation.objects.get().accepted_at is None


def test_another_team_member_cannot_accept_it_either(client, invitation_link, other_team):
    client.force_login(other_team)
    assert client.post(invitation_link).status_code == 403
    assert Invitation.objects.get().accepted_at is None


def test_anonymous_people_are_offered_create_account_or_sign_in(client, invitation_link):
    token = invitation_link.split("/")[3]
    for method in (client.get, client.post):
        response = method(invitation_link)
        content = response.content.decode()
        assert response.status_code == 200
        assert f'href="/account/invitations/{token}/create-account/"' in content
        assert f'href="/account/sign-in/?next=%2Faccount%2Finvitations%2F{token}%2F"' in content
    assert Invitation.objects.get().accepted_at is None


def test_signing_in_from_the_invitation_comes_back_to_accept(client, invitation_link, invitee):
    response = client.post(
        "/account/sign-in/",
        {"email": "rev.viewer@example.org", "password": PASSWORD, "next": invitation_link},
    )
    assert response.url == invitation_link
    client.post(invitation_link)
    assert granted(invitee)[0][0] == Role.REVIEWER


def test_creating_an_account_from_the_invitation(client, invitation_link, team):
    url = invitation_link + "create-account/"
    page = client.get(url).content.decode()
    assert "rev.viewer@example.org" in page
    assert 'name="email"' not in page

    response = client.post(
        url,
        {
            "full_name": "Rev Viewer",
            # An email typed into the request is ignored: the invitation's address is used.
            "email": "someone.else@example.org",
            "password1": "a long unusual passphrase",
            "password2": "a long unusual passphrase",
        },
    )

    assert response.url == "/account/"
    user = User.objects.get(email="rev.viewer@example.org")
    assert user.full_name == "Rev Viewer"
    assert user.email_confirmed_at is not None
    assert user.check_password("a long unusual passphrase")
    assert not User.objects.filter(email="someone.else@example.org").exists()
    assert granted(user) == [
        (Role.REVIEWER, "Aspiring Directors North", "2026 to 2027 intake", team.pk)
    ]
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Invitation.objects.get().accepted_by == user


def test_creating_an_account_reports_govuk_errors(client, invitation_link):
    response = client.post(
        invitation_link + "create-account/",
        {"full_name": "", "password1": "short", "password2": "short"},
    )
    assert response.context["form"].errors == {
        "full_name": ["Enter your full name"],
        "password1": ["Your password must be 10 characters or more"],
    }
    assert User.objects.filter(email="rev.viewer@example.org").exists() is False


def test_creating_an_account_when_one_exists_sends_to_sign_in(client, invitation_link, invitee):
    response = client.post(
        invitation_link + "create-account/",
        {
            "full_name": "Impostor",
            "password1": "a long unusual passphrase",
            "password2": "a long unusual passphrase",
        },
    )
    token = invitation_link.split("/")[3]
    assert response.url == f"/account/sign-in/?next=%2Faccount%2Finvitations%2F{token}%2F"
    invitee.refresh_from_db()
    assert invitee.full_name == "Rev Viewer"
    assert invitee.check_password(PASSWORD)
    assert Invitation.objects.get().accepted_at is None


def test_signed_in_people_on_create_account_go_to_accept(client, invitation_link, invitee):
    client.force_login(invitee)
    assert client.get(invitation_link + "create-account/").url == invitation_link


def test_an_expired_invitation_is_410(client, invitation_link, invitee):
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client.force_login(invitee)
    for url in (invitation_link, invitation_link + "create-account/"):
        response = client.post(url)
        assert response.status_code == 410
        assert "This invitation link has expired" in response.content.decode()
    assert granted(invitee) == []


def test_an_invitation_works_once(client, invitation_link, invitee):
    client.force_login(invitee)
    client.post(invitation_link)
    pass_second_factor(client, invitee)  # now a reviewer

    for url in (invitation_link, invitation_link + "create-account/"):
        response = client.post(url)
        assert response.status_code == 410
        assert "This invitation link has already been used" in response.content.decode()
    assert RoleAssignment.objects.filter(user=invitee).count() == 1


def test_an_unknown_invitation_is_404(client):
    response = client.get("/account/invitations/made-up-token/")
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


def test_a_stale_copy_cannot_be_accepted_twice(invitation_link, invitee):
    token = invitation_link.split("/")[3]
    first = services.find_invitation(token=token)
    second = services.find_invitation(token=token)
    services.accept_invitation(invitation=first, user=invitee)
    with pytest.raises(services.UsedLink):
        services.accept_invitation(invitation=second, user=invitee)


def test_accepting_a_role_already_held_keeps_one_assignment(invitation_link, invitee, intake):
    RoleAssignmentFactory(
        user=invitee, role=Role.REVIEWER, programme=intake.programme, intake=intake
    )
    services.accept_invitation(
        invitation=services.find_invitation(token=invitation_link.split("/")[3]), user=invitee
    )
    assert RoleAssignment.objects.filter(user=invitee).count() == 1


def test_the_service_refuses_the_wrong_person(invitation_link, outsider):
    invitation = services.find_invitation(token=invitation_link.split("/")[3])
    with pytest.raises(services.WrongPerson):
        services.accept_invitation(invitation=invitation, user=outsider)
