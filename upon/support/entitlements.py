"""Entitlements: opened by a director's verified post, kept up to date as posts change.

The rules are in `upon/support/algorithms/entitlements.py`; this module reads the posts, stores
where the entitlement stands and makes the person a new director when it opens.
"""

import datetime

from django.conf import settings
from django.db.models import Max, OuterRef
from django.utils import timezone

from upon.accounts.models import Role
from upon.accounts.services import grant_role
from upon.delivery.models import Participant, ParticipantStatus
from upon.support.algorithms import entitlements as rule
from upon.support.coaching_log import minutes_logged
from upon.support.further_learning import places_taken
from upon.support.models import DIRECTOR_ROLES, Appointment, Entitlement

ENDING_SOON = datetime.timedelta(days=90)


class CannotOpen(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def completed_on(person) -> datetime.date | None:
    """The last day of the newest cohort the person completed, or None."""
    return Participant.objects.filter(user=person, status=ParticipantStatus.COMPLETED).aggregate(
        last=Max("cohort__ends_on")
    )["last"]


def _post(appointment: Appointment) -> rule.Post:
    return rule.Post(appointment.starts_on, appointment.ends_on)


def director_posts(person, programme_id):
    return Appointment.objects.filter(
        person=person,
        programme_id=programme_id,
        role__in=DIRECTOR_ROLES,
        verified_at__isnull=False,
    )


def refresh(*, entitlement: Entitlement, today: datetime.date | None = None) -> Entitlement:
    """Store where the entitlement stands today, from the person's verified director posts."""
    today = today or timezone.localdate()
    opening = entitlement.appointment
    later = director_posts(entitlement.person, entitlement.programme_id).filter(
        starts_on__gt=opening.starts_on
    )
    found = rule.standing(opening=_post(opening), later=[_post(p) for p in later], today=today)
    entitlement.status, entitlement.ends_on = found.status, found.ends_on
    entitlement.paused_since = found.paused_since
    if entitlement.pk is None:
        entitlement.save()
    else:
        entitlement.save(update_fields=["status", "ends_on", "paused_since"])
    return entitlement


def open_entitlement(
    *, appointment: Appointment, opened_by_team=None, today: datetime.date | None = None
) -> Entitlement:
    """Open the entitlement on this post and make the person a new director of the programme."""
    if not (appointment.is_director and appointment.is_verified):
        raise CannotOpen("Only a verified post as a director of children's services opens support")
    if Entitlement.objects.filter(appointment=appointment).exists():
        raise CannotOpen("This post has opened support already")
    entitlement = Entitlement(
        person=appointment.person,
        programme_id=appointment.programme_id,
        appointment=appointment,
        starts_on=appointment.starts_on,
        ends_on=appointment.starts_on,
        coaching_hours=settings.SUPPORT_COACHING_HOURS,
        further_learning_places=settings.SUPPORT_FURTHER_LEARNING_PLACES,
        opened_by_team=opened_by_team,
    )
    entitlement._history_user = opened_by_team
    refresh(entitlement=entitlement, today=today)
    grant_role(
        user=appointment.person,
        role=Role.NEW_DIRECTOR,
        programme=appointment.programme,
        granted_by=opened_by_team,
    )
    return entitlement


def consider(*, appointment: Appointment, today: datetime.date | None = None) -> None:
    """After a post is verified, changed or ended: bring the person's entitlements up to date,
    or open one if this post opens it by the rule (a person has one unless the team says so)."""
    held = list(
        Entitlement.objects.filter(
            person=appointment.person, programme_id=appointment.programme_id
        ).select_related("appointment")
    )
    for entitlement in held:
        refresh(entitlement=entitlement, today=today)
    if held or not (appointment.is_director and appointment.is_verified):
        return
    if rule.opens(
        post=_post(appointment),
        completed_on=completed_on(appointment.person),
        window_years=settings.SUPPORT_WINDOW_YEARS,
    ):
        open_entitlement(appointment=appointment, today=today)


def of_programmes(programme_ids, *, ending_by: datetime.date | None = None):
    """Every entitlement of these programmes, soonest to end first; with `ending_by`, only
    those not ended that end by then."""
    found = Entitlement.objects.filter(programme_id__in=programme_ids).select_related(
        "person", "appointment__local_authority"
    )
    if ending_by is not None:
        found = found.exclude(status=rule.ENDED).filter(
            ends_on__gte=timezone.localdate(), ends_on__lte=ending_by
        )
    return found


def with_use(found):
    """Entitlements with what is used of them: `minutes_used` (coaching, across every
    relationship) and `places_used` (further learning places booked or waited for)."""
    return found.annotate(minutes_used=minutes_logged(OuterRef("pk")), places_used=places_taken())
