"""The programme's coach pool: who coaches, what they bring, how many directors they take; and
the conflicts of interest the team declares (those found from posts: `conflicts.py`)."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from upon.accounts.models import Role
from upon.accounts.services import grant_role
from upon.organisations.models import Region
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.support.models import Coach, CoachingRelationship, DeclaredConflict

# What the team records about a coach (the person and the programme are fixed).
DETAILS = (
    "background",
    "specialisms",
    "regions",
    "mode",
    "capacity",
    "available_from",
    "available_until",
)

CAPABILITY_NAMES = {
    position: name for position, (name, *_rest) in enumerate(DEFAULT_CAPABILITIES, start=1)
}


class AlreadyACoach(Exception):
    pass


def specialism_names(coach: Coach) -> list[str]:
    return [CAPABILITY_NAMES[p] for p in sorted(coach.specialisms) if p in CAPABILITY_NAMES]


def region_names(coach: Coach) -> list[str]:
    return [Region(code).label for code in coach.regions if code in Region.values]


def pool_of(programme_ids):
    """The coaches of these programmes, each with `coaching`: their directors now."""
    running = Q(relationships__ended_on__isnull=True)
    return (
        Coach.objects.filter(programme_id__in=programme_ids)
        .select_related("user", "programme")
        .annotate(coaching=Count("relationships", filter=running))
    )


def add_coach(*, programme, user, by, **details) -> Coach:
    """Put the person in the programme's pool and give them the coach role there."""
    if Coach.objects.filter(programme=programme, user=user).exists():
        raise AlreadyACoach
    coach = Coach.objects.create(programme=programme, user=user, **details)
    grant_role(user=user, role=Role.COACH, programme=programme, granted_by=by)
    return coach


def change_coach(*, coach: Coach, **details) -> Coach:
    for name, value in details.items():
        setattr(coach, name, value)
    coach.save(update_fields=list(details))
    return coach


def available(coach: Coach, today: datetime.date) -> bool:
    """In the pool (not left it) and available today."""
    return (
        coach.left_pool_on is None
        and (coach.available_from is None or coach.available_from <= today)
        and (coach.available_until is None or today <= coach.available_until)
    )


def declare_conflict(*, coach: Coach, director, reason: str, by) -> DeclaredConflict:
    conflict, _ = DeclaredConflict.objects.update_or_create(
        coach=coach,
        director=director,
        defaults={"reason": reason, "declared_by": by, "declared_at": timezone.now()},
    )
    return conflict


def declared_for(coach: Coach):
    return coach.declared_conflicts.select_related("director").order_by("director__full_name")


def ended_pairs(entitlement_ids) -> set[tuple[int, int]]:
    """(entitlement id, coach id) of every relationship that ended: the coach declined or the
    director asked for another, so the pair is not matched again in that entitlement."""
    return set(
        CoachingRelationship.objects.filter(
            entitlement_id__in=entitlement_ids, ended_on__isnull=False
        ).values_list("entitlement_id", "coach_id")
    )
