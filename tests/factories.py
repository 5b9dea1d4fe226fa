"""Deterministic factories: sequences and fixed values, never random ones."""

import datetime

import factory
from django.utils import timezone

from upon.accounts.models import Role, RoleAssignment, User
from upon.organisations.models import Organisation, OrganisationKind, Region
from upon.organisations.services import normalise_name
from upon.programmes.models import Intake, Programme
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.recruitment.models import (
    Application,
    ApplicationStatus,
    Capability,
    CapabilityStatement,
    CareerEntry,
    Endorsement,
    RoleLevel,
    Sector,
)

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Employer {n}")
    normalised_name = factory.LazyAttribute(lambda o: normalise_name(o.name))
    kind = OrganisationKind.VOLUNTARY
    region = ""


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Aspiring Directors Programme {n}")
    slug = factory.Sequence(lambda n: f"aspiring-directors-{n}")
    summary = "A year of development for senior leaders ready to become directors."


class IntakeFactory(factory.django.DjangoModelFactory):
    """An intake whose application window is open now, with the seven default capabilities."""

    class Meta:
        model = Intake
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Intake {2026 + n}")
    # Never the shape of the slugs tests choose themselves ("intake-2027"), so never a clash.
    slug = factory.Sequence(lambda n: f"factory-intake-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    selection_starts = factory.LazyAttribute(lambda o: o.closes_at.date() + datetime.timedelta(1))
    selection_ends = factory.LazyAttribute(lambda o: o.closes_at.date() + datetime.timedelta(30))
    programme_starts = factory.LazyAttribute(lambda o: o.closes_at.date() + datetime.timedelta(45))
    programme_ends = factory.LazyAttribute(lambda o: o.closes_at.date() + datetime.timedelta(270))
    capacity = 20
    delivery_summary = "Eight taught days, learning visits and action learning sets."

    @factory.post_generation
    def capabilities(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Capability.objects.bulk_create(
            Capability(
                intake=self, position=i, name=name, description=description, word_limit=limit
            )
            for i, (name, description, limit) in enumerate(DEFAULT_CAPABILITIES, start=1)
        )


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.PROGRAMME_TEAM
    programme = factory.SubFactory(ProgrammeFactory)
    intake = None


def holder(programme, role, name, **user):
    """A person named `name` holding `role` in `programme` (user fields as keywords)."""
    return RoleAssignmentFactory(
        role=role,
        programme=programme,
        user__full_name=name,
        **{f"user__{key}": value for key, value in user.items()},
    ).user


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft application with nothing filled in yet."""

    class Meta:
        model = Application

    applicant = factory.SubFactory(UserFactory)
    intake = factory.SubFactory(IntakeFactory)
    reference = factory.Sequence(lambda n: f"ADCS-{n:05d}")
    full_name = factory.LazyAttribute(lambda o: o.applicant.full_name)
    status = ApplicationStatus.DRAFT


class SubmittedApplicationFactory(ApplicationFactory):
    """A complete, submitted application employed by a local authority (pass `employer`)."""

    status = ApplicationStatus.SUBMITTED
    phone = "020 7946 0000"
    leadership_years = 5
    director_potential = True
    job_title = "Assistant Director, Children's Social Care"
    role_level = RoleLevel.ASSISTANT_DIRECTOR
    sector = Sector.LOCAL_GOVERNMENT
    employer = factory.LazyFunction(
        lambda: Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).first()
    )
    region = factory.LazyAttribute(lambda o: o.employer.region if o.employer else Region.LONDON)
    role_started = datetime.date(2021, 4, 1)
    submitted_at = factory.LazyFunction(timezone.now)
    declaration_confirmed_at = factory.LazyFunction(timezone.now)


class CareerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerEntry

    application = factory.SubFactory(ApplicationFactory)
    employer_name = "Anytown Council"
    job_title = "Head of Service"
    started = datetime.date(2018, 1, 1)
    ended = None
    senior_leadership = True


class CapabilityStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapabilityStatement

    application = factory.SubFactory(ApplicationFactory)
    capability = factory.LazyAttribute(lambda o: o.application.intake.capabilities.first())
    text = "I led a partnership that halved the time children waited for a first assessment."


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    application = factory.SubFactory(ApplicationFactory)
    sponsor_name = "Sam Sponsor"
    sponsor_email = factory.Sequence(lambda n: f"sponsor{n}@council.example")
    sponsor_role = "dcs"
