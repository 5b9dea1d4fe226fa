"""The two sizes of seed data: the demo (`make run`) and the national benchmark (`make bench`)."""

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from tqdm import tqdm

from demo.applications import FixedApplicant, build_applications
from demo.common import SeedContext, deal, spread
from demo.delivery import demo_delivery, national_delivery
from demo.grant import demo_grant
from demo.intakes import (
    IntakePlan,
    create_intake,
    create_programme,
    earlier_window,
    employers,
    open_window,
)
from demo.network_alumni import demo_alumni
from demo.network_directory import demo_network_directory
from demo.network_groups import demo_groups
from demo.network_library import DEMO_RESOURCES, NATIONAL_RESOURCES, build_library
from demo.network_national import (
    NATIONAL_MEMBERS,
    NATIONAL_POSTS,
    NATIONAL_THREADS,
    national_network,
)
from demo.people import create_sign_ins, grant_roles
from demo.register import SYNTHETIC_TENURES, seed_national_register, seed_register
from demo.selection import demo_selection, national_selection
from demo.support import NATIONAL_COACHES, NATIONAL_DIRECTORS, demo_support, national_support
from upon.accounts.models import User
from upon.programmes.models import Intake
from upon.recruitment.models import Application, ApplicationStatus

S = ApplicationStatus
DAY = datetime.timedelta(days=1)

# This year's intake is open: about 150 applications, drafts, submitted (reviews under way as
# they come in) and withdrawn; nothing decided and no cohort composed until it has closed.
OPEN_INTAKE_STATUSES = {S.DRAFT: 38, S.SUBMITTED: 100, S.WITHDRAWN: 10}
# Two regional intakes beside the national one, closed a few weeks ago (demo/selection.py gives
# them their reviews and decisions). The North West's cohort was confirmed five days ago: the
# accepted and pending offers fill its 8 places (the offer sign-in holds one of the pending
# ones; its one decline offered the next place on the waiting list). The South East's
# applications are all reviewed and decided: its cohort is ready for the lead to compose.
REGIONAL_INTAKES = (
    {
        "region": "North West",
        "prefix": "ADCSN",
        "closed_days_ago": 26,
        "capacity": 8,
        "statuses": {
            S.DRAFT: 3,
            S.WITHDRAWN: 2,
            S.SHORTLISTED: 2,
            S.RESERVE: 2,
            S.OFFERED: 3,
            S.ACCEPTED: 4,
            S.DECLINED: 1,
            S.UNSUCCESSFUL: 10,
        },
        "sign_in": ("offer@upon.example", S.OFFERED),
    },
    {
        "region": "South East",
        "prefix": "ADCSE",
        "closed_days_ago": 20,
        "capacity": 6,
        "statuses": {
            S.DRAFT: 3,
            S.WITHDRAWN: 2,
            S.SHORTLISTED: 8,
            S.RESERVE: 4,
            S.UNSUCCESSFUL: 10,
        },
    },
)
OPEN_CAPACITY = 40
CLOSED_CAPACITY = 35
DEMO_LAST_INTAKE_SIZE = 80
# Last year's demo intake filled every place: 20, of 80 applications.
DEMO_LAST_CAPACITY = 20
NATIONAL_APPLICATIONS = 50_000
# Years ago (1 = last year) that also had a spring intake, six months before the autumn one.
SPRING_INTAKE_YEARS = (3, 5, 7, 9)
HISTORY_YEARS = 10


def closed_statuses(count: int, capacity: int) -> dict[str, int]:
    """Where a finished intake's applications ended up: most unsuccessful, a cohort accepted."""
    accepted = min(capacity, count // 4)
    fixed = {
        S.ACCEPTED: accepted,
        S.DECLINED: min(5, count // 20),
        S.RESERVE: min(10, count // 20),
    }
    rest = spread(
        count - sum(fixed.values()),
        {S.UNSUCCESSFUL: 0.84, S.DRAFT: 0.1, S.WITHDRAWN: 0.06},
    )
    return fixed | rest


PILOT_SIZE = 12


def build_demo(ctx: SeedContext) -> dict:
    """One programme, last year's intake (closed, decided, its cohort part-way through the
    year), two regional intakes in selection and the open intake; then the network, with the
    ten intakes before last year's and their alumni (demo/network_alumni.py)."""
    built = _build(
        ctx,
        history=[],
        regional=REGIONAL_INTAKES,
        last_size=DEMO_LAST_INTAKE_SIZE,
        last_capacity=DEMO_LAST_CAPACITY,
        open_statuses=OPEN_INTAKE_STATUSES,
        bar=None,
        select=lambda built, team, progress: demo_selection(
            ctx,
            programme=built["programme"],
            team=team,
            last_intake=built["last_intake"],
            open_intake=built["open_intake"],
            regional=built["regional_intakes"],
        ),
        deliver=lambda built, team, progress: demo_delivery(
            ctx, intake=built["last_intake"], team=team
        ),
        support=lambda built, team, sign_ins: {
            **demo_support(ctx, programme=built["programme"], sign_ins=sign_ins, team=team),
            **demo_groups(ctx, cohort=built["last_intake"].cohort, sign_ins=sign_ins),
            # The grant (issue 14, item 5): budget lines and a year of spend.
            **demo_grant(ctx, programme=built["programme"], team=team),
        },
    )
    # The network's directory and messages, its alumni and their groups, and the library
    # (issue 13).
    with transaction.atomic():
        built["network_directory"] = demo_network_directory(ctx)
        team = User.objects.get(email="team@upon.example")
        past = demo_alumni(ctx, programme=built["programme"], team=team)
        # The past cohorts' intakes, with their alumni's applications, come first.
        built["intakes"] = [*past.pop("intakes"), *built["intakes"]]
        built["applications"] += past["alumni"]
        built["network_alumni"] = past
        alumni = User.objects.filter(email__in=["alumnus@upon.example", "director@upon.example"])
        built["library"] = build_library(
            ctx,
            count=DEMO_RESOURCES,
            cohorts=[built["last_intake"].cohort],
            team=team,
            suggesters=list(alumni.order_by("pk")),
        )
    return built


def national_support_size(applications: int) -> tuple[int, int]:
    """(directors, coaches): 300 and 60 at the full 50,000 applications; a few for a test's
    small dataset (the demo's four coaches, so no one new is made)."""
    directors = max(6, NATIONAL_DIRECTORS * applications // NATIONAL_APPLICATIONS)
    coaches = max(4, NATIONAL_COACHES * applications // NATIONAL_APPLICATIONS)
    return directors, coaches


def build_national(
    ctx: SeedContext,
    *,
    applications: int = NATIONAL_APPLICATIONS,
    bar=True,
    directors: int | None = None,
    coaches: int | None = None,
    authorities: int | None = None,
):
    """Ten years of intakes, `applications` in the closed ones, a tenth in the newest.

    The first is a small pilot (12), so query counts can be compared on a small intake. The
    open intake gets another tenth on top, in every status, so the team's filters find rows.
    The pilot and the newest closed intake get their selection: a reviewer pool (80 for the
    newest), three reviews an application, the panel's decisions, offers and the waiting list.
    Written with bulk_create inside one transaction, under a tqdm progress bar. Then support:
    `directors` in support (over the first `authorities` local authorities, all by default)
    and `coaches` in the pool, by default sized by `national_support_size`.
    """
    last_size = applications // 10
    open_statuses = spread(applications // 10, OPEN_INTAKE_STATUSES)
    return _build(
        ctx,
        history=_national_history(ctx, applications=applications, last_size=last_size),
        last_size=last_size,
        last_capacity=CLOSED_CAPACITY,
        open_statuses=open_statuses,
        bar=bar,
        **_national_steps(
            ctx,
            applications=applications,
            directors=directors,
            coaches=coaches,
            authorities=authorities,
        ),
    )


def _national_steps(ctx, *, applications, directors, coaches, authorities) -> dict:
    """What `_build` runs after the intakes for the national dataset: selection, the cohorts'
    year, support and the network."""
    default_directors, default_coaches = national_support_size(applications)
    return {
        "select": lambda built, team, progress: national_selection(
            ctx,
            programme=built["programme"],
            team=team,
            pilot=built["intakes"][0],
            newest=built["last_intake"],
            progress=progress,
        ),
        "deliver": lambda built, team, progress: national_delivery(
            ctx,
            programme=built["programme"],
            pilot=built["intakes"][0],
            intakes=built["intakes"][1:-1],
            team=team,
            applications=applications,
            progress=progress,
        ),
        "support": lambda built, team, sign_ins: national_support(
            ctx,
            programme=built["programme"],
            team=team,
            directors=directors or default_directors,
            coaches=coaches or default_coaches,
            authorities=authorities,
        ),
        "network": lambda built, team, progress: national_network(
            ctx,
            team=team,
            progress=progress,
            **national_network_size(applications),
        ),
        "register": lambda: seed_national_register(
            ctx, synthetic=national_register_size(applications)
        ),
    }


def national_register_size(applications: int) -> int:
    """The register's synthetic tenures: 100,000 at the full 50,000 applications; in proportion
    (at least 300) for a test's small dataset."""
    return max(300, SYNTHETIC_TENURES * applications // NATIONAL_APPLICATIONS)


def national_network_size(applications: int) -> dict:
    """The network's members, posts, threads and resources: 5,000, 200,000, 10,000 and 20,000
    at the full 50,000 applications; in proportion (with a floor) for a test's small dataset."""

    def scaled(full: int, least: int) -> int:
        return max(least, full * applications // NATIONAL_APPLICATIONS)

    posts = scaled(NATIONAL_POSTS, 600)
    return {
        "members": scaled(NATIONAL_MEMBERS, 30),
        "posts": posts,
        "threads": max(20, NATIONAL_THREADS * posts // NATIONAL_POSTS),
        "resources": scaled(NATIONAL_RESOURCES, 60),
    }


def _national_history(ctx: SeedContext, *, applications: int, last_size: int) -> list[IntakePlan]:
    """The closed intakes before the newest, oldest first: the pilot of 12, then an autumn intake
    every year and a spring one in some, sharing what is left of `applications`."""
    pilot = [
        IntakePlan(
            *earlier_window(ctx, years=HISTORY_YEARS, months_earlier=6),
            applications=PILOT_SIZE,
            capacity=PILOT_SIZE // 4,
            prefix="ADCSP",
        )
    ]
    plans = []
    for years in range(HISTORY_YEARS, 1, -1):
        if years in SPRING_INTAKE_YEARS:
            plans.append((years, 6))
        plans.append((years, 0))
    # Older intakes a little smaller; all smaller than the newest, which the export times.
    weights = {i: 10 + i for i in range(len(plans))}
    sizes = spread(applications - last_size - PILOT_SIZE, weights)
    return pilot + [
        IntakePlan(
            *earlier_window(ctx, years=years, months_earlier=months),
            applications=sizes[i],
            capacity=CLOSED_CAPACITY,
            prefix="ADCSS" if months else "ADCS",
        )
        for i, (years, months) in enumerate(plans)
    ]


def _build(
    ctx,
    *,
    history: list[IntakePlan],
    regional=(),
    last_size: int,
    last_capacity: int,
    open_statuses: dict,
    bar,
    select,
    deliver,
    support,
    network=None,
    register=None,
) -> dict:
    """The programme, its intakes and applications, the roles, then `select(built, team,
    progress)` for the selection data, `deliver(built, team, progress)` for the cohorts'
    year and `support(built, team, sign_ins)` for new directors' support; then the register
    (`register()`, or the demo's). The bar counts applications, then reviews, then delivery
    records."""
    total = _total_applications(history, regional, last_size, open_statuses)
    with (
        transaction.atomic(),
        tqdm(
            total=total, desc="applications", unit=" records", disable=not bar, smoothing=0.1
        ) as progress,
    ):
        built, people = _programme_and_intakes(
            ctx, history, regional, (last_size, last_capacity), open_statuses, bar, progress
        )
        team = people.sign_ins["team@upon.example"]
        progress.set_description("selection")
        selection = select(built, team, progress)
        _say_selection(ctx, bar, built["intakes"], selection)
        delivery = deliver(built, team, progress)
        progress.set_description("support")
        supported = support(built, team, people.sign_ins)
        supported.update(register() if register else seed_register(ctx))
        networked = network(built, team, progress) if network else {}
        _applications_last_changed_before_today()
        _say_delivery(ctx, delivery, supported)
        if networked:
            ctx.say("Network: " + ", ".join(f"{n} {what}" for what, n in networked.items()))
    # The planner's statistics are stale after a bulk load (PostgreSQL guessed 56 rows for an
    # intake of 5,000); refresh them so the first page views get the plans they will keep.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    done = {"selection": selection, "delivery": delivery, "support": supported}
    if networked:
        done["network"] = networked
    return {**built, "applications": total, **done}


def _programme_and_intakes(ctx, history, regional, last_plan, open_statuses, bar, progress):
    """The programme, the sign-ins, the intakes with their applications and the roles:
    (built, people)."""
    first_opens = history[0].opens_at if history else earlier_window(ctx, years=1)[0]
    programme = create_programme(created_at=first_opens - 60 * DAY)
    people = _People(*employers(ctx), create_sign_ins(ctx), bar, progress.update)
    ctx.say(
        f"Programme: {programme.name} ({len(people.authorities)} local authorities as employers)"
    )
    older, last, regional_intakes, open_intake = _intakes(
        ctx, programme, people, history, regional, last_plan, open_statuses
    )
    roles = grant_roles(
        ctx,
        programme,
        people.sign_ins,
        open_intake=open_intake,
        last_intake=last,
        alumni_intakes=older,
    )
    ctx.say(f"Role assignments: {roles}")
    built = {
        "programme": programme,
        "open_intake": open_intake,
        "last_intake": last,
        "regional_intakes": regional_intakes,
        "intakes": [*older, last, *regional_intakes, open_intake],
    }
    return built, people


def _intakes(ctx, programme, people, history, regional, last_plan, open_statuses) -> tuple:
    """The intakes, oldest first, with their applications: (the history's, last year's, the
    regional ones, the open one). `last_plan` is last year's (size, capacity)."""
    older = [_closed_intake(ctx, programme, plan, people) for plan in history]
    size, capacity = last_plan
    last = _last_intake(ctx, programme, people, size=size, capacity=capacity)
    regional_intakes = [_regional_intake(ctx, programme, people, plan) for plan in regional]
    open_intake = _open_intake(ctx, programme, people, statuses=open_statuses)
    return older, last, regional_intakes, open_intake


def _total_applications(history, regional, last_size: int, open_statuses: dict) -> int:
    """How many applications _build makes: the history's, last year's, the regional intakes'
    (with a sign-in's) and the open intake's with its two sign-ins'."""
    total = sum(plan.applications for plan in history) + last_size
    total += sum(open_statuses.values()) + 2
    return total + sum(sum(plan["statuses"].values()) + ("sign_in" in plan) for plan in regional)


@dataclass(frozen=True)
class _People:
    """Who applies (employers), the sign-ins, and where each intake reports its progress."""

    authorities: list
    others: list
    sign_ins: dict
    bar: object
    progress: object


def _closed_intake(ctx: SeedContext, programme, plan: IntakePlan, people: _People) -> Intake:
    """A closed intake of the history with its applications, decided in every closed status."""
    intake = create_intake(ctx, programme, plan)
    statuses = deal(ctx.rng, closed_statuses(plan.applications, plan.capacity))
    build_applications(
        ctx,
        intake,
        statuses,
        authorities=people.authorities,
        others=people.others,
        progress=people.progress,
    )
    _said(ctx, people.bar, intake, plan.applications)
    return intake


def _last_intake(ctx: SeedContext, programme, people: _People, *, size: int, capacity: int):
    """Last year's intake, closed and decided; one place of its cohort is the participant
    sign-in's."""
    last = create_intake(
        ctx,
        programme,
        IntakePlan(*earlier_window(ctx, years=1), applications=size, capacity=capacity),
    )
    statuses = deal(ctx.rng, closed_statuses(size - 1, capacity - 1))
    statuses.append(FixedApplicant(people.sign_ins["participant@upon.example"], S.ACCEPTED))
    build_applications(
        ctx,
        last,
        statuses,
        authorities=people.authorities,
        others=people.others,
        progress=people.progress,
    )
    _said(ctx, people.bar, last, size)
    return last


def _regional_intake(ctx: SeedContext, programme, people: _People, plan: dict) -> Intake:
    """A regional intake (REGIONAL_INTAKES) that closed `closed_days_ago` days ago, six weeks
    after it opened, with applications from the region in the plan's statuses and a sign-in's
    among them."""
    closes = ctx.today - plan["closed_days_ago"] * DAY
    intake = create_intake(
        ctx,
        programme,
        IntakePlan(
            ctx.at(closes - 42 * DAY),
            ctx.at(closes, hour=23, minute=59),
            applications=0,
            capacity=plan["capacity"],
            prefix=plan["prefix"],
            region=plan["region"],
        ),
    )
    dealt = deal(ctx.rng, plan["statuses"])
    if "sign_in" in plan:
        email, status = plan["sign_in"]
        dealt.append(FixedApplicant(people.sign_ins[email], status))
    # A regional intake's applicants work in its region (so its cohort can be composed under
    # the one-per-region rule): its councils, and any invented employer there.
    in_region = [o for o in people.authorities if o.get_region_display() == plan["region"]]
    others = [o for o in people.others if o.get_region_display() == plan["region"]]
    build_applications(
        ctx,
        intake,
        dealt,
        authorities=in_region,
        others=others or in_region,
        progress=people.progress,
    )
    _said(ctx, people.bar, intake, len(dealt))
    return intake


def _open_intake(ctx: SeedContext, programme, people: _People, *, statuses: dict) -> Intake:
    """The open intake, open today, with applications in every status, the applicant sign-in's
    draft (three sections done) and the submitted sign-in's application."""
    opens, closes = open_window(ctx)
    open_intake = create_intake(
        ctx, programme, IntakePlan(opens, closes, applications=0, capacity=OPEN_CAPACITY)
    )
    dealt = deal(ctx.rng, statuses) + [
        FixedApplicant(people.sign_ins["applicant@upon.example"], S.DRAFT, sections_done=3),
        FixedApplicant(people.sign_ins["submitted@upon.example"], S.SUBMITTED),
    ]
    build_applications(
        ctx,
        open_intake,
        dealt,
        authorities=people.authorities,
        others=people.others,
        progress=people.progress,
    )
    _said(ctx, people.bar, open_intake, len(dealt))
    return open_intake


def _say_selection(ctx: SeedContext, bar, intakes: list[Intake], selection: dict) -> None:
    for intake in intakes:
        if intake.pk in selection:
            counts = selection[intake.pk]
            _said(
                ctx,
                bar,
                intake,
                f"{counts['reviewers']} reviewers, {counts['assignments']} assignments, "
                f"{counts['reviews']} reviews submitted, {counts['decisions']} decisions, "
                f"{counts['offers']} offers",
            )


def _say_delivery(ctx: SeedContext, delivery: dict, support: dict) -> None:
    counts = ", ".join(
        f"{value} {key}" for key, value in delivery.items() if isinstance(value, int)
    )
    ctx.say(f"Delivery: {counts}")
    ctx.say("Support: " + ", ".join(f"{n} {what}" for what, n in support.items()))


def _applications_last_changed_before_today() -> None:
    """Saving stamps `updated_at` with the clock; the seed's applications last changed when they
    were started, submitted or withdrawn, before the start of today."""
    Application.objects.update(
        updated_at=Coalesce(F("withdrawn_at"), F("submitted_at"), F("created_at"))
    )


def _said(ctx, bar, intake, count):
    if not bar:  # under a progress bar, lines would break it up
        what = f"{count} applications" if isinstance(count, int) else count
        ctx.say(f"{intake.name}: {what}")
