"""Groups in the demo: the demo cohort's group has its people and threads, the London and
first-year groups theirs, all before today; the sign-ins find them."""

import pytest
from django.core.management import call_command

from demo.common import start_of_today
from tests.demo.invariants import assert_nothing_happened_after
from upon.delivery.models import ParticipantStatus
from upon.network.models import Group, GroupKind, Thread, Topic

pytestmark = pytest.mark.django_db


def test_the_demo_has_groups_with_threads_and_replies(authorities, client):
    call_command("seed_demo", verbosity=0, seed=7)

    cohort_group = Group.objects.get(kind=GroupKind.COHORT)
    people = cohort_group.cohort.participants.exclude(status=ParticipantStatus.WITHDRAWN)
    assert set(cohort_group.memberships.values_list("member_id", flat=True)) == set(
        people.values_list("user_id", flat=True)
    )
    assert Group.objects.filter(kind=GroupKind.REGION).count() == 9
    assert Group.objects.filter(kind=GroupKind.TOPIC).count() == 12
    sign_ins_threads = [
        (cohort_group.name, "Reading before the next taught day", 4),
        (cohort_group.name, "Action learning: sharing what worked", 2),
        ("London", "London directors' breakfast", 3),
        ("The first year as a director", "My first hundred days", 3),
    ]
    titles = [title for _group, title, _posts in sign_ins_threads]
    shown = Thread.objects.filter(title__in=titles)
    assert sorted(shown.values_list("group__name", "title", "post_count")) == sorted(
        sign_ins_threads
    )
    # And the alumni's (demo/network_alumni.py): one thread in each topic group.
    alumni_threads = Thread.objects.exclude(title__in=titles)
    assert sorted(alumni_threads.values_list("group__topic", flat=True)) == sorted(Topic.values)
    assert_nothing_happened_after(start_of_today())

    for email, group in [
        ("participant@upon.example", cohort_group.name),
        ("alumnus@upon.example", "London"),
        ("director@upon.example", "The first year as a director"),
    ]:
        from upon.accounts.models import User

        client.force_login(User.objects.get(email=email))
        mine = [g.name for g in client.get("/network/groups/").context["mine"]]
        assert group in mine
