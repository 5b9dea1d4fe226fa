"""Deterministic factories for support: people who record posts, and their posts."""

import datetime

import factory

from tests.factories import ProgrammeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role
from upon.organisations.models import Organisation
from upon.support.models import Appointment, PostRole, Tenure


def alumnus_of(programme, **user_fields):
    """A user holding the alumnus role for the programme."""
    return RoleAssignmentFactory(
        role=Role.ALUMNUS,
        programme=programme,
        **{f"user__{k}": v for k, v in user_fields.items()},
    ).user


def authority(name: str) -> Organisation:
    """One of the 153 (load them first with the `authorities` fixture)."""
    return Organisation.objects.get(kind="local_authority", name=name)


class AppointmentFactory(factory.django.DjangoModelFactory):
    """An unverified, permanent DCS post in Leeds from 1 September 2026."""

    class Meta:
        model = Appointment

    person = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    local_authority = factory.LazyFunction(lambda: authority("Leeds"))
    role = PostRole.DCS
    tenure = Tenure.PERMANENT
    shared = False
    starts_on = datetime.date(2026, 9, 1)
    recorded_by = factory.SelfAttribute("person")


def completed_participant(programme, *, ends_on, **user_fields):
    """A user who completed a cohort of the programme that ended on `ends_on`, now an alumnus."""
    from tests.delivery.factories import CohortFactory, ParticipantFactory
    from tests.factories import IntakeFactory
    from upon.delivery.models import ParticipantStatus

    intake = IntakeFactory(programme=programme)
    cohort = CohortFactory(
        intake=intake, ends_on=ends_on, starts_on=ends_on.replace(year=ends_on.year - 1)
    )
    place = ParticipantFactory(
        cohort=cohort,
        status=ParticipantStatus.COMPLETED,
        **{f"user__{k}": v for k, v in user_fields.items()},
    )
    RoleAssignmentFactory(user=place.user, role=Role.ALUMNUS, programme=programme)
    return place.user
