"""Deterministic factories for delivery: cohorts, participants, venues, sessions."""

import datetime

import factory
from django.utils import timezone

from tests.factories import IntakeFactory, RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role
from upon.delivery.models import (
    ActionLearningSet,
    Cohort,
    Mode,
    Participant,
    Session,
    SessionKind,
    Venue,
)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    intake = factory.SubFactory(IntakeFactory)
    name = factory.LazyAttribute(lambda o: f"{o.intake.name} cohort")
    starts_on = factory.LazyAttribute(lambda o: o.intake.programme_starts)
    ends_on = factory.LazyAttribute(lambda o: o.intake.programme_ends)


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A participant holding the participant role for the cohort's intake."""

    class Meta:
        model = Participant
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted is not False:
            intake = self.cohort.intake
            RoleAssignmentFactory(
                user=self.user, role=Role.PARTICIPANT, programme=intake.programme, intake=intake
            )


def facilitator_for(cohort, **user_fields):
    """A user with the facilitator role for this cohort's intake."""
    intake = cohort.intake
    return RoleAssignmentFactory(
        role=Role.FACILITATOR,
        programme=intake.programme,
        intake=intake,
        **{f"user__{k}": v for k, v in user_fields.items()},
    ).user


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    programme = factory.SubFactory("tests.factories.ProgrammeFactory")
    name = factory.Sequence(lambda n: f"Venue {n}")
    address = factory.Sequence(lambda n: f"{n} High Street\nLeeds\nLS1 1AA")
    access_notes = "Step-free access from the main entrance."


class SessionFactory(factory.django.DjangoModelFactory):
    """A published taught day, 9:30am to 4:30pm UK time, n weeks after the cohort starts."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    kind = SessionKind.TAUGHT_DAY
    sequence_number = factory.Sequence(lambda n: n % 8 + 1)
    title = factory.Sequence(lambda n: f"Taught day {n % 8 + 1}")
    description = "Leading children's services through change."
    starts_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(
            datetime.datetime.combine(o.cohort.starts_on, datetime.time(9, 30))
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7))
    mode = Mode.IN_PERSON
    venue = factory.SubFactory(
        VenueFactory, programme=factory.SelfAttribute("..cohort.intake.programme")
    )
    published = True


class ActionLearningSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionLearningSet

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Sequence(lambda n: f"Set {n + 1}")
