"""Groups for the tests: members of a region's group, a thread with its posts."""

import datetime

from tests.factories import RoleAssignmentFactory, UserFactory
from upon.accounts.models import Role
from upon.network import groups
from upon.network.models import Group, GroupKind, Membership, Notify

LONDON = "E12000007"


def region_group(region: str = LONDON) -> Group:
    groups.open_groups()
    return Group.objects.get(kind=GroupKind.REGION, region=region)


def topic_group(topic: str = "finance") -> Group:
    groups.open_groups()
    return Group.objects.get(kind=GroupKind.TOPIC, topic=topic)


def alumnus(full_name: str, **fields):
    """A member of the network: an alumnus of a programme."""
    return RoleAssignmentFactory(
        role=Role.ALUMNUS,
        user=UserFactory(full_name=full_name, **fields),
    ).user


def joined(group: Group, person, notify: str = Notify.WEEKLY) -> Membership:
    membership = groups.join(group=group, member=person)
    membership.notify = notify
    membership.save(update_fields=["notify"])
    return membership


def thread_with(group: Group, author, *, replies=(), title="Budgets", at=None):
    """A thread opened by `author` at `at`, then each (person, body) in `replies` a minute
    apart."""
    at = at or datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)
    thread = groups.start_thread(group=group, author=author, title=title, body="Opening", now=at)
    for minutes, (person, body) in enumerate(replies, start=1):
        groups.reply(
            thread=thread, author=person, body=body, now=at + datetime.timedelta(minutes=minutes)
        )
    thread.refresh_from_db()
    return thread
