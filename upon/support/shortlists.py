"""A director's shortlist of coaches, with the reasons each is on it, and their ranking of it.

On the shortlist: the coaches of the programme who are available today, have room for another
director, have no conflict of interest with the director (found or declared) and have not
coached them in this entitlement before (declined, or the director asked for another).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from upon.organisations.models import Region
from upon.support import coach_pool
from upon.support.conflicts import conflicted_pairs
from upon.support.models import Coach, Entitlement, EntitlementStatus, Ranking


@dataclass(frozen=True)
class Shortlisted:
    coach: Coach
    reasons: tuple[str, ...]
    rank: int | None


def open_entitlement_of(user, programme_ids, today: datetime.date) -> Entitlement | None:
    """The person's entitlement that is active today (the newest), or None."""
    found = (
        Entitlement.objects.filter(
            person=user,
            programme_id__in=programme_ids,
            status=EntitlementStatus.ACTIVE,
            ends_on__gte=today,
        )
        .select_related("appointment__local_authority", "programme")
        .order_by("-starts_on", "-pk")
    )
    return found.first()


def with_room(coaches, today: datetime.date) -> list[Coach]:
    """`coaches` from `coach_pool.pool_of`: those available today with room for a director."""
    return [c for c in coaches if coach_pool.available(c, today) and c.coaching < c.capacity]


def reasons_for(coach: Coach, *, region: str) -> tuple[str, ...]:
    reasons = []
    if region and region in coach.regions:
        reasons.append(f"Coaches in {Region(region).label}, your region")
    names = coach_pool.specialism_names(coach)
    if names:
        reasons.append("Specialises in " + "; ".join(names))
    reasons.append(coach.get_mode_display())
    room = coach.capacity - coach.coaching
    reasons.append(f"Room for {room} more director{'s' if room != 1 else ''}")
    return tuple(reasons)


def shortlist(*, entitlement: Entitlement, today: datetime.date) -> list[Shortlisted]:
    coaches = with_room(coach_pool.pool_of([entitlement.programme_id]), today)
    director = entitlement.person_id
    barred = {c for d, c in conflicted_pairs(director_ids=[director], coaches=coaches, today=today)}
    barred |= {c for _e, c in coach_pool.ended_pairs([entitlement.pk])}
    ranks = dict(entitlement.rankings.values_list("coach_id", "rank"))
    region = entitlement.appointment.local_authority.region
    found = [
        Shortlisted(coach, reasons_for(coach, region=region), ranks.get(coach.pk))
        for coach in coaches
        if coach.pk not in barred
    ]
    return sorted(found, key=lambda s: (s.rank is None, s.rank or 0, s.coach.user.full_name))


@transaction.atomic
def rank(*, entitlement: Entitlement, ranks: dict[int, int]) -> None:
    """Store the director's ranking ({coach id: rank, 1 first}); coaches left out are unranked."""
    entitlement.rankings.all().delete()
    Ranking.objects.bulk_create(
        Ranking(entitlement=entitlement, coach_id=coach_id, rank=position)
        for coach_id, position in ranks.items()
    )
