import datetime
import zoneinfo

import pytest
from django.conf import settings

from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.network.factories_groups import alumnus, joined, region_group, thread_with
from upon.accounts.models import Role
from upon.delivery.models import ParticipantStatus
from upon.network import groups
from upon.network.algorithms.groups import Activity, ThreadLine, digest_lines, digest_period
from upon.network.models import DigestSent, Group, GroupKind, Membership, Notify

pytestmark = pytest.mark.django_db
LONDON_TZ = zoneinfo.ZoneInfo("Europe/London")


def members_of(group):
    return sorted(group.memberships.values_list("member__full_name", flat=True))


# The pure part


def test_a_daily_digest_covers_yesterday_and_a_weekly_one_the_last_whole_week():
    wednesday = datetime.date(2026, 6, 3)
    assert digest_period("daily", wednesday) == (datetime.date(2026, 6, 2), wednesday)
    assert digest_period("weekly", wednesday) == (
        datetime.date(2026, 5, 25),
        datetime.date(2026, 6, 1),
    )
    monday = datetime.date(2026, 6, 1)
    assert digest_period("weekly", monday) == (datetime.date(2026, 5, 25), monday)


def test_digest_lines_leave_out_the_members_own_posts_and_groups_they_do_not_follow():
    activity = [
        Activity(group_id=1, thread_id=10, author_id=7, opens_thread=True),
        Activity(group_id=1, thread_id=10, author_id=8, opens_thread=True),
        Activity(group_id=1, thread_id=11, author_id=9, opens_thread=False),
        Activity(group_id=2, thread_id=20, author_id=8, opens_thread=True),
    ]
    assert digest_lines(activity, group_ids={1}, member_id=7) == {
        1: [ThreadLine(10, True, 1), ThreadLine(11, False, 1)]
    }
    assert digest_lines(activity, group_ids={1, 2}, member_id=9) == {
        1: [ThreadLine(10, True, 2)],
        2: [ThreadLine(20, True, 1)],
    }


# Cohort groups


def test_a_cohorts_group_is_its_people_but_those_withdrawn_and_made_once():
    cohort = CohortFactory(name="North 2026 cohort")
    ParticipantFactory(cohort=cohort, user__full_name="Ann Active")
    ParticipantFactory(
        cohort=cohort, user__full_name="Dan Deferred", status=ParticipantStatus.DEFERRED
    )
    withdrawn = ParticipantFactory(cohort=cohort, user__full_name="Will Withdrawn")

    assert groups.sync_cohort_memberships(cohort) == 3
    group = groups.cohort_group(cohort)
    assert (group.kind, group.name) == (GroupKind.COHORT, "North 2026 cohort")
    assert members_of(group) == ["Ann Active", "Dan Deferred", "Will Withdrawn"]

    withdrawn.status = ParticipantStatus.WITHDRAWN
    withdrawn.save(update_fields=["status"])
    assert groups.sync_cohort_memberships(cohort) == 1
    assert members_of(group) == ["Ann Active", "Dan Deferred"]
    assert groups.sync_cohort_memberships(cohort) == 0
    assert Group.objects.filter(cohort=cohort).count() == 1


def test_the_scheduled_job_keeps_every_cohort_group_in_step_and_a_second_run_does_nothing():
    first, second = CohortFactory(), CohortFactory()
    ParticipantFactory(cohort=first, user__full_name="Ann Active")
    ParticipantFactory(cohort=second, user__full_name="Bea Second")
    now = datetime.datetime(2026, 6, 1, 12, tzinfo=LONDON_TZ)
    # The 9 region and 12 topic groups, and a membership in each cohort's group.
    assert groups.sync_all_cohort_groups(now=now) == 9 + 12 + 2
    assert groups.sync_all_cohort_groups(now=now) == 0
    assert members_of(first.network_group) == ["Ann Active"]
    assert members_of(second.network_group) == ["Bea Second"]


def test_a_cohorts_group_is_not_joined_or_left_by_choice():
    cohort = CohortFactory()
    place = ParticipantFactory(cohort=cohort)
    group = groups.cohort_group(cohort)
    with pytest.raises(groups.CannotJoin):
        groups.join(group=group, member=UserFactory())
    with pytest.raises(groups.CannotJoin):
        groups.leave(group=group, member=place.user)


def test_one_region_group_and_one_topic_group_each_made_once():
    assert groups.open_groups() == 9 + 12
    assert groups.open_groups() == 0
    assert Group.objects.filter(kind=GroupKind.REGION).count() == 9
    assert Group.objects.filter(kind=GroupKind.TOPIC).count() == 12
    assert region_group().name == "London"


# Threads and posts


def test_posts_keep_the_threads_count_and_latest_time_and_hiding_takes_one_off():
    group = region_group()
    ann, bob = alumnus("Ann Alumna"), alumnus("Bob Alumnus")
    thread = thread_with(group, ann, replies=[(bob, "Agreed"), (ann, "Thanks")])
    at = datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)
    assert (thread.post_count, thread.last_post_at) == (3, at + datetime.timedelta(minutes=2))

    last = thread.posts.order_by("-posted_at").first()
    team = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, user__full_name="Tess Team").user
    groups.hide_post(post=last, by=team, reason="Personal details", now=at)
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_post_at) == (3 - 1, at + datetime.timedelta(minutes=1))
    record = last.history.first()
    assert (record.hidden_reason, record.history_user, record.history_change_reason) == (
        "Personal details",
        team,
        "Hidden: Personal details",
    )

    groups.unhide_post(post=last, by=team)
    thread.refresh_from_db()
    last.refresh_from_db()
    assert (thread.post_count, last.hidden_at, last.hidden_reason) == (3, None, "")
    assert last.history.count() == 3  # made, hidden, shown again
    groups.unhide_post(post=last, by=team)
    assert last.history.count() == 3


def test_each_post_emails_those_who_chose_each_post_but_not_its_author(
    mailoutbox, django_capture_on_commit_callbacks
):
    group = region_group()
    ann = alumnus("Ann Alumna", email="ann@example.org")
    bob = alumnus("Bob Alumnus", email="bob@example.org")
    cat = alumnus("Cat Weekly", email="cat@example.org")
    joined(group, ann, Notify.EACH_POST)
    joined(group, bob, Notify.EACH_POST)
    joined(group, cat, Notify.WEEKLY)
    thread = thread_with(group, ann)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        groups.reply(thread=thread, author=ann, body="<script>alert(1)</script> Budgets")
    [message] = mailoutbox
    assert message.to == ["bob@example.org"]
    assert message.subject == 'London: Ann Alumna wrote in "Budgets"'
    assert "<script>alert(1)</script> Budgets" in message.body
    assert f"{settings.SITE_URL}/network/groups/threads/{thread.pk}/\n" in message.body


# Digests


@pytest.fixture
def wednesday(time_machine):
    """Wednesday 3 June 2026, 7am UK time, the clock stopped."""
    at = datetime.datetime(2026, 6, 3, 7, tzinfo=LONDON_TZ)
    time_machine.move_to(at, tick=False)
    return at


def test_the_weekly_digest_lists_each_members_new_threads_and_posts_once_a_week(
    wednesday, mailoutbox
):
    group = region_group()
    ann = alumnus("Ann Alumna", email="ann@example.org")
    bob = alumnus("Bob Alumnus", email="bob@example.org")
    cat = alumnus("Cat Daily", email="cat@example.org")
    dee = alumnus("Dee Quiet", email="dee@example.org")
    joined(group, ann)
    joined(group, bob)
    joined(group, cat, Notify.DAILY)
    joined(group, dee, Notify.NONE)
    last_week = datetime.datetime(2026, 5, 27, 10, tzinfo=LONDON_TZ)
    thread_with(group, ann, title="Budget setting", replies=[(bob, "Same here")], at=last_week)
    # Before the week and in this week: neither in it.
    thread_with(group, bob, title="Old", at=last_week - datetime.timedelta(days=7))
    thread_with(group, bob, title="Too new", at=wednesday - datetime.timedelta(hours=1))
    hidden = thread_with(group, ann, title="Hidden", at=last_week).posts.get()
    groups.hide_post(post=hidden, by=bob, reason="Spam")
    mailoutbox.clear()

    assert groups.send_weekly_digests(now=wednesday) == 2
    by_address = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_address) == ["ann@example.org", "bob@example.org"]
    ann_mail = by_address["ann@example.org"]
    assert ann_mail.subject == "Your groups in the week from 25 May 2026"
    assert "- Budget setting (new thread): 1 new post\n" in ann_mail.body
    assert "from 25 May 2026 to 31 May 2026" in ann_mail.body
    assert "- Budget setting (new thread): 1 new post\n" in by_address["bob@example.org"].body
    for mail in mailoutbox:
        assert "Old" not in mail.body and "Too new" not in mail.body and "Hidden" not in mail.body
    assert set(DigestSent.objects.values_list("member__full_name", "kind", "period_starts")) == {
        ("Ann Alumna", "weekly", datetime.date(2026, 5, 25)),
        ("Bob Alumnus", "weekly", datetime.date(2026, 5, 25)),
    }

    mailoutbox.clear()
    assert groups.send_weekly_digests(now=wednesday + datetime.timedelta(hours=1)) == 0
    assert mailoutbox == []


def test_the_daily_digest_covers_yesterday_once(wednesday, mailoutbox):
    group = region_group()
    ann = alumnus("Ann Alumna", email="ann@example.org")
    cat = alumnus("Cat Daily", email="cat@example.org")
    joined(group, ann)
    joined(group, cat, Notify.DAILY)
    yesterday = datetime.datetime(2026, 6, 2, 23, 30, tzinfo=LONDON_TZ)
    thread_with(group, ann, title="Late night", replies=[(ann, "More")], at=yesterday)
    mailoutbox.clear()

    assert groups.send_daily_digests(now=wednesday) == 1
    [mail] = mailoutbox
    assert mail.to == ["cat@example.org"]
    assert mail.subject == "Your groups on 2 June 2026"
    assert "London\n- Late night (new thread): 2 new posts\n" in mail.body
    assert groups.send_daily_digests(now=wednesday) == 0
    assert len(mailoutbox) == 1


def test_a_cohorts_person_has_a_membership_to_read_before_the_job_makes_it():
    place = ParticipantFactory()
    group = groups.cohort_group(place.cohort)
    shown = groups.membership_of(group, place.user)
    assert (shown.pk, shown.member, shown.notify) == (None, place.user, Notify.WEEKLY)
    assert Membership.objects.filter(group=group).count() == 0
    assert groups.membership_of(group, UserFactory()) is None
    # Choosing how to hear of posts makes it.
    groups.set_notify(group=group, member=place.user, notify=Notify.DAILY)
    assert list(Membership.objects.values_list("member", "notify")) == [
        (place.user.pk, Notify.DAILY)
    ]
