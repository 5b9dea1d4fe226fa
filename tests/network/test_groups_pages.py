import datetime

import pytest

from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.network.factories_groups import alumnus, joined, region_group, thread_with
from upon.accounts.models import Role
from upon.network import groups
from upon.network.models import POST_MAX, Group, Membership, Notify, Post, Report, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    cohort = CohortFactory(name="North 2026 cohort")
    ParticipantFactory(cohort=cohort, user__full_name="Ann Owner")
    ParticipantFactory(cohort=cohort, user__full_name="Bob Classmate")
    groups.sync_all_cohort_groups(now=datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    return cohort


@pytest.fixture
def ann(cohort):
    return cohort.participants.get(user__full_name="Ann Owner").user


@pytest.fixture
def bob(cohort):
    return cohort.participants.get(user__full_name="Bob Classmate").user


@pytest.fixture
def group(cohort):
    return groups.cohort_group(cohort)


@pytest.fixture
def team():
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, user__full_name="Tess Team").user


@pytest.fixture
def stranger():
    """A participant of another cohort."""
    return ParticipantFactory(user__full_name="Sid Stranger").user


@pytest.fixture
def thread(group, ann, bob):
    return thread_with(group, ann, title="Our residential", replies=[(bob, "See you there")])


def page(client, person, url):
    client.force_login(person)
    return client.get(url)


# Who reads a cohort's group


def test_the_cohorts_people_and_the_team_read_its_group_others_find_nothing(
    client, group, thread, ann, bob, team, stranger
):
    url = f"/network/groups/{group.pk}/"
    for person in (ann, bob, team):
        response = page(client, person, url)
        assert response.status_code == 200
        assert [t.title for t in response.context["page"]] == ["Our residential"]
    assert page(client, stranger, url).status_code == 404
    assert page(client, alumnus("Alf Alumnus"), url).status_code == 404
    assert page(client, UserFactory(), url).status_code == 403
    assert page(client, stranger, f"/network/groups/threads/{thread.pk}/").status_code == 404


def test_the_groups_page_lists_ones_groups_and_those_to_join(client, group, ann):
    response = page(client, ann, "/network/groups/")
    assert [g.name for g in response.context["mine"]] == ["North 2026 cohort"]
    others = [g.name for g in response.context["others"]]
    assert len(others) == 9 + 12 and "London" in others and "Youth justice" in others


def counts() -> tuple[int, int, int]:
    return Group.objects.count(), Membership.objects.count(), Thread.objects.count()


def test_reading_the_groups_pages_writes_nothing_before_the_job_has_run(client):
    """A new cohort: its group made, its people's memberships not yet, nor the region and topic
    groups. Its person sees their cohort's group and their emails as they will be; nothing is
    written until the scheduled job runs (or they choose their emails)."""
    cohort = CohortFactory(name="South 2027 cohort")
    cara = ParticipantFactory(cohort=cohort, user__full_name="Cara New").user
    group = groups.cohort_group(cohort)
    thread_with(group, cara, title="Hello all")
    before = counts()
    client.force_login(cara)
    listed = client.get("/network/groups/")
    shown = client.get(f"/network/groups/{group.pk}/")
    chosen = client.get(f"/network/groups/{group.pk}/notifications/")
    thread = client.get(f"/network/groups/threads/{Thread.objects.get().pk}/")
    assert counts() == before == (1, 0, 1)
    assert [g.name for g in listed.context["mine"]] == ["South 2027 cohort"]
    assert listed.context["others"] == []
    assert "You get a weekly digest." in shown.content.decode()
    assert shown.context["may_post"] is True
    assert chosen.context["form"].initial == {"notify": "weekly"}
    assert thread.status_code == 200
    # The hourly job makes the region and topic groups and the membership.
    groups.sync_all_cohort_groups(now=datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    assert counts() == (1 + 9 + 12, 1, 1)
    assert len(client.get("/network/groups/").context["others"]) == 9 + 12


def test_the_team_reading_the_groups_writes_nothing(client, team):
    cohort = CohortFactory()
    ParticipantFactory(cohort=cohort)
    group = groups.cohort_group(cohort)
    before = counts()
    client.force_login(team)
    assert [g.pk for g in client.get("/network/groups/").context["others"]] == [group.pk]
    assert client.get(f"/network/groups/{group.pk}/").status_code == 200
    assert counts() == before


def test_the_team_sees_every_group(client, group, team):
    response = page(client, team, "/network/groups/")
    assert response.context["mine"] == []
    assert len(response.context["others"]) == 1 + 9 + 12


# Threads and replies


def test_a_member_starts_a_thread_and_what_they_type_is_shown_as_text(client, group, ann):
    client.force_login(ann)
    response = client.post(
        f"/network/groups/{group.pk}/threads/new/",
        {"title": "<script>alert(1)</script>", "body": "Hello <b>all</b>"},
    )
    thread = Thread.objects.get()
    assert response.url == f"/network/groups/threads/{thread.pk}/"
    assert (thread.title, thread.post_count, thread.author) == ("<script>alert(1)</script>", 1, ann)
    content = client.get(response.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content
    assert "Hello &lt;b&gt;all&lt;/b&gt;" in content


def test_an_empty_or_too_long_thread_is_refused_next_to_the_field_keeping_what_was_typed(
    client, group, ann
):
    client.force_login(ann)
    response = client.post(
        f"/network/groups/{group.pk}/threads/new/", {"title": "  ", "body": "x" * (POST_MAX + 1)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title": ["Enter a title"],
        "body": [f"Your post must be {POST_MAX:,} characters or fewer"],
    }
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "x" * (POST_MAX + 1) in content
    assert Thread.objects.count() == 0


def test_a_member_replies_and_an_empty_reply_is_refused(client, thread, bob):
    client.force_login(bob)
    response = client.post(f"/network/groups/threads/{thread.pk}/reply/", {"body": "Me too"})
    assert response.url == f"/network/groups/threads/{thread.pk}/"
    thread.refresh_from_db()
    assert thread.post_count == 3
    assert list(thread.posts.values_list("body", flat=True)) == [
        "Opening",
        "See you there",
        "Me too",
    ]
    response = client.post(f"/network/groups/threads/{thread.pk}/reply/", {"body": ""})
    assert response.context["form"].errors == {"body": ["Enter your reply"]}
    assert thread.posts.count() == 3


def test_the_team_reads_but_does_not_post_in_a_group(client, thread, team):
    client.force_login(team)
    response = client.post(f"/network/groups/threads/{thread.pk}/reply/", {"body": "Hello"})
    assert response.status_code == 403
    assert "Post reply" not in client.get(f"/network/groups/threads/{thread.pk}/").content.decode()


def test_a_member_joins_a_region_group_to_post_and_may_leave(client):
    london = region_group()
    ann, bob = alumnus("Ann Alumna"), alumnus("Bob Alumnus")
    thread = thread_with(london, joined(london, ann).member)
    client.force_login(bob)
    assert client.get(f"/network/groups/threads/{thread.pk}/").status_code == 200
    reply = f"/network/groups/threads/{thread.pk}/reply/"
    assert client.post(reply, {"body": "Hi"}).status_code == 403
    assert client.post(f"/network/groups/{london.pk}/join/").url == f"/network/groups/{london.pk}/"
    assert client.post(reply, {"body": "Hi"}).status_code == 302
    assert client.post(f"/network/groups/{london.pk}/leave/").url == "/network/groups/"
    assert not Membership.objects.filter(group=london, member=bob).exists()


def test_a_member_chooses_how_to_hear_about_new_posts(client, group, ann, bob):
    client.force_login(ann)
    url = f"/network/groups/{group.pk}/notifications/"
    response = client.get(url)
    assert response.context["form"].initial == {"notify": "weekly"}
    assert 'type="radio"' in response.content.decode()
    response = client.post(url, {"notify": "nonsense"})
    assert list(response.context["form"].errors) == ["notify"]
    assert client.post(url, {"notify": "each_post"}).url == f"/network/groups/{group.pk}/"
    assert Membership.objects.get(group=group, member=ann).notify == Notify.EACH_POST
    assert Membership.objects.get(group=group, member=bob).notify == Notify.WEEKLY


# Moderation


def test_a_member_reports_a_post_and_the_team_resolves_the_report(client, thread, ann, team):
    reply = thread.posts.get(body="See you there")
    client.force_login(ann)
    url = f"/network/groups/posts/{reply.pk}/report/"
    assert client.post(url, {"reason": ""}).context["form"].errors == {
        "reason": ["Enter why you are reporting this post"]
    }
    assert client.post(url, {"reason": "Rude"}).url == f"/network/groups/threads/{thread.pk}/"
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason) == (reply, ann, "Rude")
    # One's own post is not reported.
    own = thread.posts.get(body="Opening")
    assert client.get(f"/network/groups/posts/{own.pk}/report/").status_code == 403

    client.force_login(team)
    content = client.get("/network/team/reports/").content.decode()
    assert "See you there" in content and "Rude" in content
    response = client.post(f"/network/team/reports/{report.pk}/resolve/")
    assert response.url == "/network/team/reports/"
    report.refresh_from_db()
    assert report.resolved_by == team and report.resolved_at is not None


def test_the_team_hides_a_post_with_a_reason_and_members_see_only_that_it_was_hidden(
    client, thread, ann, bob, team
):
    reply = thread.posts.get(body="See you there")
    client.force_login(team)
    url = f"/network/team/groups/posts/{reply.pk}/hide/"
    assert client.post(url, {"reason": ""}).context["form"].errors == {
        "reason": ["Enter why you are hiding this post"]
    }
    assert client.post(url, {"reason": "Not kind"}).url == f"/network/groups/threads/{thread.pk}/"
    reply.refresh_from_db()
    assert (reply.hidden_by, reply.hidden_reason) == (team, "Not kind")
    team_view = client.get(f"/network/groups/threads/{thread.pk}/").content.decode()
    assert "This post was hidden by the programme team." in team_view
    assert "See you there" in team_view and "Not kind" in team_view

    member_view = page(client, ann, f"/network/groups/threads/{thread.pk}/").content.decode()
    assert "This post was hidden by the programme team." in member_view
    assert "See you there" not in member_view and "Not kind" not in member_view
    assert page(client, ann, url).status_code == 403

    client.force_login(team)
    client.post(f"/network/team/groups/posts/{reply.pk}/show/")
    reply.refresh_from_db()
    assert reply.hidden_at is None
    thread.refresh_from_db()
    assert thread.post_count == 2


# Query counts


@pytest.mark.parametrize("count", [1, 3])
def test_the_group_page_queries_do_not_grow_with_threads(
    client, group, ann, count, django_assert_num_queries
):
    for number in range(count):
        thread_with(group, ann, title=f"Thread {number}")
    client.force_login(ann)
    # Session, user, roles; the group; is a cohort person; the membership; count; threads.
    with django_assert_num_queries(8):
        response = client.get(f"/network/groups/{group.pk}/")
    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_thread_page_queries_do_not_grow_with_posts(
    client, group, ann, bob, count, django_assert_num_queries
):
    thread = thread_with(group, ann, replies=[(bob, f"Reply {n}") for n in range(count - 1)])
    client.force_login(bob)
    # Session, user, roles; the thread; is a cohort person; count; posts.
    with django_assert_num_queries(7):
        response = client.get(f"/network/groups/threads/{thread.pk}/")
    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_groups_page_queries_do_not_grow_with_groups(
    client, ann, group, count, django_assert_num_queries
):
    for region in ["E12000001", "E12000002", "E12000003"][: count - 1]:
        joined(region_group(region), ann)
    client.force_login(ann)
    # Session, user, roles; mine (joined, or their cohorts'); others. Nothing written.
    with django_assert_num_queries(5):
        response = client.get("/network/groups/")
    assert len(response.context["mine"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_reports_page_queries_do_not_grow_with_reports(
    client, thread, ann, team, count, django_assert_num_queries
):
    post = thread.posts.get(body="See you there")
    for number in range(count):
        groups.report_post(post=post, reporter=ann, reason=f"Reason {number}")
    client.force_login(team)
    # Session, user, roles; count; reports with their posts and people.
    with django_assert_num_queries(5):
        response = client.get("/network/team/reports/")
    assert len(response.context["page"]) == count


def test_a_thread_of_200_replies_is_shown_20_a_page(client, group, ann, bob):
    thread = thread_with(group, ann)
    start = datetime.datetime(2026, 6, 2, tzinfo=datetime.UTC)
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=bob,
            body=f"Reply {n}",
            posted_at=start + datetime.timedelta(minutes=n),
        )
        for n in range(200)
    )
    client.force_login(bob)
    response = client.get(f"/network/groups/threads/{thread.pk}/?page=11")
    assert [p.body for p in response.context["page"]][-1] == "Reply 199"
    assert response.context["page"].paginator.num_pages == 11


def test_a_thread_a_reply_and_a_report_sent_twice_are_saved_once(client, group, thread, ann):
    client.force_login(ann)
    token = "3f2b8a9e-1c4d-4e5f-8a6b-7c8d9e0f1a2b"
    for _ in range(2):
        client.post(
            f"/network/groups/{group.pk}/threads/new/",
            {"title": "Twice", "body": "Once", "submission": token},
        )
    assert Thread.objects.filter(title="Twice").count() == 1
    for _ in range(2):
        client.post(
            f"/network/groups/threads/{thread.pk}/reply/",
            {"body": "Only once", "submission": "4f2b8a9e-1c4d-4e5f-8a6b-7c8d9e0f1a2b"},
        )
    assert thread.posts.filter(body="Only once").count() == 1
    thread.refresh_from_db()
    assert thread.post_count == 3
    reply = thread.posts.get(body="See you there")
    for _ in range(2):
        client.post(
            f"/network/groups/posts/{reply.pk}/report/",
            {"reason": "Rude", "submission": "5f2b8a9e-1c4d-4e5f-8a6b-7c8d9e0f1a2b"},
        )
    assert Report.objects.count() == 1
