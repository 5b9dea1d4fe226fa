"""Appointments: a person records their posts, changes or ends them; the team verifies them.

The rules for a post's dates, which the forms show next to the field:

- a post starts at most a year from today (people record a post once it is offered, not a
  plan years ahead);
- it ends on or after the day it starts;
- one person holds no two posts in one local authority at the same time (a post with no end
  runs on); posts in different authorities may overlap (shared and twin-hat arrangements).

Changing a verified post's details asks the team to verify it again; recording its end does
not (the end is verified with the post's later history). Verifying a director's post may open
the person's support entitlement, and every change brings it up to date (`entitlements.py`).
Every save is kept in the post's history with who made it.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from upon.service.versioning import claim
from upon.support import entitlements
from upon.support.models import Appointment
from upon.support.rules import RECORDS_POSTS

HORIZON = datetime.timedelta(days=365)
# What the person says about the post; changing any of these after verification asks again.
DETAILS = ("local_authority", "role", "tenure", "shared", "starts_on")


def overlaps(*, person, local_authority, starts_on, ends_on, appointment=None) -> bool:
    """Whether the person holds another post in this authority for any day of this one."""
    others = Appointment.objects.filter(person=person, local_authority=local_authority)
    if appointment is not None and appointment.pk:
        others = others.exclude(pk=appointment.pk)
    others = others.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if ends_on is not None:
        others = others.filter(starts_on__lte=ends_on)
    return others.exists()


def day_month_year(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def horizon_problem(*, day: datetime.date, today: datetime.date, label: str) -> str | None:
    """A start (or end) more than a year from today."""
    latest = today + HORIZON
    if day > latest:
        return f"The {label} must be no later than {day_month_year(latest)}, a year from today"
    return None


def order_problem(*, starts_on: datetime.date, ends_on: datetime.date) -> str | None:
    """An end before the start: the message for the end date."""
    if ends_on < starts_on:
        return f"The end date must be on or after the start date, {day_month_year(starts_on)}"
    return None


OVERLAP = "You already have a post in this local authority for some of these dates"


def _as(appointment: Appointment, by) -> Appointment:
    # simple_history records this person as the one who made the change, in or out of a request.
    appointment._history_user = by
    return appointment


def recorders_in(programme):
    """The people whose posts are recorded in the programme: its participants, alumni and new
    directors (the team records a post for one of them)."""
    return (
        get_user_model()
        .objects.filter(roles__programme=programme, roles__role__in=RECORDS_POSTS)
        .distinct()
        .order_by("full_name", "pk")
    )


def record_post(*, person, programme_id: int, by, **details) -> Appointment:
    """A new post for the person, unverified: the person or the team for them (`by`). A post the
    team records is verified like any other, on the team's page."""
    appointment = Appointment(person=person, programme_id=programme_id, recorded_by=by, **details)
    _as(appointment, by).save()
    return appointment


@transaction.atomic
def change_post(*, appointment: Appointment, version: int | None, by, **details) -> Appointment:
    """Change the post's details; a verified post that changes goes back to the team."""
    claim(appointment, version=version, by=by)
    # Read from the database: a model form has already set what was typed on `appointment`.
    saved = Appointment.objects.get(pk=appointment.pk)
    changed = any(getattr(saved, name) != value for name, value in details.items())
    for name, value in details.items():
        setattr(appointment, name, value)
    if changed:
        appointment.verified_at = appointment.verified_by = None
    _as(appointment, by).save()
    entitlements.consider(appointment=appointment)
    return appointment


@transaction.atomic
def end_post(
    *, appointment: Appointment, version: int | None, by, ends_on: datetime.date, end_reason: str
) -> Appointment:
    claim(appointment, version=version, by=by)
    appointment.ends_on, appointment.end_reason = ends_on, end_reason
    _as(appointment, by).save()
    entitlements.consider(appointment=appointment)
    return appointment


@transaction.atomic
def verify(*, appointment: Appointment, version: int | None, by, now=None) -> Appointment:
    """The team has checked the post: it counts from now on."""
    claim(appointment, version=version, by=by)
    appointment.verified_at, appointment.verified_by = now or timezone.now(), by
    _as(appointment, by).save()
    entitlements.consider(appointment=appointment)
    return appointment


def posts_of(person, programme_ids):
    """The person's posts in these programmes, newest first."""
    return Appointment.objects.filter(person=person, programme_id__in=programme_ids).select_related(
        "local_authority"
    )


def to_verify(programme_ids):
    """Posts the team of these programmes has still to verify, oldest recorded first."""
    return (
        Appointment.objects.filter(programme_id__in=programme_ids, verified_at__isnull=True)
        .select_related("person", "local_authority")
        .order_by("recorded_at", "pk")
    )
