import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.accounts.conftest import link_in
from tests.factories import IntakeFactory, ProgrammeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts import services
from upon.accounts.models import Invitation, Role
from upon.accounts.permissions import check_object
from upon.accounts.tokens import hash_token

LIFETIME_14_DAYS = datetime.timedelta(days=14)

pytestmark = pytest.mark.django_db

URL = "/account/invitations/new/"


def answers(programme, role=Role.COACH, intake=None, email="Coach.Person@Example.org"):
    return {
        "email": email,
        "role": role,
        "programme": programme.pk,
        "intake": intake.pk if intake else "",
    }


def test_anonymous_people_are_asked_to_sign_in(client, programme):
    response = client.post(URL, answers(programme))
    assert response.url == f"/account/sign-in/?next={URL}"
    assert Invitation.objects.count() == 0


def test_people_outside_any_team_are_forbidden(client, outsider, programme, mailoutbox):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
    assert client.post(URL, answers(programme)).status_code == 403
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_team_member_invites_a_coach_by_email(client, team, programme, mailoutbox):
    client.force_login(team)

    response = client.post(URL, answers(programme))

    assert response.url == "/account/invitations/"
    invitation = Invitation.objects.get()
    assert (
        invitation.email,
        invitation.role,
        invitation.programme,
        invitation.intake,
        invitation.invited_by,
        invitation.accepted_at,
    ) == ("coach.person@example.org", Role.COACH, programme, None, team, None)
    assert invitation.expires_at == invitation.created_at + LIFETIME_14_DAYS
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["coach.person@example.org"]
    assert message.subject == "You are invited to be Coach for Aspiring Directors North"
    assert "Tess Team from the programme team has invited you" in message.body
    link = link_in(message, "/account/invitations/")
    token = link.split("/")[3]
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    listing = client.get(response.url).content.decode()
    assert "Invitation sent to coach.person@example.org" in listing


def test_the_form_offers_only_the_inviters_programmes_and_their_intakes(
    client, team, programme, intake, other_team
):
    IntakeFactory(programme=other_team.roles.get().programme, name="Not ours")
    client.force_login(team)
    form = client.get(URL).context["form"]
    assert list(form.fields["programme"].queryset) == [programme]
    assert list(form.fields["intake"].queryset) == [intake]


def test_another_programme_is_refused(client, team, other_team, mailoutbox):
    client.force_login(team)
    theirs = other_team.roles.get().programme

    response = client.post(URL, answers(theirs))

    assert response.status_code == 200
    assert response.context["form"].errors == {"programme": ["Select one of your programmes"]}
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_another_programmes_team_cannot_invite_to_this_programme(client, other_team, programme):
    client.force_login(other_team)
    response = client.post(URL, answers(programme))
    assert response.context["form"].errors == {"programme": ["Select one of your programmes"]}
    assert Invitation.objects.count() == 0


def test_an_intake_scoped_role_needs_an_intake(client, team, programme):
    client.force_login(team)
    response = client.post(URL, answers(programme, role=Role.REVIEWER))
    assert response.context["form"].errors == {"intake": ["Select the intake"]}
    assert Invitation.objects.count() == 0


def test_the_intake_must_belong_to_the_programme(client, team, programme):
    second = ProgrammeFactory(name="Second programme")
    RoleAssignmentFactory(user=team, role=Role.PROGRAMME_TEAM, programme=second)
    client.force_login(team)
    response = client.post(
        URL, answers(programme, role=Role.REVIEWER, intake=IntakeFactory(programme=second))
    )
    assert response.context["form"].errors == {
        "intake": ["Select an intake of Aspiring Directors North"]
    }
    assert Invitation.objects.count() == 0


def test_an_intake_of_another_teams_programme_is_refused(client, team, programme, other_team):
    client.force_login(team)
    theirs = IntakeFactory(programme=other_team.roles.get().programme)
    response = client.post(URL, answers(programme, role=Role.REVIEWER, intake=theirs))
    assert response.context["form"].errors == {"intake": ["Select one of your programme's intakes"]}


def test_a_reviewer_is_invited_for_one_intake(client, team, programme, intake, mailoutbox):
    client.force_login(team)
    client.post(URL, answers(programme, role=Role.REVIEWER, intake=intake))
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.intake) == (Role.REVIEWER, intake)
    assert mailoutbox[0].subject == (
        "You are invited to be Reviewer for 2026 to 2027 intake, Aspiring Directors North"
    )


def test_a_programme_role_ignores_an_intake_chosen_by_mistake(client, team, programme, intake):
    client.force_login(team)
    client.post(URL, answers(programme, role=Role.COACH, intake=intake))
    assert Invitation.objects.get().intake is None


@pytest.mark.parametrize("role", [Role.PROGRAMME_LEAD, Role.FUNDER])
def test_only_a_lead_may_invite_a_lead_or_funder(client, team, lead, programme, role):
    client.force_login(team)
    refused = client.post(URL, answers(programme, role=role))
    assert refused.context["form"].errors == {
        "role": ["Only a programme lead can invite a programme lead or a funder"]
    }
    assert Invitation.objects.count() == 0

    client.force_login(lead)
    assert client.post(URL, answers(programme, role=role)).url == "/account/invitations/"
    assert Invitation.objects.get().role == role


def test_blank_form_gets_govuk_errors(client, team):
    client.force_login(team)
    response = client.post(URL, {"email": "", "role": "", "programme": "", "intake": ""})
    assert response.context["form"].errors == {
        "email": ["Enter the email address of the person you are inviting"],
        "role": ["Select a role"],
        "programme": ["Select a programme"],
    }
    content = response.content.decode()
    assert "<title>Error: Invite someone to a role – Upon</title>" in content
    assert '<a href="#id_role_0">Select a role</a>' in content


def test_the_service_refuses_outsiders_and_non_leads_too(team, outsider, programme):
    with pytest.raises(services.CannotInvite, match="^Only the programme team can invite"):
        services.invite(
            invited_by=outsider, email="a@example.org", role=Role.COACH, programme=programme
        )
    with pytest.raises(services.CannotInvite, match="^Only a programme lead can invite"):
        services.invite(
            invited_by=team, email="a@example.org", role=Role.FUNDER, programme=programme
        )
    assert Invitation.objects.count() == 0


def test_the_invite_permission_is_404_off_the_programme_and_403_for_a_lead_only_role(
    team, outsider, programme
):
    coach, funder = (
        Invitation(role=role, programme=programme) for role in (Role.COACH, Role.FUNDER)
    )
    check_object(team, "accounts.invite", coach)
    with pytest.raises(PermissionDenied):
        check_object(team, "accounts.invite", funder)
    with pytest.raises(PermissionDenied):  # no team role anywhere: refused before the object
        check_object(outsider, "accounts.invite", coach)
    other_team = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM).user
    with pytest.raises(Http404):
        check_object(other_team, "accounts.invite", coach)


def test_a_non_team_role_holder_is_forbidden(client, programme, intake):
    reviewer = RoleAssignmentFactory(
        user=UserFactory(), role=Role.REVIEWER, programme=programme, intake=intake
    ).user
    client.force_login(reviewer)
    assert client.get(URL).status_code == 403
