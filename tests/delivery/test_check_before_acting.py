"""Confirming completion and publishing the timetable go through a page that says exactly what
will happen and to how many people; the old one-click post does nothing without it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import ParticipantFactory, SessionFactory
from upon.delivery.models import Attendance, Participant, Session, SessionKind


def _held(cohort, kind, days_ago):
    starts = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    return SessionFactory(
        cohort=cohort, kind=kind, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )


@pytest.fixture
def ready(cohort, stopped_clock):
    """A one-day rule, the day held: Ada and Ben were there and have met it; Cy was not."""
    cohort.taught_days_total, cohort.taught_days_required = 1, 1
    cohort.save()
    day = _held(cohort, SessionKind.TAUGHT_DAY, 10)
    people = [
        ParticipantFactory(cohort=cohort, user__full_name=name) for name in ("Ada", "Ben", "Cy")
    ]
    for person in people[:2]:
        Attendance.objects.create(session=day, participant=person, status="present")
    return people


def statuses():
    return dict(Participant.objects.values_list("user__full_name", "status"))


def test_the_check_page_names_who_will_be_confirmed_and_what_happens(client, team, cohort, ready):
    client.force_login(team)
    response = client.get(reverse("delivery:confirm_completion", args=[cohort.pk]))
    content = response.content.decode()
    assert "You are confirming completion for 2 people:" in content
    assert "<li>Ada</li>" in content and "<li>Ben</li>" in content and "Cy" not in content
    assert "emailed a link to download their certificate" in content
    assert "You cannot undo this." in content
    ada, ben, _ = ready
    assert f'name="checked" value="{ada.pk},{ben.pk}"' in content
    assert "Confirm completion for 2 people" in content
    assert set(statuses().values()) == {"active"}


def test_the_old_one_click_post_confirms_nobody(client, team, cohort, ready):
    client.force_login(team)
    url = reverse("delivery:confirm_completion", args=[cohort.pk])
    response = client.post(url)
    assert response.status_code == 302 and response.url == url
    assert set(statuses().values()) == {"active"}


def test_confirming_from_the_check_page_confirms_exactly_who_it_showed(
    client, team, cohort, ready, django_capture_on_commit_callbacks
):
    ada, ben, _ = ready
    client.force_login(team)
    url = reverse("delivery:confirm_completion", args=[cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"checked": f"{ada.pk},{ben.pk}"})
    assert response.url == reverse("delivery:team_progress", args=[cohort.pk])
    assert statuses() == {"Ada": "completed", "Ben": "completed", "Cy": "active"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ada.user.email, ben.user.email])


def test_someone_new_since_the_page_was_opened_stops_it_and_shows_the_page_again(
    client, team, cohort, ready
):
    ada, _, _ = ready
    client.force_login(team)
    url = reverse("delivery:confirm_completion", args=[cohort.pk])
    response = client.post(url, {"checked": str(ada.pk)})
    assert response.status_code == 409
    content = response.content.decode()
    assert "This has changed since you opened the page, so nothing has been done." in content
    assert "You are confirming completion for 2 people:" in content
    assert set(statuses().values()) == {"active"}


def test_the_check_page_is_for_the_cohorts_team_only(
    client, other_team, facilitator, participant, cohort, ready
):
    url = reverse("delivery:confirm_completion", args=[cohort.pk])
    checked = {"checked": ",".join(str(p.pk) for p in ready[:2])}
    client.force_login(other_team)
    assert client.get(url).status_code == 404
    assert client.post(url, checked).status_code == 404
    for person in (facilitator, participant.user):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, checked).status_code == 403
    assert set(statuses().values()) == {"active"}


# Publishing the timetable.


@pytest.fixture
def drafts(cohort, facilitator, stopped_clock):
    """Two unpublished sessions, one run by Fran; Pat and Quinn take part."""
    ParticipantFactory(cohort=cohort, user__full_name="Pat")
    ParticipantFactory(cohort=cohort, user__full_name="Quinn")
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    sessions = [
        SessionFactory(
            cohort=cohort,
            title=f"Taught day {n}",
            published=False,
            starts_at=starts + datetime.timedelta(days=n),
            ends_at=starts + datetime.timedelta(days=n, hours=6),
        )
        for n in (1, 2)
    ]
    sessions[0].facilitators.add(facilitator)
    return sessions


def test_the_publish_page_lists_the_sessions_and_who_is_emailed(client, team, cohort, drafts):
    client.force_login(team)
    content = client.get(reverse("delivery:publish", args=[cohort.pk])).content.decode()
    assert "You are publishing 2 sessions:" in content
    assert "Taught day 1" in content and "Taught day 2" in content
    assert "2 participants and 1 facilitator will be emailed" in content
    assert f'name="checked" value="{drafts[0].pk},{drafts[1].pk}"' in content
    assert "Publish 2 sessions" in content
    assert set(Session.objects.values_list("published", flat=True)) == {False}


def test_the_old_one_click_publish_publishes_nothing(client, team, cohort, drafts):
    client.force_login(team)
    url = reverse("delivery:publish", args=[cohort.pk])
    response = client.post(url)
    assert response.status_code == 302 and response.url == url
    assert set(Session.objects.values_list("published", flat=True)) == {False}
    assert mail.outbox == []


def test_publishing_from_the_check_page(
    client, team, cohort, drafts, django_capture_on_commit_callbacks
):
    client.force_login(team)
    url = reverse("delivery:publish", args=[cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"checked": f"{drafts[0].pk},{drafts[1].pk}"})
    assert response.url == reverse("delivery:timetable", args=[cohort.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "2 sessions published. Participants and facilitators have been emailed."
    ]
    assert set(Session.objects.values_list("published", flat=True)) == {True}
    assert len(mail.outbox) == 3


def test_a_session_added_since_the_page_was_opened_stops_publishing(client, team, cohort, drafts):
    client.force_login(team)
    url = reverse("delivery:publish", args=[cohort.pk])
    response = client.post(url, {"checked": str(drafts[0].pk)})
    assert response.status_code == 409
    assert "You are publishing 2 sessions:" in response.content.decode()
    assert set(Session.objects.values_list("published", flat=True)) == {False}


def test_with_nothing_to_publish_the_page_sends_the_team_back(client, team, cohort):
    client.force_login(team)
    response = client.get(reverse("delivery:publish", args=[cohort.pk]))
    assert response.url == reverse("delivery:timetable", args=[cohort.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Every session is already published."
    ]


def test_publishing_is_for_the_cohorts_team_only(
    client, other_team, facilitator, participant, cohort, drafts
):
    url = reverse("delivery:publish", args=[cohort.pk])
    checked = {"checked": ",".join(str(s.pk) for s in drafts)}
    client.force_login(other_team)
    assert client.get(url).status_code == 404
    assert client.post(url, checked).status_code == 404
    for person in (facilitator, participant.user):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, checked).status_code == 403
    assert set(Session.objects.values_list("published", flat=True)) == {False}


# The check pages list people or sessions: their queries do not grow with them.


@pytest.mark.parametrize("count", [1, 3])
def test_the_completion_check_page_query_count_is_the_same_for_1_and_3_people(
    client, team, cohort, stopped_clock, django_assert_num_queries, count
):
    cohort.taught_days_total, cohort.taught_days_required = 1, 1
    cohort.save()
    day = _held(cohort, SessionKind.TAUGHT_DAY, 10)
    for _ in range(count):
        Attendance.objects.create(
            session=day, participant=ParticipantFactory(cohort=cohort), status="present"
        )
    client.force_login(team)
    url = reverse("delivery:confirm_completion", args=[cohort.pk])
    client.get(url)
    # session, user, roles, cohort, sessions still to come, participants, meetings per set,
    # attendance.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("<li>Person ") == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_publish_check_page_query_count_is_the_same_for_1_and_3_sessions(
    client, team, cohort, facilitator, stopped_clock, django_assert_num_queries, count
):
    ParticipantFactory(cohort=cohort)
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    for n in range(count):
        session = SessionFactory(
            cohort=cohort,
            title=f"Draft {n}",
            published=False,
            starts_at=starts + datetime.timedelta(days=n),
            ends_at=starts + datetime.timedelta(days=n, hours=6),
        )
        session.facilitators.add(facilitator)
    client.force_login(team)
    url = reverse("delivery:publish", args=[cohort.pk])
    client.get(url)
    # session, user, roles, cohort, unpublished sessions; who is told: the sessions, their
    # facilitators, the participants.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("<li>Draft ") == count
