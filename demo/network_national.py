"""The network at national scale (`seed_demo --scale national`, issue 13): 5,000 members in the
directory (the dataset's participants, alumni and new directors, and invented alumni if they
are fewer), every cohort's group with its people, each member in their region's and a topic's
group, 200,000 group posts (threads and replies across cohort, region and topic groups; one
thread in London's group has exactly 200 replies, for `make bench`) and 20,000 library
resources. Everything with bulk_create in batches."""

from demo.common import SeedContext
from demo.network_alumni import (
    ThreadPlan,
    alumni_profile,
    invented_alumni,
    join_groups,
    write_threads,
)
from demo.network_groups import before_today
from demo.network_library import NATIONAL_RESOURCES, build_library
from upon.accounts.models import RoleAssignment, User
from upon.delivery.models import Cohort, Participant, ParticipantStatus
from upon.network.models import Group, GroupKind, Membership, Profile, Topic
from upon.network.rules import MEMBERS
from upon.organisations.models import Region
from upon.programmes.models import Intake

NATIONAL_MEMBERS = 5000
NATIONAL_POSTS = 200_000
NATIONAL_THREADS = 10_000
BENCH_REPLIES = 200  # the thread `make bench` reads: its opening post and 200 replies
LONDON = "E12000007"


def national_network(
    ctx: SeedContext,
    *,
    team,
    members: int = NATIONAL_MEMBERS,
    posts: int = NATIONAL_POSTS,
    threads: int = NATIONAL_THREADS,
    resources: int = NATIONAL_RESOURCES,
    progress=None,
) -> dict:
    tick = progress.update if progress is not None else None
    if progress is not None:
        progress.total += posts + resources
        progress.set_description("network")
        progress.refresh()
    profiles = _profiles(ctx, members, team=team)
    cohort_groups = _cohort_groups()
    join_groups(ctx, profiles)
    plans = _thread_plans(ctx, posts=posts, threads=threads)
    written = write_threads(ctx, plans, days=720, progress=tick)
    library = build_library(
        ctx,
        count=resources,
        cohorts=list(Cohort.objects.order_by("pk")),
        team=team,
        suggesters=[User(pk=p.user_id) for p in profiles[:5]],
        progress=tick,
    )
    before_today(ctx)
    return {
        "profiles": len(profiles),
        "cohort groups": cohort_groups,
        "group memberships": Membership.objects.count(),
        "group threads": len(plans),
        "group posts": written,
        "resources": library["resources"],
    }


def _profiles(ctx: SeedContext, count: int, *, team) -> list[Profile]:
    """Profiles for the first `count` members (by id), and alumni of the cohorts whose year is
    over to make up any shortfall (invented, as the demo's are); each in their employer's
    region when they have one."""
    member_ids = list(
        RoleAssignment.objects.filter(role__in=MEMBERS)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()[:count]
    )
    if len(member_ids) < count:
        over = Intake.objects.filter(cohort__ends_on__lt=ctx.today).order_by("opens_at", "pk")
        places = invented_alumni(ctx, list(over), count - len(member_ids), team=team)
        member_ids += [place.user_id for place in places]
    region_of = dict(
        User.objects.filter(pk__in=member_ids)
        .exclude(applications__employer__region="")
        .values_list("pk", "applications__employer__region")
    )
    regions = Region.values
    made = [
        alumni_profile(ctx, User(pk=pk), region=region_of.get(pk) or regions[n % len(regions)])
        for n, pk in enumerate(member_ids)
    ]
    Profile.objects.bulk_create(made, batch_size=2000)
    return made


def _cohort_groups() -> int:
    """Every cohort's group, its people (not withdrawn) its members."""
    cohorts = list(Cohort.objects.exclude(network_group__isnull=False).order_by("pk"))
    made = Group.objects.bulk_create(
        Group(
            kind=GroupKind.COHORT,
            cohort=cohort,
            name=cohort.name,
            description=f"Everyone on {cohort.name}.",
        )
        for cohort in cohorts
    )
    group_of = {group.cohort_id: group.pk for group in made}
    people = (
        Participant.objects.exclude(status=ParticipantStatus.WITHDRAWN)
        .order_by("cohort_id", "user_id")
        .values_list("cohort_id", "user_id")
        .distinct()
    )
    Membership.objects.bulk_create(
        (Membership(group_id=group_of[c], member_id=u) for c, u in people if c in group_of),
        batch_size=2000,
        ignore_conflicts=True,
    )
    return len(made)


def _thread_plans(ctx: SeedContext, *, posts: int, threads: int) -> list[ThreadPlan]:
    """`threads` threads holding `posts` posts in all, over every group with members: the
    first in London's group with BENCH_REPLIES replies, the rest of ten to thirty posts (pairs
    of threads trade posts, so the total stays exact and no other thread reaches it)."""
    rng = ctx.rng
    members: dict[int, list[int]] = {}
    for group_id, member_id in Membership.objects.order_by("group_id", "pk").values_list(
        "group_id", "member_id"
    ):
        members.setdefault(group_id, []).append(member_id)
    about = {}
    for group in Group.objects.filter(pk__in=members):
        about[group.pk] = group.topic or rng.choice(Topic.values)
    group_ids = sorted(members)
    london = Group.objects.get(kind=GroupKind.REGION, region=LONDON).pk
    rest = posts - (BENCH_REPLIES + 1)
    counts = [rest // (threads - 1)] * (threads - 1)
    for k in range(rest - sum(counts)):
        counts[k] += 1
    for k in range(0, len(counts) - 1, 2):
        shift = rng.randint(0, max(0, min(counts[k], counts[k + 1]) - 10))
        counts[k], counts[k + 1] = counts[k] + shift, counts[k + 1] - shift
    plans = [
        ThreadPlan(
            london,
            rng.sample(members[london], min(12, len(members[london]))),
            BENCH_REPLIES + 1,
            Topic.FIRST_YEAR,
        )
    ]
    for k, count in enumerate(counts):
        group_id = group_ids[k % len(group_ids)]
        people = members[group_id]
        plans.append(
            ThreadPlan(group_id, rng.sample(people, min(5, len(people))), count, about[group_id])
        )
    return plans
