import pytest

from tests.factories import IntakeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_anonymous_people_are_asked_to_sign_in(client):
    assert client.get("/account/").url == "/account/sign-in/?next=/account/"


def test_greets_a_person_with_no_roles_and_links_their_applications(client):
    client.force_login(UserFactory(full_name="Ada Lovelace"))
    response = client.get("/account/")
    content = response.content.decode()
    assert '<h1 class="govuk-heading-l">Hello, Ada Lovelace</h1>' in content
    assert '<a class="govuk-link" href="/applications/">Your applications</a>' in content
    assert response.context["roles"] == []
    assert "Your roles" not in content
    assert "Confirm your email address" not in content


def test_team_roles_link_to_intakes_and_invitations(client, team, programme):
    client.force_login(team)
    rows = client.get("/account/").context["roles"]
    assert rows == [
        {
            "role": "Programme team",
            "scope": "Aspiring Directors North",
            "links": [
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
            ],
            "coming": "",
        }
    ]


def test_roles_say_where_to_start_or_what_is_coming_with_their_scope(client, programme, intake):
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=Role.REVIEWER, programme=programme, intake=intake)
    RoleAssignmentFactory(user=person, role=Role.FUNDER, programme=programme)
    client.force_login(person)

    response = client.get("/account/")

    assert [
        (r["role"], r["scope"], r["links"], r["coming"]) for r in response.context["roles"]
    ] == [
        ("Funder", "Aspiring Directors North", [("Grant and outcomes", "/outcomes/")], ""),
        (
            "Reviewer",
            "2026 to 2027 intake, Aspiring Directors North",
            [("Your reviews", "/reviews/")],
            "",
        ),
    ]
    assert "Coming soon" not in response.content.decode()


def test_unconfirmed_person_sees_the_banner_with_a_resend_button(client):
    client.force_login(UserFactory(email="new@example.org", email_confirmed_at=None))
    content = client.get("/account/").content.decode()
    assert "Confirm your email address" in content
    assert "We sent a link to new@example.org." in content
    assert 'action="/account/confirm/resend/"' in content


@pytest.mark.parametrize("roles", [1, 3])
def test_home_query_count_does_not_grow_with_roles(
    client, programme, roles, django_assert_num_queries
):
    person = UserFactory()
    for _ in range(roles):
        RoleAssignmentFactory(
            user=person,
            role=Role.REVIEWER,
            programme=programme,
            intake=IntakeFactory(programme=programme),
        )
    client.force_login(person)
    # Session, user, roles for the navigation; the reviewer's counts and first reviews to do;
    # whether they have applied; roles with their programme and intake.
    with django_assert_num_queries(7):
        response = client.get("/account/")
    assert len(response.context["roles"]) == roles
