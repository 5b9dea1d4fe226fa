import pytest

from tests.delivery.factories import CohortFactory, ParticipantFactory, facilitator_for
from tests.factories import IntakeFactory, RoleAssignmentFactory
from upon.accounts.models import Role


@pytest.fixture
def cohort(authorities):
    return CohortFactory(intake=IntakeFactory(name="2027 to 2028 intake", slug="cohort-2027"))


@pytest.fixture
def other_cohort(authorities):
    """A cohort in another programme."""
    return CohortFactory()


@pytest.fixture
def participant(cohort):
    return ParticipantFactory(cohort=cohort, user__full_name="Pat Participant")


@pytest.fixture
def other_participant(cohort):
    """Another participant in the same cohort."""
    return ParticipantFactory(cohort=cohort, user__full_name="Quinn Colleague")


@pytest.fixture
def facilitator(cohort):
    return facilitator_for(cohort, full_name="Fran Facilitator")


@pytest.fixture
def team(cohort):
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=cohort.intake.programme).user


@pytest.fixture
def other_team(other_cohort):
    """Programme team for another programme: an outsider to `cohort`."""
    return RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=other_cohort.intake.programme
    ).user


# Participant home, register, completion and feedback (tests/delivery/test_programme.py and others).


@pytest.fixture
def past_day(cohort, facilitator):
    """A published taught day that finished yesterday, run by `facilitator`."""
    import datetime

    from django.utils import timezone

    from tests.delivery.factories import SessionFactory

    # Yesterday 9:30am to 4:30pm UK time, whatever the hour now: hours back from now would
    # cross midnight in the early morning.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    starts = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(9, 30)))
    session = SessionFactory(
        cohort=cohort,
        title="Leading in complexity",
        sequence_number=1,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
    )
    session.facilitators.add(facilitator)
    return session


@pytest.fixture
def other_facilitator(cohort):
    """A facilitator for the same cohort who does not run `past_day`."""
    return facilitator_for(cohort, full_name="Ola Otherfacilitator")


# Action learning sets, self-assessment, needs and challenges (tests/delivery/test_sets.py and
# others).


@pytest.fixture
def enrol(cohort):
    """Make a participant in `cohort` (or another) whose accepted application names their
    employer, region and sector: enrol("Ada Able", employer, region=..., sector=...)."""
    from tests.delivery.factories import ParticipantFactory
    from tests.factories import SubmittedApplicationFactory, UserFactory
    from upon.organisations.models import Region
    from upon.recruitment.models import ApplicationStatus, Sector

    def make(name, employer, *, region=Region.LONDON, sector=Sector.LOCAL_GOVERNMENT, **kw):
        target = kw.pop("cohort", cohort)
        email = name.lower().replace(" ", ".") + "@people.example"
        user = UserFactory(full_name=name, email=email)
        application = SubmittedApplicationFactory(
            intake=target.intake,
            applicant=user,
            employer=employer,
            region=region,
            sector=sector,
            status=ApplicationStatus.ACCEPTED,
        )
        return ParticipantFactory(cohort=target, user=user, application=application, **kw)

    return make
