"""The cohort: made from the intake's accepted offers, one participant for each.

Making it again is harmless and adds only the people who accepted since: everyone already in
the cohort stays as they are (a withdrawal or a deferral is never undone here).
"""

from dataclasses import dataclass

from django.db import transaction

from upon.accounts import services
from upon.accounts.models import Role, User
from upon.delivery.models import Cohort, Participant
from upon.recruitment.models import Application, ApplicationStatus


@dataclass(frozen=True)
class CohortMade:
    cohort: Cohort
    created: bool  # the cohort itself is new
    added: list[Participant]  # people added this time, in application order


def cohort_for(*, intake) -> Cohort | None:
    return Cohort.objects.filter(intake=intake).first()


def accepted_not_in_cohort(*, intake):
    """Accepted applications with no participant yet: who making the cohort would add."""
    return Application.objects.filter(
        intake=intake, status=ApplicationStatus.ACCEPTED, participant__isnull=True
    ).order_by("reference")


@transaction.atomic
def make_cohort(*, intake, granted_by=None) -> CohortMade:
    """Make the intake's cohort (named for the intake, over its programme dates) if there is
    none, and add one participant, with the participant role for the intake, for each accepted
    application that has none."""
    cohort, created = Cohort.objects.get_or_create(
        intake=intake,
        defaults={
            "name": f"{intake.name} cohort",
            "starts_on": intake.programme_starts,
            "ends_on": intake.programme_ends,
        },
    )
    applications = list(accepted_not_in_cohort(intake=intake).select_related("applicant"))
    # Someone already in the cohort another way keeps their place; the unique rule holds.
    present = set(
        Participant.objects.filter(
            cohort=cohort, user_id__in=[a.applicant_id for a in applications]
        ).values_list("user_id", flat=True)
    )
    added = [
        Participant(cohort=cohort, user=application.applicant, application=application)
        for application in applications
        if application.applicant_id not in present
    ]
    added = Participant.objects.bulk_create(added)
    # One grant for everyone added, telling the other apps as a single grant does.
    services.grant_roles(
        users=[participant.user for participant in added],
        role=Role.PARTICIPANT,
        programme=intake.programme,
        intake=intake,
        granted_by=granted_by,
    )
    return CohortMade(cohort=cohort, created=created, added=added)


def facilitators(*, cohort):
    """The people who facilitate the cohort, by name: they hold the facilitator role for its
    intake. The one query for it; rules.facilitates asks the same of one person."""
    return (
        User.objects.filter(roles__role=Role.FACILITATOR, roles__intake_id=cohort.intake_id)
        .distinct()
        .order_by("full_name", "pk")
    )
