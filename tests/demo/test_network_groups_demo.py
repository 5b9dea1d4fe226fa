"""Groups in the demo: the demo cohort's group has its people and threads, the London and
first-year groups theirs, all before today; the sign-ins find them."""

import pytest
from django.core.management import call_command

from demo.common import start_of_today
from demo.network_alumni import COHORT_YEARS
from tests.demo.invariants import assert_nothing_happened_after
from upon.delivery.models import Participant, ParticipantStatus
from upon.network.models import Group, GroupKind, Thread, Topic

pytestmark = pytest.mark.django_db


def test_the_demo_has_groups_with_threads_and_replies(authorities, client):
    call_command("seed_demo", verbosity=0, seed=7)

    # The participant sign-in's cohort's group (the alumni's past cohorts have theirs).
    cohort = Participant.objects.get(user__email="participant@upon.example").cohort
    cohort_group = Group.objects.get(kind=GroupKind.COHORT, cohort=cohort)
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
    # And the alumni's (demo/network_alumni.py): one in each topic group and each past cohort's.
    alumni_threads = Thread.objects.exclude(title__in=titles)
    topics = alumni_threads.filter(group__kind=GroupKind.TOPIC)
    assert sorted(topics.values_list("group__topic", flat=True)) == sorted(Topic.values)
    past = Group.objects.filter(kind=GroupKind.COHORT).exclude(pk=cohort_group.pk)
    assert past.count() == COHORT_YEARS
    assert sorted(alumni_threads.exclude(group__kind=GroupKind.TOPIC).values_list("group_id")) == (
        sorted(past.values_list("pk"))
    )
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
