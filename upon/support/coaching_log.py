"""The coaching log: the sessions of a relationship (when, how long, how, the themes, and the
notes and goals only the coach and the director see), the hours used of the director's budget,
and the relationship check after the third session, whose low answers alert the team without
showing anything of the notes.

The team sees hours and counts (`for_team`), never a session's notes, goals or themes."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from upon.accounts.models import RoleAssignment
from upon.accounts.roles import TEAM_ROLES
from upon.service.mail import send_templated
from upon.support.coach_pool import CAPABILITY_NAMES
from upon.support.models import (
    MAX_SESSION_MINUTES,
    CheckSide,
    CoachingRelationship,
    CoachingSession,
    RelationshipCheck,
)

# The relationship check opens after this many sessions.
CHECK_AFTER = 3
# An answer this low (of 5) alerts the programme team.
LOW_ANSWER = 2
# The share of the budget used from which the log warns: 4/5 (80%).
WARN_FROM = (4, 5)


class CannotLog(Exception):
    """A session that cannot be logged: `field` is the form field the message belongs beside
    (None: the whole form)."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class NotDue(Exception):
    """The relationship check is not open to this side (too few sessions, or answered)."""


# Sessions


def sessions_for(relationship: CoachingRelationship, user):
    """The sessions this person sees, newest first: all of them for the director, and for the
    coach while the relationship runs; once it has ended, the coach sees those they logged."""
    found = relationship.sessions.select_related("recorded_by")
    if relationship.director_id == user.pk or relationship.is_running:
        return found
    return found.filter(recorded_by=user)


def log_session(
    *,
    relationship: CoachingRelationship,
    by,
    held_on: datetime.date,
    minutes: int,
    mode: str,
    themes,
    notes: str,
    goals: str,
    today: datetime.date | None = None,
) -> CoachingSession:
    """Log a session of a running relationship, by its coach or its director. Logging beyond
    the budget is allowed (the log warns)."""
    today = today or timezone.localdate()
    if not relationship.is_running:
        raise CannotLog(None, "This coaching has ended: no more sessions can be logged")
    if held_on > today:
        raise CannotLog("held_on", "The date of the session must be today or in the past")
    if held_on < relationship.started_on:
        started = f"{relationship.started_on.day} {relationship.started_on:%B %Y}"
        raise CannotLog(
            "held_on", f"The date of the session must be on or after {started}, when coaching began"
        )
    if minutes > MAX_SESSION_MINUTES:
        raise CannotLog("hours", "A session must be 24 hours or shorter")
    if minutes < 1:
        raise CannotLog("hours", "Enter how long the session was")
    return CoachingSession.objects.create(
        relationship=relationship,
        held_on=held_on,
        minutes=minutes,
        mode=mode,
        themes=sorted({int(t) for t in themes if int(t) in CAPABILITY_NAMES}),
        notes=notes.strip(),
        goals=goals.strip(),
        recorded_by=by,
    )


def theme_names(session: CoachingSession) -> list[str]:
    return [CAPABILITY_NAMES[p] for p in session.themes if p in CAPABILITY_NAMES]


# Hours against the budget


def hours_text(minutes: int) -> str:
    """ "1 hour", "12 hours 30 minutes", "45 minutes", "0 hours"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours or not rest:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if rest:
        parts.append(f"{rest} minute{'' if rest == 1 else 's'}")
    return " ".join(parts)


def minutes_used(entitlement) -> int:
    """The minutes logged in every relationship of the entitlement (a rematch keeps them)."""
    found = CoachingSession.objects.filter(relationship__entitlement=entitlement)
    return found.aggregate(total=Sum("minutes"))["total"] or 0


@dataclass(frozen=True)
class Budget:
    used: int  # minutes
    hours: int  # the entitlement's coaching hours

    @property
    def total(self) -> int:
        return self.hours * 60

    @property
    def summary(self) -> str:
        return f"{hours_text(self.used)} used of {hours_text(self.total)}"

    @property
    def left(self) -> str:
        """ "10 hours 30 minutes of 12 hours": what is left (none once used up) of the budget."""
        return f"{hours_text(max(self.total - self.used, 0))} of {hours_text(self.total)}"

    @property
    def warning(self) -> str:
        """What to say plainly when the budget is nearly used (80%) or exceeded; else ""."""
        if self.used > self.total:
            return (
                f"The coaching budget is used up: {self.summary}, "
                f"{hours_text(self.used - self.total)} over. Sessions can still be logged; "
                "the programme team decides whether more coaching is funded."
            )
        if self.used == self.total:
            return f"The coaching budget is used up: {self.summary}."
        if self.total and self.used * WARN_FROM[1] >= self.total * WARN_FROM[0]:
            return (
                f"Most of the coaching budget is used: {self.summary}, "
                f"{hours_text(self.total - self.used)} left."
            )
        return ""


def budget(entitlement, used: int | None = None) -> Budget:
    return Budget(
        used=minutes_used(entitlement) if used is None else used,
        hours=entitlement.coaching_hours,
    )


# The relationship check


def side_of(relationship: CoachingRelationship, user) -> str:
    return CheckSide.DIRECTOR if relationship.director_id == user.pk else CheckSide.COACH


def check_due(relationship: CoachingRelationship, side: str) -> bool:
    """Three sessions or more, the relationship running, and this side has not answered."""
    return (
        relationship.is_running
        and not relationship.checks.filter(side=side).exists()
        and relationship.sessions.count() >= CHECK_AFTER
    )


def is_low(check: RelationshipCheck) -> bool:
    return min(check.working_well, check.progress) <= LOW_ANSWER


LOW = Q(working_well__lte=LOW_ANSWER) | Q(progress__lte=LOW_ANSWER)


def _team_addresses(programme_id) -> list[str]:
    return sorted(
        set(
            RoleAssignment.objects.filter(
                programme_id=programme_id, role__in=TEAM_ROLES
            ).values_list("user__email", flat=True)
        )
    )


def answer_check(
    *,
    relationship: CoachingRelationship,
    by,
    working_well: int,
    progress: int,
    now: datetime.datetime | None = None,
) -> RelationshipCheck:
    """Record one side's answers, once. A low answer (2 or lower) emails the programme team:
    who and the answers, never the notes."""
    side = side_of(relationship, by)
    if not check_due(relationship, side):
        raise NotDue
    try:
        with transaction.atomic():
            check = RelationshipCheck.objects.create(
                relationship=relationship,
                side=side,
                respondent=by,
                working_well=working_well,
                progress=progress,
                answered_at=now or timezone.now(),
            )
    except IntegrityError:  # answered a moment ago, in another tab
        raise NotDue from None
    if is_low(check):
        send_templated(
            to=_team_addresses(relationship.programme_id),
            template="support/emails/coaching_check_low.txt",
            context={
                "check": check,
                "relationship": relationship,
                "link": settings.SITE_URL + reverse("support:team_coaching"),
            },
        )
    return check


def team_alerts(programme_ids):
    """Low answers in these programmes that the team has not yet reviewed, oldest first."""
    return (
        RelationshipCheck.objects.filter(
            LOW, relationship__coach__programme_id__in=programme_ids, reviewed_at__isnull=True
        )
        .select_related("relationship__coach__user", "relationship__director", "respondent")
        .order_by("answered_at", "pk")
    )


def mark_reviewed(*, check: RelationshipCheck, now: datetime.datetime | None = None):
    if check.reviewed_at is None:
        check.reviewed_at = now or timezone.now()
        check.save(update_fields=["reviewed_at"])
    return check


CHECKS = RelationshipCheck.objects.select_related(
    "relationship__coach__user", "relationship__director"
)


# The team's view: hours and counts only


def minutes_logged(entitlement: OuterRef):
    """The minutes logged across the entitlement's relationships, as an expression to annotate
    with (0 where none): `entitlement` refers to the entitlement's id in the outer query."""
    total = (
        CoachingSession.objects.filter(relationship__entitlement=entitlement)
        .order_by()
        .values("relationship__entitlement")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def for_team(programme_ids):
    """The running relationships of these programmes with `session_count`, `last_held_on` and
    `used` (minutes across the entitlement's relationships); no notes, goals or themes."""
    return (
        CoachingRelationship.objects.filter(
            coach__programme_id__in=programme_ids, ended_on__isnull=True
        )
        .select_related("coach__user", "director", "entitlement")
        .prefetch_related("checks")
        .annotate(
            session_count=Count("sessions"),
            last_held_on=Max("sessions__held_on"),
            used=minutes_logged(OuterRef("entitlement")),
        )
        .order_by("director__full_name", "pk")
    )
