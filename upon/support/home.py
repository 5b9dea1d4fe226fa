"""What the home page shows of support: a director's hours and next step, a coach's directors
and their last session, an employer contact's next check-in. One query each."""

from django.db.models import Exists, Max, OuterRef, Subquery
from django.utils import timezone

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.services import normalise_email
from upon.support import coaching, employers
from upon.support.coaching_log import Budget, minutes_logged
from upon.support.models import (
    CoachingRelationship,
    EmployerCheckIn,
    Entitlement,
    EntitlementStatus,
    Ranking,
)


def _running_coach(field: str) -> Subquery:
    running = CoachingRelationship.objects.filter(
        entitlement=OuterRef("pk"), ended_on__isnull=True
    ).order_by("-started_on", "-pk")
    return Subquery(running.values(field)[:1])


def director_work(user) -> dict | None:
    """The director's newest support that has not ended: hours left of the budget, when it ends,
    and the next step (their coach, or ranking the shortlist). None: no support open."""
    today = timezone.localdate()
    entitlement = (
        Entitlement.objects.filter(
            person=user,
            programme_id__in=roles.programme_ids(user, Role.NEW_DIRECTOR),
            ends_on__gte=today,
        )
        .exclude(status=EntitlementStatus.ENDED)
        .annotate(
            minutes_used=minutes_logged(OuterRef("pk")),
            coach_name=_running_coach("coach__user__full_name"),
            ranked=Exists(Ranking.objects.filter(entitlement=OuterRef("pk"))),
        )
        .order_by("-starts_on", "-pk")
        .first()
    )
    if entitlement is None:
        return None
    return {
        "entitlement": entitlement,
        "budget": Budget(used=entitlement.minutes_used, hours=entitlement.coaching_hours),
        "paused": entitlement.status == EntitlementStatus.PAUSED,
    }


def coach_work(user) -> dict:
    """The coach's directors now, each with the day of their last session (None: none yet)."""
    found = coaching.directors_of(user, roles.programme_ids(user, Role.COACH)).annotate(
        last_session=Max("sessions__held_on")
    )
    return {"relationships": list(found)}


def employer_work(user) -> dict:
    """The contact's next check-in not done, of support still running (None: none to do)."""
    check_in = (
        EmployerCheckIn.objects.filter(
            partnership__programme_id__in=roles.programme_ids(user, Role.EMPLOYER_CONTACT),
            partnership__contact_email=normalise_email(user.email),
            partnership__entitlement__status__in=(
                EntitlementStatus.ACTIVE,
                EntitlementStatus.PAUSED,
            ),
            completed_at__isnull=True,
        )
        .select_related("partnership__entitlement__person", "partnership__local_authority")
        .order_by("due_on", "pk")
        .first()
    )
    today = timezone.localdate()
    standing = employers.standing(check_in, today) if check_in else None
    return {"check_in": check_in, "standing": standing}
