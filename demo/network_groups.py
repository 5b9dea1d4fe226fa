"""Groups in the demo: the demo cohort's group (its people, automatically), the region and
topic groups, and a few threads with replies, all before today. The participant sign-in is in
the cohort's group; the alumnus in the London group; the director in the first-year topic
group, where the alumnus answers them."""

import datetime

from django.db.models import F

from demo.common import SeedContext
from upon.accounts.models import User
from upon.network import groups
from upon.network.models import Group, GroupKind, Membership, Post, Topic

LONDON = "E12000007"

THREADS = {
    "cohort": [
        (
            "Reading before the next taught day",
            "Has anyone started the reading on system leadership? I found the second chapter "
            "the most useful.",
            [
                "Yes, the case study on the partnership board was close to home.",
                "Not yet. Shall we talk it through over coffee on the day?",
                "Good idea. I will bring my notes.",
            ],
        ),
        (
            "Action learning: sharing what worked",
            "Our set found that agreeing the question in advance made the hour go much further.",
            ["We tried that too. It helped the quieter members come in."],
        ),
    ],
    "region": [
        (
            "London directors' breakfast",
            "A few of us meet for breakfast before the regional meeting. All welcome.",
            ["Count me in for next month.", "Where is it this time?"],
        ),
    ],
    "topic": [
        (
            "My first hundred days",
            "Three months in. What do you wish you had done in your first hundred days?",
            [
                "Spent more time with front-line teams before the first budget round.",
                "Met the lead member every week, even when there was nothing urgent.",
            ],
        ),
    ],
}


def demo_groups(ctx: SeedContext, *, cohort, sign_ins: dict[str, User]) -> dict:
    """The cohort's group and its threads, the London and first-year groups with theirs."""
    groups.open_groups()
    groups.sync_cohort_memberships(cohort)
    cohort_group = groups.cohort_group(cohort)
    people = [place.user for place in cohort.participants.select_related("user").order_by("pk")[:6]]
    alumnus, director = sign_ins["alumnus@upon.example"], sign_ins["director@upon.example"]
    london = Group.objects.get(kind=GroupKind.REGION, region=LONDON)
    first_year = Group.objects.get(kind=GroupKind.TOPIC, topic=Topic.FIRST_YEAR)
    for group, members in ((london, [alumnus, *people[:2]]), (first_year, [alumnus, director])):
        for member in members:
            groups.join(group=group, member=member)
    threads = posts = 0
    plan = [
        (cohort_group, THREADS["cohort"], people),
        (london, THREADS["region"], [alumnus, *people[:2]]),
        (first_year, THREADS["topic"], [director, alumnus]),
    ]
    for number, (group, threads_of_group, authors) in enumerate(plan):
        for index, (title, opening, replies) in enumerate(threads_of_group):
            at = ctx.midnight - datetime.timedelta(days=2 + 3 * number + index, hours=14)
            thread = groups.start_thread(
                group=group, author=authors[0], title=title, body=opening, now=at
            )
            for minutes, body in enumerate(replies, start=1):
                author = authors[minutes % len(authors)]
                groups.reply(
                    thread=thread,
                    author=author,
                    body=body,
                    now=at + datetime.timedelta(minutes=37 * minutes),
                )
            threads += 1
            posts += 1 + len(replies)
    before_today(ctx)
    return {"group threads": threads, "group posts": posts}


def before_today(ctx: SeedContext) -> None:
    """The groups, memberships and posts' history were made as the seed ran: date them before
    today, as the demo's past ends at midnight (the groups a week before the first thread)."""
    made = ctx.midnight - datetime.timedelta(days=14)
    Group.objects.filter(created_at__gt=ctx.midnight).update(created_at=made)
    Membership.objects.filter(joined_at__gt=ctx.midnight).update(joined_at=made)
    Post.history.filter(history_date__gt=ctx.midnight).update(history_date=F("posted_at"))
