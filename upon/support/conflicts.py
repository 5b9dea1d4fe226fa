"""Conflicts of interest between coaches and directors: found from the records, or declared.

Found: the coach held a post (recorded in Upon, verified or not) in a local authority where the
director holds or held a post, at any time in the last three years (a post still running
counts). Declared: a `DeclaredConflict` (the coach managed or coached the director, or any
other reason someone gives). Either keeps the pair apart in every match.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from upon.support.models import Appointment, Coach, DeclaredConflict

LOOK_BACK = datetime.timedelta(days=3 * 365)


def _recent_authorities(person_ids, since: datetime.date) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    rows = Appointment.objects.filter(person_id__in=person_ids).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=since)
    )
    for person_id, authority_id in rows.values_list("person_id", "local_authority_id"):
        found.setdefault(person_id, set()).add(authority_id)
    return found


def conflicted_pairs(
    *, director_ids, coaches: list[Coach], today: datetime.date | None = None
) -> set[tuple[int, int]]:
    """(director's user id, coach id) for every conflicted pair, in two queries."""
    since = (today or timezone.localdate()) - LOOK_BACK
    director_ids = list(director_ids)
    people = set(director_ids) | {coach.user_id for coach in coaches}
    authorities = _recent_authorities(people, since)
    pairs = {
        (director, coach.pk)
        for director in director_ids
        for coach in coaches
        if director == coach.user_id
        or authorities.get(director, set()) & authorities.get(coach.user_id, set())
    }
    pairs |= set(
        DeclaredConflict.objects.filter(
            director_id__in=director_ids, coach__in=[coach.pk for coach in coaches]
        ).values_list("director_id", "coach_id")
    )
    return pairs
