"""Coaching relationships once the match is confirmed: a coach's directors, a coach declining
a director, a director asking to be matched again. Either ends the relationship (kept, with
the reason) and puts the director into the next match, never with the same coach."""

import datetime

from django.db import transaction
from django.utils import timezone

from upon.service import checks
from upon.support.models import Coach, CoachingEnd, CoachingRelationship

RELATIONSHIPS = CoachingRelationship.objects.select_related(
    "coach__user", "director", "entitlement__appointment__local_authority"
)


def directors_of(user, programme_ids):
    """The coach's running relationships in these programmes, newest first."""
    return RELATIONSHIPS.filter(
        coach__user=user, coach__programme_id__in=programme_ids, ended_on__isnull=True
    )


def coach_of(user):
    """The director's running relationships (one per entitlement)."""
    return RELATIONSHIPS.filter(director=user, ended_on__isnull=True)


class AlreadyEnded(Exception):
    pass


def _end(relationship, *, reason, note, today):
    if not relationship.is_running:
        raise AlreadyEnded
    relationship.ended_on = today or timezone.localdate()
    relationship.end_reason = reason
    relationship.end_note = note
    relationship.save(update_fields=["ended_on", "end_reason", "end_note"])
    return relationship


def decline(*, relationship, note: str, today: datetime.date | None = None):
    return _end(relationship, reason=CoachingEnd.COACH_DECLINED, note=note, today=today)


def ask_rematch(*, relationship, note: str, today: datetime.date | None = None):
    return _end(relationship, reason=CoachingEnd.REMATCH_ASKED, note=note, today=today)


def leaving(coach: Coach):
    """The coach's running relationships: those leaving the pool ends."""
    return RELATIONSHIPS.filter(coach=coach, ended_on__isnull=True).order_by(
        "director__full_name", "pk"
    )


@transaction.atomic
def leave_pool(
    *,
    coach: Coach,
    expected: frozenset[int] | None = None,
    today: datetime.date | None = None,
) -> list[CoachingRelationship]:
    """The coach leaves the pool from today: no longer shortlisted or matched, and their
    running relationships end (each director waits for the next match, never with them again).
    The coach is kept, with every relationship and session: a director's log is theirs.
    `expected`: the relationships the check page showed (checks.refuse_if_changed)."""
    today = today or timezone.localdate()
    coach = Coach.objects.select_for_update().get(pk=coach.pk)
    ending = list(leaving(coach))
    checks.refuse_if_changed(expected=expected, now=[r.pk for r in ending])
    for relationship in ending:
        _end(relationship, reason=CoachingEnd.COACH_LEFT, note="", today=today)
    coach.left_pool_on = today
    coach.save(update_fields=["left_pool_on"])
    return ending
