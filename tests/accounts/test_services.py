import pytest
from django.core.exceptions import ValidationError

from tests.factories import IntakeFactory, UserFactory
from upon.accounts import roles, services
from upon.accounts.models import RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_grant_role_for_a_programme(programme, team):
    person = UserFactory()
    assert roles.is_team(person) is False  # loads the cache that grant_role must drop

    assignment = services.grant_role(
        user=person, role="programme_team", programme=programme, granted_by=team
    )

    assert (assignment.user, assignment.role, assignment.programme, assignment.intake) == (
        person,
        "programme_team",
        programme,
        None,
    )
    assert assignment.granted_by == team
    assert roles.is_team(person) is True


def test_grant_role_twice_is_one_assignment(programme):
    person = UserFactory()
    first = services.grant_role(user=person, role="coach", programme=programme)
    second = services.grant_role(user=person, role="coach", programme=programme)
    assert first == second
    assert RoleAssignment.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "intake_of", "message"),
    [
        ("reviewer", None, "Select the intake"),
        ("reviewer", "other", "Select an intake of Aspiring Directors North"),
        ("coach", "same", "This role is for a whole programme, not one intake"),
        ("applicant", None, "Select a role"),
    ],
)
def test_grant_role_checks_the_scope(programme, intake, role, intake_of, message):
    chosen = {"same": intake, "other": IntakeFactory(), None: None}[intake_of]
    with pytest.raises(ValidationError) as raised:
        services.grant_role(user=UserFactory(), role=role, programme=programme, intake=chosen)
    assert raised.value.messages == [message]
    assert RoleAssignment.objects.count() == 0


def test_register_returns_none_for_an_existing_address(mailoutbox):
    UserFactory(email="taken@example.org")
    assert (
        services.register(full_name="X", email=" TAKEN@example.org ", password="irrelevant pw")
        is None
    )
    assert User.objects.count() == 1
    assert [m.subject for m in mailoutbox] == ["You already have an account on Upon"]


def test_register_strips_and_lower_cases(mailoutbox):
    user = services.register(
        full_name="  Grace Hopper ", email=" Grace@Navy.EXAMPLE ", password="a long passphrase"
    )
    assert (user.full_name, user.email, user.email_confirmed_at) == (
        "Grace Hopper",
        "grace@navy.example",
        None,
    )
    assert mailoutbox[0].to == ["grace@navy.example"]


def test_emails_with_apostrophes_are_not_html_escaped(mailoutbox):
    user = services.register(
        full_name="Siobhán O'Neill", email="s@example.org", password="a long passphrase"
    )
    assert f"Dear {user.full_name}," in mailoutbox[0].body
