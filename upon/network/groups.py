"""Groups (issue 13, item 4): a cohort's group, whose members are the cohort's people
automatically; a region's and a topic's, which members join and leave; threads and their
posts; each member's choice of emails (each post, a daily or weekly digest, none); and the
team's moderation (hiding a post with a reason, audited by the post's history; resolving
reports).

A cohort's people are its participants in any status but withdrawn. The groups of the regions
and topics, each cohort's group and its memberships are made and kept in step by the schedule
(`sync_all_cohort_groups`, idempotent: it writes nothing when all is in step); pages only read
(a cohort's person already counts as in its group before the job has made their membership).
`Thread.post_count` (shown posts) and `Thread.last_post_at` are kept here, by every function
that adds, hides or shows a post.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone

from upon.delivery.models import Cohort, Participant, ParticipantStatus
from upon.network.algorithms.groups import Activity, digest_lines, digest_period
from upon.network.models import (
    DigestSent,
    Group,
    GroupKind,
    Membership,
    Notify,
    Post,
    Report,
    Thread,
    Topic,
)
from upon.organisations.models import Region
from upon.service.mail import send_all, templated

User = get_user_model()

# The most emails given to the mail server at once.
MAIL_BATCH = 500

THREADS = Thread.objects.select_related("group__cohort", "author")
POSTS = Post.objects.select_related("thread__group__cohort", "author")
GROUPS = Group.objects.select_related("cohort")


class CannotJoin(Exception):
    """A cohort's group is joined by being in the cohort, and left only by leaving it."""


def cohort_people(cohort_id: int):
    """The ids of a cohort's people: its participants, in any status but withdrawn."""
    return Participant.objects.filter(cohort_id=cohort_id).exclude(
        status=ParticipantStatus.WITHDRAWN
    )


def is_cohort_person(user, cohort_id: int) -> bool:
    return cohort_people(cohort_id).filter(user_id=user.pk).exists()


def cohort_group(cohort: Cohort) -> Group:
    """The cohort's group, made the first time it is wanted."""
    group, _ = Group.objects.get_or_create(
        cohort=cohort,
        defaults={
            "kind": GroupKind.COHORT,
            "name": cohort.name,
            "description": f"Everyone on {cohort.name}.",
        },
    )
    return group


def sync_cohort_memberships(cohort: Cohort) -> int:
    """Make the cohort group's members the cohort's people: add those missing, remove those
    withdrawn. How many memberships changed (none when all is in step)."""
    group = cohort_group(cohort)
    wanted = set(cohort_people(cohort.pk).values_list("user_id", flat=True))
    have = set(group.memberships.values_list("member_id", flat=True))
    missing, gone = wanted - have, have - wanted
    if missing:
        Membership.objects.bulk_create(
            [Membership(group=group, member_id=pk) for pk in sorted(missing)],
            ignore_conflicts=True,
        )
    if gone:
        group.memberships.filter(member_id__in=gone).delete()
    return len(missing) + len(gone)


def sync_all_cohort_groups(*, now: datetime.datetime) -> int:
    """The scheduled job: every region and topic has its group, and every cohort with people
    its group, its members in step. How many groups and memberships it made or removed (none
    when all is in step). Pages only read what it made: a GET never writes."""
    cohorts = Cohort.objects.filter(
        Q(
            pk__in=Participant.objects.exclude(status=ParticipantStatus.WITHDRAWN).values(
                "cohort_id"
            )
        )
        | Q(network_group__isnull=False)
    ).order_by("pk")
    made = open_groups()
    return made + sum(sync_cohort_memberships(cohort) for cohort in cohorts)


def cohort_people_of(user):
    return Participant.objects.filter(user_id=user.pk).exclude(status=ParticipantStatus.WITHDRAWN)


def open_groups() -> int:
    """One group for each region and each topic, made by the scheduled job (and the demo):
    how many it made."""
    have = set(
        Group.objects.filter(kind__in=[GroupKind.REGION, GroupKind.TOPIC]).values_list(
            "kind", "region", "topic"
        )
    )
    wanted = [
        Group(kind=GroupKind.REGION, region=region, name=label)
        for region, label in Region.choices
        if (GroupKind.REGION, region, "") not in have
    ] + [
        Group(kind=GroupKind.TOPIC, topic=topic, name=label)
        for topic, label in Topic.choices
        if (GroupKind.TOPIC, "", topic) not in have
    ]
    if wanted:
        Group.objects.bulk_create(wanted, ignore_conflicts=True)
    return len(wanted)


def groups_for(user, *, team: bool) -> tuple[list[Group], list[Group]]:
    """The person's groups (those they joined, and their cohorts' groups, a membership made by
    the scheduled job or not yet), and the groups they may join (for the team: every group,
    to read, and none to join). Reads only."""
    if team:
        return [], list(GROUPS.all())
    mine = list(
        GROUPS.filter(
            Q(memberships__member=user)
            | Q(kind=GroupKind.COHORT, cohort__in=cohort_people_of(user).values("cohort_id"))
        ).distinct()
    )
    others = list(
        GROUPS.filter(kind__in=[GroupKind.REGION, GroupKind.TOPIC]).exclude(
            pk__in=[group.pk for group in mine]
        )
    )
    return mine, others


def membership_of(group: Group, user) -> Membership | None:
    """The person's membership. A cohort's person whose membership the scheduled job has not
    made yet gets one as it will be (unsaved: reading a page writes nothing)."""
    found = Membership.objects.filter(group=group, member=user).first()
    if found is None and group.kind == GroupKind.COHORT and is_cohort_person(user, group.cohort_id):
        found = Membership(group=group, member=user)
    return found


def join(*, group: Group, member) -> Membership:
    if group.kind == GroupKind.COHORT:
        raise CannotJoin("You are in your cohort's group while you are in the cohort.")
    membership, _ = Membership.objects.get_or_create(group=group, member=member)
    return membership


def leave(*, group: Group, member) -> None:
    if group.kind == GroupKind.COHORT:
        raise CannotJoin("You cannot leave your cohort's group.")
    Membership.objects.filter(group=group, member=member).delete()


def set_notify(*, group: Group, member, notify: str) -> Membership:
    """The member's choice of emails (their cohort group's membership made now if the
    scheduled job has not made it yet)."""
    membership, _ = Membership.objects.update_or_create(
        group=group, member=member, defaults={"notify": Notify(notify)}
    )
    return membership


def threads_of(group: Group):
    return group.threads.select_related("author").order_by("-last_post_at", "-pk")


def posts_of(thread: Thread):
    return thread.posts.select_related("author").order_by("posted_at", "pk")


@transaction.atomic
def start_thread(*, group: Group, author, title: str, body: str, now=None) -> Thread:
    now = now or timezone.now()
    thread = Thread.objects.create(
        group=group, author=author, title=title, created_at=now, last_post_at=now
    )
    _add_post(thread=thread, author=author, body=body, now=now)
    return thread


@transaction.atomic
def reply(*, thread: Thread, author, body: str, now=None) -> Post:
    return _add_post(thread=thread, author=author, body=body, now=now or timezone.now())


def _add_post(*, thread: Thread, author, body: str, now) -> Post:
    post = Post.objects.create(thread=thread, author=author, body=body, posted_at=now)
    Thread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1)
    Thread.objects.filter(pk=thread.pk, last_post_at__lt=now).update(last_post_at=now)
    thread.refresh_from_db(fields=["post_count", "last_post_at"])
    transaction.on_commit(lambda: tell_each_post(post))
    return post


def _recount(thread: Thread) -> None:
    """Keep the thread's count and latest time to its shown posts."""
    shown = thread.posts.filter(hidden_at__isnull=True)
    latest = shown.aggregate(latest=Max("posted_at"))["latest"] or thread.created_at
    Thread.objects.filter(pk=thread.pk).update(post_count=shown.count(), last_post_at=latest)
    thread.refresh_from_db(fields=["post_count", "last_post_at"])


def post_link(post: Post) -> str:
    return settings.SITE_URL + reverse("network:thread", args=[post.thread_id])


def tell_each_post(post: Post) -> int:
    """Email the group's members who chose an email for each post (not its author)."""
    thread = post.thread
    members = (
        Membership.objects.filter(group_id=thread.group_id, notify=Notify.EACH_POST)
        .exclude(member_id=post.author_id)
        .values_list("member__email", flat=True)
    )
    context = {"post": post, "thread": thread, "group": thread.group, "link": post_link(post)}
    messages = [
        templated(to=email, template="network/groups/emails/post.txt", context=context)
        for email in members
    ]
    return _send_in_batches(messages)


def _send_in_batches(messages) -> int:
    return sum(
        send_all(messages[start : start + MAIL_BATCH])
        for start in range(0, len(messages), MAIL_BATCH)
    )


# Moderation by the team


@transaction.atomic
def hide_post(*, post: Post, by, reason: str, now=None) -> Post:
    post.hidden_at = now or timezone.now()
    post.hidden_by = by
    post.hidden_reason = reason
    post._change_reason = f"Hidden: {reason}"
    post._history_user = by
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _recount(post.thread)
    return post


@transaction.atomic
def unhide_post(*, post: Post, by) -> Post:
    if post.hidden_at is None:
        return post
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post._change_reason = "Shown again"
    post._history_user = by
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _recount(post.thread)
    return post


def report_post(*, post: Post, reporter, reason: str, now=None) -> Report:
    return Report.objects.create(
        post=post, reporter=reporter, reason=reason, reported_at=now or timezone.now()
    )


def open_reports():
    return Report.objects.select_related(
        "reporter", "message__sender", "post__author", "post__thread__group", "resolved_by"
    ).order_by("resolved_at", "-reported_at", "-pk")


def resolve_report(*, report: Report, by, now=None) -> Report:
    if report.resolved_at is None:
        report.resolved_at = now or timezone.now()
        report.resolved_by = by
        report.save(update_fields=["resolved_at", "resolved_by"])
    return report


# Digests


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def send_digests(*, kind: str, now: datetime.datetime) -> int:
    """Email each member who chose this digest the new threads and posts in their groups over
    the last whole period, once a member a period however often it runs (`DigestSent`).
    Members with nothing new get nothing. Emails go in batches over one connection each.
    How many were sent."""
    starts, ends = digest_period(kind, timezone.localdate(now))
    followed: dict[int, set[int]] = defaultdict(set)
    already = DigestSent.objects.filter(kind=kind, period_starts=starts).values("member_id")
    for member_id, group_id in (
        Membership.objects.filter(notify=kind)
        .exclude(member_id__in=already)
        .values_list("member_id", "group_id")
    ):
        followed[member_id].add(group_id)
    if not followed:
        return 0
    since, until = _local_midnight(starts), _local_midnight(ends)
    group_ids = set().union(*followed.values())
    rows = Post.objects.filter(
        thread__group_id__in=group_ids,
        posted_at__gte=since,
        posted_at__lt=until,
        hidden_at__isnull=True,
    ).values_list("thread__group_id", "thread_id", "author_id", "thread__created_at")
    activity = [
        Activity(group_id, thread_id, author_id, created_at >= since)
        for group_id, thread_id, author_id, created_at in rows
    ]
    if not activity:
        return 0
    active_groups = {item.group_id for item in activity}
    threads = {
        thread.pk: thread
        for thread in Thread.objects.filter(pk__in={item.thread_id for item in activity})
    }
    groups = {group.pk: group for group in Group.objects.filter(pk__in=active_groups)}
    emails = dict(
        User.objects.filter(group_memberships__notify=kind).values_list("pk", "email").distinct()
    )
    by_group: dict[int, list[Activity]] = defaultdict(list)
    for item in activity:
        by_group[item.group_id].append(item)
    authors = {item.author_id for item in activity}

    def written(active: frozenset, member_id: int | None):
        """The digest's subject and body: one for all who follow the same active groups and
        wrote nothing in them (most members), so 5,000 members need few renderings."""
        items = [item for group_id in active for item in by_group[group_id]]
        lines = digest_lines(items, group_ids=set(active), member_id=member_id or 0)
        if not lines:
            return None
        sections = [
            {
                "group": groups[group_id],
                "threads": [
                    {
                        "thread": threads[line.thread_id],
                        "new": line.new_thread,
                        "posts": line.posts,
                        "link": settings.SITE_URL
                        + reverse("network:thread", args=[line.thread_id]),
                    }
                    for line in group_lines
                ],
            }
            for group_id, group_lines in sorted(lines.items(), key=lambda kv: groups[kv[0]].name)
        ]
        message = templated(
            to=[],
            template="network/groups/emails/digest.txt",
            context={
                "daily": kind == Notify.DAILY,
                "starts": starts,
                "ends": ends - datetime.timedelta(days=1),
                "sections": sections,
                "link": settings.SITE_URL + reverse("network:groups"),
            },
        )
        return message.subject, message.body

    rendered: dict[tuple, tuple[str, str] | None] = {}
    messages, sent = [], []
    for member_id in sorted(followed):
        active = frozenset(followed[member_id] & active_groups)
        if not active:
            continue
        key = (active, member_id if member_id in authors else None)
        if key not in rendered:
            rendered[key] = written(*key)
        if rendered[key] is None:
            continue
        subject, body = rendered[key]
        messages.append(EmailMessage(subject, body, None, [emails[member_id]]))
        sent.append(DigestSent(member_id=member_id, kind=kind, period_starts=starts, sent_at=now))
    # Recorded before sending: a failed send is not sent twice by the next run.
    DigestSent.objects.bulk_create(sent, ignore_conflicts=True)
    return _send_in_batches(messages)


def send_daily_digests(*, now: datetime.datetime) -> int:
    return send_digests(kind=Notify.DAILY, now=now)


def send_weekly_digests(*, now: datetime.datetime) -> int:
    return send_digests(kind=Notify.WEEKLY, now=now)
