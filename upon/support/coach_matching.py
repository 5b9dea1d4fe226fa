"""The team's match of new directors with coaches: who takes part, the two matches side by side
(`algorithms/matching.py`), and confirming the best one as coaching relationships.

Taking part: every director whose entitlement is active today and who has no coach now (never
matched, declined, or asked to be matched again). Coaches: those available today, each with
the room they have left. A director's preference for a coach is how high they ranked them (a
coach they did not rank scores 0, so they can still be matched); a coach's priority for a
director is 1 if they coach in the director's region, then the director's preference.
"""

import datetime
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from upon.support import coach_pool, shortlists
from upon.support.algorithms import matching
from upon.support.conflicts import conflicted_pairs
from upon.support.models import (
    Coach,
    CoachingRelationship,
    Entitlement,
    EntitlementStatus,
    Ranking,
)


class MatchChanged(Exception):
    """What the team confirmed is no longer the match (someone ranked, a coach declined)."""


@dataclass(frozen=True)
class Pair:
    entitlement: Entitlement
    best: Coach | None
    best_why: str
    stable: Coach | None
    stable_why: str


@dataclass(frozen=True)
class MatchRun:
    pairs: tuple[Pair, ...]
    coaches: tuple[Coach, ...]
    best_welfare: float
    stable_welfare: float
    price_of_stability: float

    def proposal(self) -> list[tuple[int, int]]:
        """(entitlement id, coach id) of each pair the best match makes."""
        return [(p.entitlement.pk, p.best.pk) for p in self.pairs if p.best is not None]


def waiting(programme_id, today: datetime.date) -> list[Entitlement]:
    """The active entitlements of the programme with no coach now, oldest first."""
    return list(
        Entitlement.objects.filter(
            programme_id=programme_id, status=EntitlementStatus.ACTIVE, ends_on__gte=today
        )
        .exclude(
            pk__in=CoachingRelationship.objects.filter(ended_on__isnull=True).values(
                "entitlement_id"
            )
        )
        .select_related("person", "appointment__local_authority")
        .order_by("starts_on", "pk")
    )


def problem_for(entitlements, coaches, today: datetime.date) -> matching.MatchProblem:
    n, m = len(entitlements), len(coaches)
    column = {coach.pk: c for c, coach in enumerate(coaches)}
    row = {e.pk: d for d, e in enumerate(entitlements)}
    preferences = np.zeros((n, m))
    ranked = Ranking.objects.filter(entitlement__in=entitlements, coach__in=coaches)
    for entitlement_id, coach_id, position in ranked.values_list(
        "entitlement_id", "coach_id", "rank"
    ):
        preferences[row[entitlement_id], column[coach_id]] = m + 1 - position
    regional = np.array(
        [
            [e.appointment.local_authority.region in coach.regions for coach in coaches]
            for e in entitlements
        ],
        dtype=float,
    ).reshape(n, m)
    conflicts = np.zeros((n, m), dtype=bool)
    directors = {e.person_id: [] for e in entitlements}
    for e in entitlements:
        directors[e.person_id].append(row[e.pk])
    for director, coach_id in conflicted_pairs(
        director_ids=list(directors), coaches=list(coaches), today=today
    ):
        for d in directors[director]:
            conflicts[d, column[coach_id]] = True
    for entitlement_id, coach_id in coach_pool.ended_pairs(list(row)):
        if coach_id in column:
            conflicts[row[entitlement_id], column[coach_id]] = True
    return matching.MatchProblem(
        preferences=preferences,
        priorities=regional * (m + 2) + preferences,
        capacity=np.array([c.capacity - c.coaching for c in coaches], dtype=int),
        conflicts=conflicts,
    )


def run(*, programme, today: datetime.date | None = None) -> MatchRun:
    today = today or timezone.localdate()
    entitlements = waiting(programme.pk, today)
    coaches = shortlists.with_room(coach_pool.pool_of([programme.pk]), today)
    problem = problem_for(entitlements, coaches, today)
    best, stable = matching.best_match(problem), matching.stable_match(problem)

    def coach(index):
        return None if index == matching.UNMATCHED else coaches[index]

    pairs = tuple(
        Pair(
            e,
            coach(best.coach_of[d]),
            best.explanations[d],
            coach(stable.coach_of[d]),
            stable.explanations[d],
        )
        for d, e in enumerate(entitlements)
    )
    return MatchRun(
        pairs=pairs,
        coaches=tuple(coaches),
        best_welfare=best.welfare,
        stable_welfare=stable.welfare,
        price_of_stability=matching.price_of_stability(best, stable),
    )


@transaction.atomic
def confirm(*, programme, proposal, by, today: datetime.date | None = None):
    """Start a coaching relationship for each pair of the best match, if it is still the one
    the team looked at (`proposal`: its (entitlement id, coach id) pairs)."""
    today = today or timezone.localdate()
    found = run(programme=programme, today=today)
    if sorted(found.proposal()) != sorted(proposal) or not proposal:
        raise MatchChanged
    return CoachingRelationship.objects.bulk_create(
        CoachingRelationship(
            coach=pair.best,
            director_id=pair.entitlement.person_id,
            entitlement=pair.entitlement,
            started_on=today,
            confirmed_by=by,
        )
        for pair in found.pairs
        if pair.best is not None
    )
