import datetime

import pytest
from django.core.exceptions import ValidationError
from django_tasks.signals import task_enqueued

from tests.accounts.hashers import CountingHasher
from tests.factories import IntakeFactory, UserFactory
from upon.accounts import roles, services
from upon.accounts.models import RoleAssignment, User
from upon.accounts.signals import role_granted

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


@pytest.fixture
def granted():
    """What `role_granted` told the apps, in order."""
    heard = []

    def listen(sender, **kwargs):
        heard.append(
            (sender, kwargs["user"], kwargs["role"], kwargs["programme"], kwargs["intake"])
        )

    role_granted.connect(listen, dispatch_uid="test_granted")
    yield heard
    role_granted.disconnect(dispatch_uid="test_granted")


def test_a_bulk_grant_does_what_single_grants_do(programme, intake, team, granted):
    ada, ben, cal = UserFactory(), UserFactory(), UserFactory()
    for person in (ada, ben):
        assert roles.has_role(person, "participant") is False  # the cache the grant must drop
    services.grant_role(user=cal, role="participant", programme=programme, intake=intake)
    one_at_a_time = list(granted)
    granted.clear()

    made = services.grant_roles(
        users=[ada, ben, cal, ada],
        role="participant",
        programme=programme,
        intake=intake,
        granted_by=team,
    )

    # Everyone is told of, as a single grant tells of one (cal held it already: told again, as
    # granting twice tells twice); only the new assignments are made, once each.
    assert one_at_a_time == [(RoleAssignment, cal, "participant", programme, intake)]
    assert granted == [
        (RoleAssignment, person, "participant", programme, intake) for person in (ada, ben, cal)
    ]
    assert sorted(a.user_id for a in made) == sorted([ada.pk, ben.pk])
    assert sorted(
        RoleAssignment.objects.filter(role="participant").values_list("user_id", "granted_by_id")
    ) == sorted([(ada.pk, team.pk), (ben.pk, team.pk), (cal.pk, None)])
    assert roles.has_role(ada, "participant") and roles.has_role(ben, "participant")


def test_a_bulk_grant_costs_the_same_for_one_or_three_people(
    programme, intake, django_assert_num_queries
):
    for people in (1, 3):
        users = UserFactory.create_batch(people)
        with django_assert_num_queries(2):
            services.grant_roles(
                users=users, role="participant", programme=programme, intake=intake
            )


def test_a_bulk_grant_checks_the_scope(programme):
    with pytest.raises(ValidationError):
        services.grant_roles(users=[UserFactory()], role="reviewer", programme=programme)
    assert RoleAssignment.objects.count() == 0


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


@pytest.fixture
def counted_hashing(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


@pytest.fixture
def enqueued():
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


def test_a_taken_address_costs_the_same_work_as_a_new_one(counted_hashing, enqueued, mailoutbox):
    """The same answer in the same time: one password hash and one email queued either way
    (the time itself is measured in `make bench`, not asserted here)."""
    UserFactory(email="taken@example.org")
    counted_hashing.calls = 0
    services.register(full_name="X", email="taken@example.org", password="a long passphrase")
    taken = (counted_hashing.calls, list(enqueued))
    counted_hashing.calls, enqueued[:] = 0, []
    services.register(full_name="Y", email="new@example.org", password="a long passphrase")
    new = (counted_hashing.calls, list(enqueued))
    assert taken == (1, ["tell_account_exists"])
    assert new == (1, ["send_confirmation_email"])


def test_an_address_is_told_it_has_an_account_at_most_once_a_day(
    mailoutbox, stopped_clock, time_machine
):
    UserFactory(email="taken@example.org")
    for _ in range(3):
        services.register(full_name="X", email="Taken@example.org", password="irrelevant pw")
    assert len(mailoutbox) == 1
    time_machine.shift(datetime.timedelta(hours=23, minutes=59))
    services.register(full_name="X", email="taken@example.org", password="irrelevant pw")
    assert len(mailoutbox) == 1
    time_machine.shift(datetime.timedelta(minutes=1))
    services.register(full_name="X", email="taken@example.org", password="irrelevant pw")
    assert [m.to for m in mailoutbox] == [["taken@example.org"], ["taken@example.org"]]


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
