"""Programmes and intakes: creating them, where an intake is in its year, and its counts."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.services import grant_role
from upon.organisations.models import Region
from upon.programmes.models import Intake, Programme
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.recruitment.models import (
    Application,
    ApplicationStatus,
    Capability,
    EndorsementStatus,
    Sector,
)

LONDON = ZoneInfo("Europe/London")

# Applications the team has received and which are still in play: everything after "draft"
# except those the applicant withdrew.
RECEIVED = Q(
    applications__status__in=[
        s
        for s in ApplicationStatus.values
        if s not in (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
    ]
)


@dataclass(frozen=True)
class IntakeStatus:
    key: str
    label: str
    tag_class: str


UPCOMING = IntakeStatus("upcoming", "Upcoming", "govuk-tag--blue")
OPEN = IntakeStatus("open", "Open", "govuk-tag--green")
CLOSED = IntakeStatus("closed", "Closed", "govuk-tag--grey")


def intake_status(intake: Intake, *, now: datetime.datetime | None = None) -> IntakeStatus:
    """Upcoming before it opens, open until it closes, closed after."""
    now = now or timezone.now()
    if now < intake.opens_at:
        return UPCOMING
    if now < intake.closes_at:
        return OPEN
    return CLOSED


PUBLIC_CACHE_SECONDS = 300


def public_cache_key(slug: str) -> str:
    return f"recruitment:public-intake:{slug}"


def public_intake(*, slug: str) -> Intake | None:
    """The intake a public page shows, with its programme and capabilities, kept in the cache:
    the public pages are the busiest and change rarely. Saving or deleting the intake, its
    programme or one of its capabilities clears it (recruitment/signals.py). Its status is
    worked out on each request, so opening and closing times are never stale."""
    if len(slug) > Intake._meta.get_field("slug").max_length:
        return None  # no intake has it, and it would make a cache key too long for memcached
    key = public_cache_key(slug)
    intake = cache.get(key)
    if intake is None:
        intake = (
            Intake.objects.select_related("programme")
            .prefetch_related("capabilities")
            .filter(slug=slug)
            .first()
        )
        if intake is None:
            return None
        cache.set(key, intake, PUBLIC_CACHE_SECONDS)
    return intake


def open_intakes(*, now: datetime.datetime | None = None) -> QuerySet[Intake]:
    now = now or timezone.now()
    return (
        Intake.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("programme")
        .order_by("closes_at")
    )


def next_intake(*, now: datetime.datetime | None = None) -> Intake | None:
    """The intake that opens soonest, if any is planned."""
    now = now or timezone.now()
    return Intake.objects.filter(opens_at__gt=now).order_by("opens_at").first()


def london_datetime(date: datetime.date, time: datetime.time) -> datetime.datetime:
    """A date and a wall-clock time in England, as an aware datetime."""
    return datetime.datetime.combine(date, time, tzinfo=LONDON)


def unique_slug(model, text: str) -> str:
    """A slug from text, with -2, -3 and so on added if it is taken."""
    base = slugify(text)[:45] or "programme"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_programme(
    *, name: str, summary: str, description: str = "", slug: str = "", created_by
) -> Programme:
    """Create a programme and make its creator both team member and lead of it.

    Rule: any programme team member may create a programme. Without the lead role nobody
    could see the programme's sensitive reports, so the creator holds both roles until they
    hand the lead role to someone else.
    """
    programme = Programme.objects.create(
        name=name,
        slug=slug or unique_slug(Programme, name),
        summary=summary,
        description=description,
    )
    # Through grant_role, so every app hears of both roles (role_granted) as it would of one.
    for role in (Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD):
        grant_role(user=created_by, role=role, programme=programme, granted_by=created_by)
    return programme


@transaction.atomic
def create_intake(
    *,
    programme: Programme,
    name: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    selection_starts: datetime.date,
    selection_ends: datetime.date,
    programme_starts: datetime.date,
    programme_ends: datetime.date,
    capacity: int,
    delivery_summary: str,
    slug: str = "",
    min_leadership_years: int = 3,
    director_horizon_years: str = "three to five",
) -> Intake:
    """Create an intake with the programme's seven default capabilities to select against."""
    intake = Intake.objects.create(
        programme=programme,
        name=name,
        slug=slug or unique_slug(Intake, name),
        opens_at=opens_at,
        closes_at=closes_at,
        selection_starts=selection_starts,
        selection_ends=selection_ends,
        programme_starts=programme_starts,
        programme_ends=programme_ends,
        capacity=capacity,
        delivery_summary=delivery_summary,
        min_leadership_years=min_leadership_years,
        director_horizon_years=director_horizon_years,
    )
    Capability.objects.bulk_create(
        Capability(
            intake=intake, position=position, name=name, description=description, word_limit=limit
        )
        for position, (name, description, limit) in enumerate(DEFAULT_CAPABILITIES, start=1)
    )
    return intake


def team_intakes(user) -> QuerySet[Intake]:
    """Intakes of the programmes this person is on the team of, with received counts."""
    return (
        Intake.objects.filter(programme_id__in=roles.team_programme_ids(user))
        .select_related("programme")
        .annotate(received_count=Count("applications", filter=RECEIVED))
        .order_by("-opens_at", "pk")
    )


@dataclass(frozen=True)
class CountRow:
    key: str  # the value to filter the applications list by; "" for "not given"
    label: str
    count: int


@dataclass(frozen=True)
class FunnelStage:
    label: str
    count: int


# The funnel's stages after "Submitted", by where an application is now: each status counts at
# its stage and every stage before it (an offer declined was still offered).
FUNNEL = (
    (
        "Shortlisted",
        (
            ApplicationStatus.SHORTLISTED,
            ApplicationStatus.OFFERED,
            ApplicationStatus.ACCEPTED,
            ApplicationStatus.DECLINED,
        ),
    ),
    (
        "Offered a place",
        (ApplicationStatus.OFFERED, ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED),
    ),
    ("Accepted a place", (ApplicationStatus.ACCEPTED,)),
)


@dataclass(frozen=True)
class DashboardCounts:
    total: int
    funnel: list[FunnelStage]
    by_status: list[CountRow]
    by_region: list[CountRow]
    by_sector: list[CountRow]
    by_endorsement: list[CountRow]


def _rows(counts: dict, choices, *, missing_label: str) -> list[CountRow]:
    rows = [CountRow(value, label, counts.get(value, 0)) for value, label in choices]
    missing = counts.get("", 0) + counts.get(None, 0)
    rows.append(CountRow("", missing_label, missing))
    return rows


def dashboard_counts(intake: Intake) -> DashboardCounts:
    """Every application in the intake (drafts included), counted four ways in four queries,
    and the funnel: how many were started, submitted (withdrawn since or not), and are now at
    or past shortlisting, an offer and accepting it."""
    applications = Application.objects.filter(intake=intake).order_by()

    def tally(field: str) -> dict:
        rows = applications.values(field).annotate(n=Count("id"))
        return {row[field]: row["n"] for row in rows}

    statuses = list(
        applications.values("status").annotate(
            n=Count("id"), submitted=Count("id", filter=Q(submitted_at__isnull=False))
        )
    )
    by_status = {row["status"]: row["n"] for row in statuses}
    total = sum(by_status.values())
    return DashboardCounts(
        total=total,
        funnel=[
            FunnelStage("Started", total),
            FunnelStage("Submitted", sum(row["submitted"] for row in statuses)),
            *(
                FunnelStage(label, sum(by_status.get(status, 0) for status in at))
                for label, at in FUNNEL
            ),
        ],
        by_status=[
            CountRow(value, label, by_status.get(value, 0))
            for value, label in ApplicationStatus.choices
        ],
        by_region=_rows(tally("region"), Region.choices, missing_label="Not given"),
        by_sector=_rows(tally("sector"), Sector.choices, missing_label="Not given"),
        by_endorsement=_rows(
            tally("endorsement__status"),
            EndorsementStatus.choices,
            missing_label="No sponsor named",
        ),
    )
