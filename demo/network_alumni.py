"""Alumni in the network, at any scale: people who took a place on a cohort whose programme year
is over (an accepted application with its accepted offer, a completed place with its
certificate, and the ALUMNUS role from the day their year ended), with directory profiles,
their cohort's group (the scheduled job's work), their region's and a topic's groups, and
group threads with replies written by the groups' members, all before today and saved with
bulk_create. The demo holds 400 alumni, forty on each of ten past cohorts (one intake a year
before last year's), and a few threads (`demo_alumni`); the national dataset's members and
200,000 posts use the same writers (demo/network_national.py).

The alumni's applications are whole applications, like everyone else's, so the intakes'
funnels stay true to their stages: everyone who completed was accepted, offered, shortlisted
and applied (upon/reporting/funnel.py refuses a stage larger than the one before it). A past
intake holds only the applications of the people who took its places."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q

from demo.applications import build_applications
from demo.common import BATCH_SIZE, SeedContext
from demo.intakes import IntakePlan, create_intake, earlier_window, employers
from demo.network_groups import before_today
from demo.network_library import SETTINGS, SUBJECTS
from demo.text import ACTIONS, REFLECTIONS
from upon.accounts.models import Role, RoleAssignment, User
from upon.delivery.models import Cohort, Participant, ParticipantStatus
from upon.network import groups
from upon.network.models import (
    ContactPreference,
    Group,
    GroupKind,
    Membership,
    Notify,
    Post,
    Profile,
    Thread,
    Topic,
)
from upon.programmes.models import Intake, Programme
from upon.recruitment.models import Application, ApplicationStatus
from upon.selection.models import Offer, OfferStatus
from upon.support.coach_pool import CAPABILITY_NAMES

DEMO_ALUMNI = 400
COHORT_YEARS = 10  # the demo's past cohorts: one a year, the ten before last year's
ALUMNI_PER_COHORT = DEMO_ALUMNI // COHORT_YEARS
# The demo's threads among the alumni: one in each topic group and each past cohort's group,
# with two to five replies.
DEMO_REPLIES = (2, 5)
DAY = datetime.timedelta(days=1)
# Read once: an enum's values and labels are worked out again at each call.
TOPICS = list(Topic.values)
TOPIC_NAMES = dict(Topic.choices)
CONTACTS = list(ContactPreference.values)

ABOUTS = [
    "Happy to talk about {topic}.",
    "Ask me about {topic}; I learned most of it the hard way.",
    "I have led on {topic} for three years and am glad to share what worked.",
    "Now a director. Pleased to help with {topic}.",
]
THREAD_TITLES = [
    "How did you approach {subject}?",
    "Advice wanted: {subject}",
    "Sharing what worked: {subject}",
    "A question about {subject}",
]
OPENINGS = [
    "We are starting on this in my authority and I would value a view from peers.",
    "I am three months into this and would like to hear how others went about it.",
    "Our leadership team is divided on this. What would you do?",
    "I found a useful approach and want to pass it on.",
]


def alumni_profile(ctx: SeedContext, user, *, region: str) -> Profile:
    """A profile as a member fills it in: a region, one to three topics, two strengths (their
    cohort is read from their place on it)."""
    rng = ctx.rng
    topics = rng.sample(TOPICS, rng.randint(1, 3))
    about = rng.choice(ABOUTS).format(topic=TOPIC_NAMES[topics[0]].lower())
    when = ctx.midnight - DAY * rng.randint(30, 700)
    return Profile(
        user=user,
        about=about,
        region=region,
        topics=[t for t in TOPICS if t in topics],
        strengths=sorted(rng.sample(sorted(CAPABILITY_NAMES), 2)),
        contact_preferences=sorted({ContactPreference.MESSAGE, rng.choice(CONTACTS)}),
        created_at=when,
        updated_at=when,
    )


def past_intakes(ctx: SeedContext, programme: Programme) -> list[Intake]:
    """COHORT_YEARS intakes before last year's, oldest first: one a year in the open intake's
    window, two to COHORT_YEARS + 1 years earlier, so the newest one's programme year ended ten
    months ago and the oldest's nearly ten years ago. The programme is dated before them."""
    made = [
        create_intake(
            ctx,
            programme,
            IntakePlan(
                *earlier_window(ctx, years=years),
                applications=ALUMNI_PER_COHORT,
                capacity=ALUMNI_PER_COHORT,
            ),
        )
        for years in range(COHORT_YEARS + 1, 1, -1)
    ]
    Programme.objects.filter(pk=programme.pk, created_at__gt=made[0].created_at).update(
        created_at=made[0].created_at - 30 * DAY
    )
    return made


def alumni_of(ctx: SeedContext, intake: Intake, count: int, *, team, employed) -> list:
    """`count` more alumni of an intake whose programme year is over: each with an accepted
    application (after the intake's others) and its offer, accepted; a place on the intake's
    cohort (made as the team makes it, named for the intake, if it has none), completed and its
    certificate issued at the end of the year; and the ALUMNUS role from then. `employed`:
    (local authorities, other organisations) they work for. Returns their places."""
    cohort = Cohort.objects.filter(intake=intake).first() or _cohort(ctx, intake)
    applications = build_applications(
        ctx,
        intake,
        [ApplicationStatus.ACCEPTED] * count,
        authorities=employed[0],
        others=employed[1],
        first=intake.applications.count() + 1,
    )
    # Saving stamps `updated_at` with the clock: they last changed when they were submitted.
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        updated_at=F("submitted_at")
    )
    _accepted_offers(ctx, intake, applications)
    return _completed_places(ctx, intake, cohort, applications, team=team)


def _accepted_offers(ctx: SeedContext, intake: Intake, applications: list) -> None:
    """An offer for each application, sent at the end of selection and accepted within days."""
    offered = ctx.at(intake.selection_ends, hour=10)
    Offer.objects.bulk_create(
        [
            Offer(
                application=application,
                status=OfferStatus.ACCEPTED,
                sent_at=offered,
                accept_by=offered + 14 * DAY,
                responded_at=offered + DAY * ctx.rng.randint(1, 10),
            )
            for application in applications
        ],
        batch_size=BATCH_SIZE,
    )


def _completed_places(ctx, intake: Intake, cohort: Cohort, applications: list, *, team) -> list:
    """A place on the cohort for each application's applicant, its completion confirmed by
    the team and its certificate issued at the end of the year; the ALUMNUS role from then."""
    completed = ctx.at(intake.programme_ends, hour=17)
    places = Participant.objects.bulk_create(
        [
            Participant(
                cohort=cohort,
                user_id=application.applicant_id,
                application=application,
                status=ParticipantStatus.COMPLETED,
                status_changed_at=completed,
                status_changed_by=team,
                certificate_issued_at=completed,
            )
            for application in applications
        ],
        batch_size=BATCH_SIZE,
    )
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                user_id=place.user_id,
                role=Role.ALUMNUS,
                programme_id=intake.programme_id,
                granted_at=ctx.at(intake.programme_ends),
            )
            for place in places
        ],
        batch_size=BATCH_SIZE,
    )
    return places


def _cohort(ctx: SeedContext, intake: Intake) -> Cohort:
    """The intake's cohort as the team makes it (named for the intake, over its programme
    dates), three weeks before its year, its history row too."""
    made_at = ctx.at(intake.programme_starts - 21 * DAY, hour=10)
    cohort = Cohort.objects.create(
        intake=intake,
        name=f"{intake.name} cohort",
        starts_on=intake.programme_starts,
        ends_on=intake.programme_ends,
        created_at=made_at,
    )
    Cohort.history.filter(id=cohort.pk).update(history_date=made_at)
    return cohort


def invented_alumni(ctx: SeedContext, intakes: list[Intake], count: int, *, team) -> list:
    """`count` alumni shared in turn among `intakes` (their years over): their places."""
    employed = employers(ctx)
    shares = [count // len(intakes) + (k < count % len(intakes)) for k in range(len(intakes))]
    places = []
    for intake, share in zip(intakes, shares, strict=True):
        if share:
            places += alumni_of(ctx, intake, share, team=team, employed=employed)
    return places


def region_of(places: list[Participant]) -> dict[int, str]:
    """Each place's person's region: their employer's, from the application that won it."""
    applications = Application.objects.filter(pk__in=[p.application_id for p in places])
    return dict(applications.values_list("applicant_id", "region"))


def join_groups(ctx: SeedContext, profiles: list[Profile]) -> int:
    """Each profile's member in their region's group and their first topic's group (weekly
    digest, or another choice for one in five), unless already a member."""
    groups.open_groups()
    by_region = dict(Group.objects.filter(kind=GroupKind.REGION).values_list("region", "pk"))
    by_topic = dict(Group.objects.filter(kind=GroupKind.TOPIC).values_list("topic", "pk"))
    choices = [Notify.WEEKLY] * 4 + [Notify.DAILY, Notify.EACH_POST, Notify.NONE]
    rows = []
    for profile in profiles:
        for group_id in (by_region[profile.region], by_topic[profile.topics[0]]):
            rows.append(
                Membership(
                    group_id=group_id,
                    member_id=profile.user_id,
                    notify=ctx.rng.choice(choices),
                    joined_at=profile.created_at,
                )
            )
    made = Membership.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(made)


@dataclass(frozen=True)
class ThreadPlan:
    group_id: int
    authors: list  # user ids: the opening post's is the first
    posts: int  # the opening post and its replies
    topic: str  # what the thread is about (a Topic value)


def write_threads(ctx: SeedContext, plans: list[ThreadPlan], *, days: int, progress=None) -> int:
    """One thread for each plan, started within the last `days` days (before today), its
    replies an hour or so apart by its authors in turn, the thread's count and latest post
    kept as the rules keep them. Returns how many posts."""
    rng = ctx.rng
    threads, posts_of = [], []
    for plan in plans:
        subject = rng.choice(SUBJECTS[plan.topic])
        started = ctx.midnight - DAY * rng.randint(2, days) + datetime.timedelta(hours=9)
        times = [started + datetime.timedelta(minutes=37 * k) for k in range(plan.posts)]
        bodies = [f"{rng.choice(OPENINGS)} {subject.capitalize()} {rng.choice(SETTINGS)}."]
        for _ in range(plan.posts - 1):
            action = rng.choice(rng.choice(ACTIONS))
            bodies.append(f"In my authority, {action}. {rng.choice(REFLECTIONS)}")
        threads.append(
            Thread(
                group_id=plan.group_id,
                author_id=plan.authors[0],
                title=rng.choice(THREAD_TITLES).format(subject=subject)[:150],
                created_at=started,
                last_post_at=times[-1],
                post_count=plan.posts,
            )
        )
        posts_of.append(list(zip(times, bodies, strict=True)))
    Thread.objects.bulk_create(threads, batch_size=BATCH_SIZE)
    written, batch = 0, []
    for thread, plan, posts in zip(threads, plans, posts_of, strict=True):
        for k, (at, body) in enumerate(posts):
            author = plan.authors[k % len(plan.authors)]
            batch.append(Post(thread=thread, author_id=author, body=body, posted_at=at))
        if len(batch) >= BATCH_SIZE * 5:
            written += _save_posts(batch, progress)
            batch = []
    return written + _save_posts(batch, progress)


def _save_posts(batch: list[Post], progress) -> int:
    Post.objects.bulk_create(batch, batch_size=BATCH_SIZE)
    if progress is not None:
        progress(len(batch))
    return len(batch)


def demo_alumni(ctx: SeedContext, *, programme, team) -> dict:
    """DEMO_ALUMNI alumni, ALUMNI_PER_COHORT on each of the COHORT_YEARS past cohorts, each with
    a profile in the directory; their cohorts' groups as the scheduled job makes them, and each
    in their region's and first topic's groups; a thread in each topic group and each past
    cohort's group."""
    intakes = past_intakes(ctx, programme)
    places = invented_alumni(ctx, intakes, DEMO_ALUMNI, team=team)
    regions = region_of(places)
    profiles = [
        alumni_profile(ctx, User(pk=place.user_id), region=regions[place.user_id])
        for place in places
    ]
    Profile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
    groups.sync_all_cohort_groups(now=ctx.midnight)
    memberships = join_groups(ctx, profiles)
    cohorts = {place.cohort_id for place in places}
    members: dict[int, list[int]] = {}
    for group_id, member_id in (
        Membership.objects.filter(member_id__in=[p.user_id for p in profiles])
        .filter(Q(group__kind=GroupKind.TOPIC) | Q(group__cohort_id__in=cohorts))
        .order_by("pk")
        .values_list("group_id", "member_id")
    ):
        members.setdefault(group_id, []).append(member_id)
    topic_of = dict(Group.objects.filter(pk__in=members).values_list("pk", "topic"))
    plans = [
        ThreadPlan(
            group_id,
            ctx.rng.sample(people, min(3, len(people))),
            1 + ctx.rng.randint(*DEMO_REPLIES),
            topic_of[group_id] or ctx.rng.choice(TOPICS),
        )
        for group_id, people in sorted(members.items())
    ]
    posts = write_threads(ctx, plans, days=60)
    before_today(ctx)
    ctx.say(
        f"Alumni: {len(profiles)} profiles on {len(intakes)} past cohorts, "
        f"{memberships} region and topic group memberships, {len(plans)} threads with "
        f"{posts} posts."
    )
    return {
        "intakes": intakes,
        "alumni": len(profiles),
        "alumni threads": len(plans),
        "alumni posts": posts,
    }
