"""The register's rules, for the team's forms and the importer alike.

- Dates are what happened: no start or end after today.
- A tenure ends on or after the day it starts (the database holds this too).
- One authority has one director at a time: two tenures in one authority may not overlap, shared
  or not. `shared` is about one person leading two authorities (a tenure in each, both flagged),
  never about two people leading one. A handover on one day is allowed: a director may start on
  the day their predecessor's last day falls (registers often write it that way).
- A reason for leaving is given only once a tenure has ended; an end with no reason is "Not
  known".
- A person is one `Director` per name (folded for case and spacing): the register names people,
  and the team links them to an Upon account when they have one.

Every save is kept in the record's history with who made it.
"""

import datetime
import re

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet

from upon.organisations.models import Organisation, OrganisationKind
from upon.service.times import calendar_date
from upon.service.versioning import claim
from upon.workforce import tasks
from upon.workforce.models import Director, LeavingReason, Tenure

# What the team's change form edits; the end has its own form.
DETAILS = ("started_on", "basis", "twin_hat", "shared")


class RegisterProblem(Exception):
    """A rule of the register refused a change: `field` is where the message goes."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def normalise_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()


def tidy_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def date_problems(
    *, started_on: datetime.date | None, ended_on: datetime.date | None, today: datetime.date
) -> dict[str, str]:
    """What is wrong with a tenure's dates, by field ("started_on", "ended_on")."""
    problems = {}
    if started_on and started_on > today:
        problems["started_on"] = "The start date must be today or in the past"
    if ended_on and ended_on > today:
        problems["ended_on"] = "The end date must be today or in the past"
    elif started_on and ended_on and ended_on < started_on:
        problems["ended_on"] = (
            f"The end date must be on or after the start date, {calendar_date(started_on)}"
        )
    return problems


def spans_overlap(
    first: tuple[datetime.date, datetime.date | None],
    second: tuple[datetime.date, datetime.date | None],
) -> bool:
    """Whether two tenures share a day in post, a one-day handover aside (no end: in post)."""
    (a_start, a_end), (b_start, b_end) = first, second
    a_before_b = a_end is not None and a_end <= b_start
    b_before_a = b_end is not None and b_end <= a_start
    return not (a_before_b or b_before_a)


def overlapping(
    *, authority, started_on: datetime.date, ended_on: datetime.date | None, tenure=None
) -> Tenure | None:
    """Another tenure in this authority that shares a day in post with these dates."""
    others = Tenure.objects.filter(authority=authority).select_related("director")
    if tenure is not None and tenure.pk:
        others = others.exclude(pk=tenure.pk)
    others = others.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
    if ended_on is not None:
        others = others.filter(started_on__lt=ended_on)
    return others.order_by("started_on", "pk").first()


def overlap_message(other: Tenure) -> str:
    until = f"to {calendar_date(other.ended_on)}" if other.ended_on else "and is still in post"
    return (
        f"{other.director.name} led {other.authority.name} from "
        f"{calendar_date(other.started_on)} {until}: tenures in one authority must not overlap"
    )


def check(
    *, authority, started_on, ended_on, today: datetime.date, tenure=None
) -> RegisterProblem | None:
    """The first rule these dates break, or None."""
    for field, message in date_problems(
        started_on=started_on, ended_on=ended_on, today=today
    ).items():
        return RegisterProblem(field, message)
    other = overlapping(
        authority=authority, started_on=started_on, ended_on=ended_on, tenure=tenure
    )
    if other is not None:
        return RegisterProblem("started_on", overlap_message(other))
    return None


def find_or_create_director(*, name: str) -> Director:
    """The person of this name in the register, added the first time anyone names them."""
    key = normalise_name(name)
    existing = Director.objects.filter(normalised_name=key).order_by("pk").first()
    if existing is not None:
        return existing
    director = Director(name=tidy_name(name), normalised_name=key)
    director.save()
    return director


def _as(record, by):
    # simple_history records this person as the one who made the change, in or out of a request.
    record._history_user = by
    return record


@transaction.atomic
def add_tenure(
    *,
    authority: Organisation,
    name: str,
    started_on: datetime.date,
    basis: str,
    twin_hat: bool,
    shared: bool,
    today: datetime.date,
    by,
    ended_on: datetime.date | None = None,
    leaving_reason: str = "",
) -> Tenure:
    problem = check(authority=authority, started_on=started_on, ended_on=ended_on, today=today)
    if problem:
        raise problem
    director = find_or_create_director(name=name)
    tenure = Tenure(
        authority=authority,
        director=director,
        started_on=started_on,
        ended_on=ended_on,
        basis=basis,
        twin_hat=twin_hat,
        shared=shared,
        leaving_reason=(leaving_reason or LeavingReason.UNKNOWN) if ended_on else "",
    )
    _as(tenure, by).save()
    tasks.refresh_soon()
    return tenure


@transaction.atomic
def change_tenure(
    *, tenure: Tenure, version: int | None, today: datetime.date, by, **details
) -> Tenure:
    claim(tenure, version=version, by=by)
    problem = check(
        authority=tenure.authority,
        started_on=details["started_on"],
        ended_on=tenure.ended_on,
        today=today,
        tenure=tenure,
    )
    if problem:
        raise problem
    for name, value in details.items():
        setattr(tenure, name, value)
    _as(tenure, by).save()
    tasks.refresh_soon()
    return tenure


@transaction.atomic
def end_tenure(
    *,
    tenure: Tenure,
    version: int | None,
    ended_on: datetime.date,
    leaving_reason: str,
    today: datetime.date,
    by,
) -> Tenure:
    claim(tenure, version=version, by=by)
    problem = check(
        authority=tenure.authority,
        started_on=tenure.started_on,
        ended_on=ended_on,
        today=today,
        tenure=tenure,
    )
    if problem:
        raise RegisterProblem("ended_on", problem.message)
    tenure.ended_on, tenure.leaving_reason = ended_on, leaving_reason or LeavingReason.UNKNOWN
    _as(tenure, by).save()
    tasks.refresh_soon()
    return tenure


def local_authorities() -> QuerySet:
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)


def register(*, region: str = "", query: str = "") -> QuerySet:
    """The authorities, by name, each with its director(s) in post now (`current`): filtered by
    region and by a part of the authority's name or a director's name now in post."""
    found = local_authorities()
    if region:
        found = found.filter(region=region)
    if query:
        in_post = Tenure.objects.filter(
            ended_on__isnull=True, director__normalised_name__contains=normalise_name(query)
        )
        found = found.filter(Q(name__icontains=query) | Q(pk__in=in_post.values("authority_id")))
    current = Tenure.objects.filter(ended_on__isnull=True).select_related("director")
    return found.order_by("name", "pk").prefetch_related(
        Prefetch("director_tenures", queryset=current.order_by("started_on"), to_attr="current")
    )


def history_of(authority: Organisation) -> QuerySet:
    """The authority's directors, latest first."""
    return authority.director_tenures.select_related("director").order_by("-started_on", "-pk")


def changes_of(tenure: Tenure) -> QuerySet:
    """Every saved version of the tenure, newest first, with who saved it."""
    return tenure.history.select_related("history_user").order_by("-history_date", "-history_id")
