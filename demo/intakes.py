"""The programme, its intakes (dated relative to today) and the employers applicants name."""

import datetime
from dataclasses import dataclass

from demo.common import SeedContext, ascii_slug, years_before
from upon.organisations.models import Organisation, OrganisationKind, Region
from upon.organisations.services import normalise_name
from upon.programmes.models import Intake, Programme
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.recruitment.models import Capability

PROGRAMME_NAME = "Aspiring Directors of Children's Services"
PROGRAMME_SLUG = "aspiring-directors"

# Invented employers beside the 153 real local authorities: (name, kind, region).
OTHER_ORGANISATIONS = [
    ("Riverside Community Health NHS Trust", OrganisationKind.NHS_TRUST, Region.NORTH_WEST),
    ("Eastvale Children's Hospital NHS Trust", OrganisationKind.NHS_TRUST, Region.EAST),
    ("Brightpath Children's Charity", OrganisationKind.VOLUNTARY, Region.LONDON),
    ("Harbour Family Support Trust", OrganisationKind.VOLUNTARY, Region.SOUTH_WEST),
    ("Keystone Care Partnerships Ltd", OrganisationKind.PRIVATE, Region.WEST_MIDLANDS),
    ("Meridian Fostering Ltd", OrganisationKind.PRIVATE, Region.YORKSHIRE),
]

# The programme year: 52 weeks from the programme's start (delivery's cohorts run the same).
PROGRAMME_YEAR = datetime.timedelta(days=364)


def delivery_summary(starts: datetime.date, ends: datetime.date) -> str:
    """What the public intake page says about the year, in the intake's own dates, so the page
    never promises months the intake's programme dates contradict."""
    return (
        "Eight taught days, learning visits, action learning sets and a leadership challenge, "
        f"blending face-to-face and virtual sessions, from {starts:%B %Y} to {ends:%B %Y}."
    )


@dataclass
class IntakePlan:
    """An intake to create: when it opens and closes, and how many applications it gets."""

    opens_at: datetime.datetime
    closes_at: datetime.datetime
    applications: int
    capacity: int
    prefix: str = "ADCS"
    region: str = ""  # a regional intake beside the national one: its region's name


def open_window(ctx: SeedContext) -> tuple[datetime.datetime, datetime.datetime]:
    """The open intake: opened three weeks ago, closes in four weeks."""
    return (
        ctx.at(ctx.today - datetime.timedelta(weeks=3)),
        ctx.at(ctx.today + datetime.timedelta(weeks=4), hour=23, minute=59),
    )


def earlier_window(ctx: SeedContext, *, years: int, months_earlier: int = 0):
    """The open intake's window `years` earlier, and optionally some months before that."""
    opens, closes = open_window(ctx)
    opens, closes = years_before(opens, years), years_before(closes, years)
    shift = datetime.timedelta(days=round(months_earlier * 30.5))
    return opens - shift, closes - shift


def create_programme(*, created_at: datetime.datetime) -> Programme:
    return Programme.objects.create(
        created_at=created_at,
        name=PROGRAMME_NAME,
        slug=PROGRAMME_SLUG,
        summary=(
            "A year of development for senior leaders in children's services who could become "
            "a Director of Children's Services within three to five years."
        ),
        description=(
            "Funded by the Department for Education. Participants learn together through taught "
            "days, learning visits and action learning, and new directors are supported for "
            "their first two years in post."
        ),
    )


def create_intake(ctx: SeedContext, programme: Programme, plan: IntakePlan) -> Intake:
    """One intake with the seven default capabilities. Name, slug and dates follow its window;
    its programme year runs 52 weeks, and its public summary names the same months."""
    closes = plan.closes_at.date()
    starts = closes + datetime.timedelta(days=45)
    ends = starts + PROGRAMME_YEAR
    name, slug = f"{plan.opens_at:%B %Y} intake", f"{PROGRAMME_SLUG}-{plan.opens_at:%Y-%m}"
    if plan.region:
        name, slug = f"{name}, {plan.region}", f"{slug}-{ascii_slug(plan.region)}"
    intake = Intake.objects.create(
        programme=programme,
        name=name,
        slug=slug,
        opens_at=plan.opens_at,
        closes_at=plan.closes_at,
        selection_starts=closes + datetime.timedelta(days=1),
        selection_ends=closes + datetime.timedelta(days=30),
        programme_starts=starts,
        programme_ends=ends,
        capacity=plan.capacity,
        delivery_summary=delivery_summary(starts, ends),
        reference_prefix=plan.prefix,
        created_at=plan.opens_at - datetime.timedelta(days=30),
    )
    Capability.objects.bulk_create(
        Capability(intake=intake, position=i, name=name, description=text, word_limit=limit)
        for i, (name, text, limit) in enumerate(DEFAULT_CAPABILITIES, start=1)
    )
    intake.capability_list = list(intake.capabilities.order_by("position"))
    return intake


def employers(ctx: SeedContext) -> tuple[list[Organisation], list[Organisation]]:
    """(local authorities, other organisations), creating the invented ones if missing."""
    others = []
    for name, kind, region in OTHER_ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            kind=kind,
            normalised_name=normalise_name(name),
            defaults={"name": name, "region": region},
        )
        others.append(organisation)
    authorities = list(
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("gss_code")
    )
    return authorities, others
