"""Alumni in the network, at any scale: invented alumni (the ALUMNUS role, granted when their
cohort's programme year ended, over ten years of cohorts) with directory profiles, members'
region and topic groups, and group threads with replies written by the groups' members, all
before today and saved with bulk_create. The demo holds 400 alumni and a few threads
(`demo_alumni`); the national dataset's members and 200,000 posts use the same writers
(demo/network_national.py)."""

import datetime
from dataclasses import dataclass

from demo.common import BATCH_SIZE, SeedContext, invented_people
from demo.network_library import SETTINGS, SUBJECTS
from demo.text import ACTIONS, REFLECTIONS
from upon.accounts.models import Role, RoleAssignment
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
from upon.organisations.models import Region
from upon.support.coach_pool import CAPABILITY_NAMES

DEMO_ALUMNI = 400
COHORT_YEARS = 10  # the alumni's cohorts ended one to ten years ago
# The demo's threads among the alumni: one in each topic group, with two to five replies.
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


def alumni_profile(ctx: SeedContext, user, *, region: str, cohort_year: int | None) -> Profile:
    """A profile as an alumnus fills it in: a region, one to three topics, two strengths."""
    rng = ctx.rng
    topics = rng.sample(TOPICS, rng.randint(1, 3))
    about = rng.choice(ABOUTS).format(topic=TOPIC_NAMES[topics[0]].lower())
    if cohort_year:
        about = f"Cohort of {cohort_year}. {about}"
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


def invented_alumni(ctx: SeedContext, programme, count: int) -> list[tuple]:
    """`count` invented alumni, the ALUMNUS role granted when their cohort's year ended (a
    tenth of them each year over COHORT_YEARS): [(user, cohort year)]."""
    people = invented_people(ctx, count)
    rows, made = [], []
    for n, user in enumerate(people):
        years_ago = 1 + n % COHORT_YEARS
        ended = ctx.midnight.replace(month=7, day=31) - datetime.timedelta(days=365 * years_ago)
        rows.append(
            RoleAssignment(user=user, role=Role.ALUMNUS, programme=programme, granted_at=ended)
        )
        made.append((user, ended.year - 1))  # the cohort started the September before
    RoleAssignment.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return made


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


def demo_alumni(ctx: SeedContext, *, programme) -> dict:
    """DEMO_ALUMNI invented alumni over ten years of cohorts, each with a profile in the
    directory and in their region's and first topic's groups; a thread in each topic group."""
    alumni = invented_alumni(ctx, programme, DEMO_ALUMNI)
    regions = Region.values
    profiles = [
        alumni_profile(ctx, user, region=regions[n % len(regions)], cohort_year=year)
        for n, (user, year) in enumerate(alumni)
    ]
    Profile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
    memberships = join_groups(ctx, profiles)
    members: dict[int, list[int]] = {}
    for membership in Membership.objects.filter(
        group__kind=GroupKind.TOPIC, member_id__in=[p.user_id for p in profiles]
    ).order_by("pk"):
        members.setdefault(membership.group_id, []).append(membership.member_id)
    topic_of = dict(Group.objects.filter(kind=GroupKind.TOPIC).values_list("pk", "topic"))
    plans = [
        ThreadPlan(
            group_id,
            ctx.rng.sample(people, min(3, len(people))),
            1 + ctx.rng.randint(*DEMO_REPLIES),
            topic_of[group_id],
        )
        for group_id, people in sorted(members.items())
    ]
    posts = write_threads(ctx, plans, days=60)
    ctx.say(
        f"Alumni: {len(profiles)} profiles over {COHORT_YEARS} years of cohorts, "
        f"{memberships} group memberships, {len(plans)} threads with {posts} posts."
    )
    return {"alumni": len(profiles), "alumni threads": len(plans), "alumni posts": posts}
