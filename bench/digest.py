"""Bench: the weekly group digest for 5,000 members (`digest_5000_s`, target under 30 s).

A fresh SQLite database (migrated in a child process, so this bench binds no database of the
runner's): 5,000 alumni, each in their region's group (nine groups) with the weekly digest;
in last week, 20 threads a group with 10 replies each (1,980 posts). `digest_5000_s` is the
time `send_weekly_digests` takes to write and hand over every member's email (Django's
in-memory mail backend, in batches over one connection each), `digest_5000_sent` how many it
sent (every member: 5,000) and `digest_5000_second_run` how many a second run sends (0).
"""

import datetime
import json
import sys
import time
from pathlib import Path

from _fresh import in_fresh_sqlite

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {"digest_5000_s": 30.0, "digest_5000_sent": 5000, "digest_5000_second_run": 0}
MEMBERS = 5000
THREADS_PER_GROUP = 20
REPLIES = 10


def measure() -> dict:
    return in_fresh_sqlite(__file__, "digest")


def _child() -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.utils import timezone

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    call_command("migrate", verbosity=0)

    from upon.accounts.models import Role, RoleAssignment, User
    from upon.network import groups
    from upon.network.models import Group, GroupKind, Membership, Post, Thread
    from upon.programmes.models import Programme

    programme = Programme.objects.first() or Programme.objects.create(
        name="Bench programme", slug="bench-programme", summary="Bench"
    )
    groups.open_groups()
    regions = list(Group.objects.filter(kind=GroupKind.REGION).order_by("pk"))
    users = User.objects.bulk_create(
        User(email=f"member{n}@example.org", full_name=f"Member {n}") for n in range(MEMBERS)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=Role.ALUMNUS, programme=programme) for user in users
    )
    Membership.objects.bulk_create(
        Membership(group=regions[n % len(regions)], member=user, notify="weekly")
        for n, user in enumerate(users)
    )
    now = timezone.make_aware(datetime.datetime(2026, 6, 3, 7))
    last_week = now - datetime.timedelta(days=7)
    posts = []
    for g, group in enumerate(regions):
        for t in range(THREADS_PER_GROUP):
            at = last_week + datetime.timedelta(minutes=t)
            thread = Thread.objects.create(
                group=group,
                author=users[g],
                title=f"Thread {t} in {group.name}",
                created_at=at,
                last_post_at=at,
                post_count=REPLIES + 1,
            )
            posts += [
                Post(
                    thread=thread,
                    author=users[(g + 9 * r) % MEMBERS],
                    body=f"Post {r}",
                    posted_at=at + datetime.timedelta(seconds=r),
                )
                for r in range(REPLIES + 1)
            ]
    Post.objects.bulk_create(posts)

    start = time.perf_counter()
    sent = groups.send_weekly_digests(now=now)
    seconds = time.perf_counter() - start
    again = groups.send_weekly_digests(now=now)
    return {
        "digest_5000_s": round(seconds, 2),
        "digest_5000_sent": sent,
        "digest_5000_second_run": again,
    }


if __name__ == "__main__" and "--child" in sys.argv:
    print(json.dumps(_child()))
