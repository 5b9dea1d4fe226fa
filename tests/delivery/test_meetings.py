"""Action learning meetings belong to one set: planned per set, run by the set's facilitator,
seen only by its members; and a session that meets online is not published without a link."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import (
    ActionLearningSetFactory,
    ParticipantFactory,
    SessionFactory,
    VenueFactory,
)
from upon.delivery import calendars, meetings, sets
from upon.delivery import sessions as session_service
from upon.delivery.models import Mode, Session, SessionKind
from upon.recruitment.intakes import LONDON

pytestmark = pytest.mark.usefixtures("stopped_clock")


def soon(days, hour=10, minute=0):
    """`days` from today at this UK time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


@pytest.fixture
def kestrel(cohort, facilitator, participant):
    """Set Kestrel, run by Fran, with Pat in it."""
    the_set = ActionLearningSetFactory(cohort=cohort, name="Set Kestrel", facilitator=facilitator)
    participant.action_learning_set = the_set
    participant.save()
    return the_set


@pytest.fixture
def osprey(cohort, other_facilitator, other_participant):
    """Set Osprey, run by Ola, with Quinn in it."""
    the_set = ActionLearningSetFactory(
        cohort=cohort, name="Set Osprey", facilitator=other_facilitator
    )
    other_participant.action_learning_set = the_set
    other_participant.save()
    return the_set


def plan(the_set, days=7, **fields):
    fields = {"mode": Mode.VIRTUAL, "joining_link": "https://meet.example.com/k"} | fields
    return meetings.plan_meeting(
        action_learning_set=the_set, starts_at=soon(days), ends_at=soon(days, 13), **fields
    )


# ---------------------------------------------------------------------------------------------
# The rules


def test_a_meeting_is_the_sets_run_by_its_facilitator_and_unpublished(kestrel, facilitator):
    meeting = plan(kestrel, joining_details="Passcode 1234")
    assert (meeting.kind, meeting.action_learning_set, meeting.title) == (
        SessionKind.ACTION_LEARNING,
        kestrel,
        "Set Kestrel meeting",
    )
    assert list(meeting.facilitators.all()) == [facilitator]
    assert (meeting.mode, meeting.venue, meeting.joining_link, meeting.joining_details) == (
        Mode.VIRTUAL,
        None,
        "https://meet.example.com/k",
        "Passcode 1234",
    )
    assert meeting.published is False


def test_a_face_to_face_meeting_has_a_venue_and_no_link(cohort, kestrel):
    hall = VenueFactory(programme=cohort.intake.programme, name="Civic Hall")
    meeting = plan(kestrel, mode=Mode.IN_PERSON, venue=hall)
    assert (meeting.mode, meeting.venue, meeting.joining_link) == (Mode.IN_PERSON, hall, "")
    with pytest.raises(session_service.SessionRefused) as refused:
        plan(kestrel, days=8, mode=Mode.IN_PERSON)
    assert refused.value.problems == ["Select the venue for a face to face meeting"]
    with pytest.raises(session_service.SessionRefused):
        plan(kestrel, days=9, mode=Mode.HYBRID, venue=hall)


def test_a_meeting_when_the_facilitator_is_busy_is_refused(cohort, kestrel, facilitator):
    taught = SessionFactory(cohort=cohort, title="Taught day 3", starts_at=soon(7, 9))
    taught.facilitators.add(facilitator)
    with pytest.raises(session_service.SessionRefused) as refused:
        plan(kestrel)
    assert refused.value.problems[0].startswith(
        "Set Kestrel meeting: Fran Facilitator is already running Taught day 3"
    )
    assert not Session.objects.filter(kind=SessionKind.ACTION_LEARNING).exists()


def test_every_action_learning_meeting_has_a_set_and_no_other_session_has_one(cohort, kestrel):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(cohort=cohort, kind=SessionKind.ACTION_LEARNING, sequence_number=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(cohort=cohort, action_learning_set=kestrel)


def test_a_new_facilitator_runs_the_meetings_to_come_and_is_told(
    kestrel, facilitator, other_facilitator, participant, django_capture_on_commit_callbacks
):
    held = plan(kestrel, days=-7)
    coming = plan(kestrel, days=7)
    draft = plan(kestrel, days=21)
    Session.objects.filter(pk__in=[held.pk, coming.pk]).update(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        sets.set_facilitator(
            action_learning_set=kestrel, facilitator=other_facilitator, version=kestrel.version
        )
    for meeting in (held, coming, draft):
        meeting.refresh_from_db()
    assert list(held.facilitators.all()) == [facilitator]  # who ran it, for the record
    assert list(coming.facilitators.all()) == [other_facilitator]
    assert list(draft.facilitators.all()) == [other_facilitator]
    assert (held.ical_sequence, coming.ical_sequence, draft.ical_sequence) == (0, 1, 0)
    # Only the published meeting to come is news: to its set and its new facilitator.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [participant.user.email, other_facilitator.email]
    )
    assert {m.subject for m in mail.outbox} == {"Change to Set Kestrel meeting"}


def test_a_new_facilitator_busy_at_a_meeting_is_refused_whole(
    cohort, kestrel, facilitator, other_facilitator
):
    coming = plan(kestrel, days=7)
    elsewhere = SessionFactory(cohort=cohort, title="Taught day 4", starts_at=soon(7, 9))
    elsewhere.facilitators.add(other_facilitator)
    with pytest.raises(session_service.SessionRefused):
        sets.set_facilitator(
            action_learning_set=kestrel, facilitator=other_facilitator, version=kestrel.version
        )
    kestrel.refresh_from_db()
    assert kestrel.facilitator == facilitator
    assert list(coming.facilitators.all()) == [facilitator]


def test_only_the_sets_members_and_facilitator_have_its_meetings(
    kestrel, osprey, participant, other_participant, facilitator, other_facilitator
):
    ours, theirs = plan(kestrel), plan(osprey, days=8)
    Session.objects.update(published=True)
    assert list(calendars.sessions_for(participant)) == [ours]
    assert list(calendars.sessions_for(other_participant)) == [theirs]
    assert list(calendars.sessions_facilitated(facilitator)) == [ours]
    assert list(calendars.sessions_facilitated(other_facilitator)) == [theirs]


# ---------------------------------------------------------------------------------------------
# Publishing: a session that meets online needs its link first


def test_publishing_is_refused_while_a_session_online_has_no_link(
    cohort, kestrel, participant, django_capture_on_commit_callbacks
):
    taught = SessionFactory(cohort=cohort, title="Taught day 1", starts_at=soon(3, 9))
    meeting = plan(kestrel, joining_link="")
    hybrid = SessionFactory(
        cohort=cohort, title="Taught day 2", mode=Mode.HYBRID, starts_at=soon(5, 9)
    )
    Session.objects.update(published=False)
    with (
        pytest.raises(session_service.SessionRefused) as refused,
        django_capture_on_commit_callbacks(execute=True),
    ):
        session_service.publish(cohort=cohort)
    assert refused.value.problems == [
        f"Add a joining link to Taught day 2 on {session_service.day(soon(5))}, or change it "
        "to meet in person",
        f"Add a joining link to Set Kestrel meeting on {session_service.day(soon(7))}, or "
        "change it to meet in person",
    ]
    assert not Session.objects.filter(published=True).exists()
    assert mail.outbox == []
    assert session_service.unpublished_without_links(cohort=cohort) == [hybrid, meeting]
    Session.objects.filter(pk__in=[meeting.pk, hybrid.pk]).update(
        joining_link="https://meet.example.com/x"
    )
    assert {s.pk for s in session_service.publish(cohort=cohort)} == {
        taught.pk,
        meeting.pk,
        hybrid.pk,
    }


def test_the_timetable_flags_sessions_without_links_and_refuses_to_publish(
    client, team, cohort, kestrel
):
    meeting = plan(kestrel, joining_link="")
    client.force_login(team)
    url = reverse("delivery:timetable", args=[cohort.pk])
    content = client.get(url).content.decode()
    assert "The timetable cannot be published until every session that meets online" in content
    assert f'href="{reverse("delivery:edit_meeting", args=[meeting.pk])}">Set Kestrel meeting' in (
        content
    )
    assert "No joining link" in content
    assert "publish 1 session" not in content
    response = client.get(reverse("delivery:publish", args=[cohort.pk]), follow=True)
    assert "Nothing was published. 1 session meets online without a joining link." in (
        response.content.decode()
    )
    # A post that names the sessions, as the check page's would, is refused the same way.
    response = client.post(
        reverse("delivery:publish", args=[cohort.pk]), {"checked": str(meeting.pk)}, follow=True
    )
    assert "Nothing was published. 1 session meets online without a joining link." in (
        response.content.decode()
    )
    meeting.refresh_from_db()
    assert meeting.published is False
    meeting.joining_link = "https://meet.example.com/k"
    meeting.save()
    assert "Check and publish 1 session" in client.get(url).content.decode()


# ---------------------------------------------------------------------------------------------
# The team's pages


def set_meetings(the_set):
    return reverse("delivery:set_meetings", args=[the_set.pk])


def plan_url(the_set):
    return reverse("delivery:plan_meeting", args=[the_set.pk])


def form_data(days=7, **fields):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return {
        "date_0": str(day.day),
        "date_1": str(day.month),
        "date_2": str(day.year),
        "start_time": "10:00",
        "end_time": "13:00",
        "mode": "virtual",
        "joining_link": "https://meet.example.com/kestrel",
        "joining_details": "",
        "venue": "",
    } | fields


def test_the_team_plans_a_meeting_for_a_set(client, team, kestrel, facilitator):
    client.force_login(team)
    form = client.get(plan_url(kestrel)).content.decode()
    assert "Plan a meeting of Set Kestrel" in form
    assert "Fran Facilitator runs it, as the set's facilitator." in form
    response = client.post(plan_url(kestrel), form_data())
    assert response.url == set_meetings(kestrel)
    meeting = Session.objects.get()
    assert (meeting.action_learning_set, meeting.starts_at, meeting.ends_at) == (
        kestrel,
        soon(7),
        soon(7, 13),
    )
    assert list(meeting.facilitators.all()) == [facilitator]
    listed = client.get(set_meetings(kestrel)).content.decode()
    assert "Set Kestrel meeting" in listed and "Fran Facilitator" in listed


def test_a_meeting_form_sent_twice_plans_once(client, team, kestrel):
    client.force_login(team)
    token = client.get(plan_url(kestrel)).context["form"]["submission"].value()
    client.post(plan_url(kestrel), form_data(submission=token))
    client.post(plan_url(kestrel), form_data(submission=token))
    assert Session.objects.count() == 1


def test_bad_answers_are_shown_next_to_the_field_and_kept(client, team, kestrel):
    client.force_login(team)
    response = client.post(
        plan_url(kestrel),
        form_data(mode="in_person", end_time="09:00", joining_link="not a link"),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<title>Error: ") == 1
    assert "Select the venue for a face to face meeting" in content
    assert "The end time must be after the start time" in content
    assert 'value="09:00"' in content
    assert not Session.objects.exists()


def test_an_online_meeting_may_wait_for_its_link(client, team, kestrel):
    client.force_login(team)
    client.post(plan_url(kestrel), form_data(joining_link=""))
    meeting = Session.objects.get()
    assert meeting.needs_joining_link
    page = client.get(reverse("delivery:edit_meeting", args=[meeting.pk])).content.decode()
    assert "This meeting is online but has no joining link." in page


def test_the_team_changes_a_meeting_and_a_stale_change_is_refused(client, team, kestrel):
    meeting = plan(kestrel)
    url = reverse("delivery:edit_meeting", args=[meeting.pk])
    client.force_login(team)
    version = client.get(url).context["form"]["version"].value()
    response = client.post(url, form_data(days=8, version=version))
    assert response.url == set_meetings(kestrel)
    meeting.refresh_from_db()
    assert meeting.starts_at == soon(8)
    stale = client.post(url, form_data(days=9, version=version))
    assert stale.status_code == 409
    meeting.refresh_from_db()
    assert meeting.starts_at == soon(8)


def test_a_meeting_opened_as_a_session_goes_to_its_own_page(client, team, kestrel):
    meeting = plan(kestrel)
    client.force_login(team)
    response = client.get(reverse("delivery:edit_session", args=[meeting.pk]))
    assert response.url == reverse("delivery:edit_meeting", args=[meeting.pk])


def test_the_session_form_offers_no_action_learning_meeting(client, team, cohort):
    client.force_login(team)
    content = client.get(reverse("delivery:add_session", args=[cohort.pk])).content.decode()
    assert 'value="action_learning"' not in content


@pytest.mark.parametrize("count", [1, 3])
def test_a_sets_meetings_page_takes_the_same_queries_at_any_size(
    client, team, kestrel, django_assert_num_queries, count
):
    for n in range(count):
        plan(kestrel, days=7 + n)
    client.force_login(team)
    with django_assert_num_queries(7):
        response = client.get(set_meetings(kestrel))
    assert response.content.decode().count("Set Kestrel meeting</span></a>") == count


def test_only_the_cohorts_team_reaches_a_sets_meetings(
    client, kestrel, other_team, facilitator, participant
):
    meeting = plan(kestrel)
    urls = [
        set_meetings(kestrel),
        plan_url(kestrel),
        reverse("delivery:edit_meeting", args=[meeting.pk]),
    ]
    for person, status in ((other_team, 404), (facilitator, 403), (participant.user, 403)):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [status] * 3
        assert client.post(plan_url(kestrel), form_data(days=10)).status_code == status
    assert Session.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# The set's people: its facilitator and members


def test_the_sets_facilitator_sees_and_registers_its_meeting_and_no_one_else(
    client, kestrel, osprey, facilitator, other_facilitator, participant, other_participant
):
    meeting = plan(kestrel, days=-1)
    Session.objects.update(published=True)
    register = reverse("delivery:register", args=[meeting.pk])
    client.force_login(facilitator)
    assert (
        "Set Kestrel meeting"
        in client.get(reverse("delivery:facilitating") + "?show=past").content.decode()
    )
    assert client.get(register).status_code == 200
    client.force_login(other_facilitator)
    assert "Set Kestrel meeting" not in (
        client.get(reverse("delivery:facilitating") + "?show=past").content.decode()
    )
    assert client.get(register).status_code == 404
    # A member sees it on their programme page and in their feed; another set's member does not.
    for person, sees in ((participant, True), (other_participant, False)):
        client.force_login(person.user)
        home = client.get(reverse("delivery:programme")).content.decode()
        feed = client.get(reverse("delivery:feed", args=[person.calendar_token]))
        assert ("Set Kestrel meeting" in home) is sees
        assert (b"SUMMARY:Set Kestrel meeting" in feed.content) is sees


def test_a_member_of_the_set_sees_a_planned_meeting_only_once_published(
    client, kestrel, participant
):
    plan(kestrel, days=3)
    client.force_login(participant.user)
    assert "Set Kestrel meeting" not in (client.get(reverse("delivery:programme")).content.decode())
    Session.objects.update(published=True)
    assert "Set Kestrel meeting" in client.get(reverse("delivery:programme")).content.decode()


def test_a_new_participant_in_another_set_never_sees_the_meeting(client, cohort, kestrel):
    plan(kestrel, days=3)
    Session.objects.update(published=True)
    loner = ParticipantFactory(cohort=cohort, user__full_name="Lou Loner")
    client.force_login(loner.user)
    assert "Set Kestrel meeting" not in (client.get(reverse("delivery:programme")).content.decode())
