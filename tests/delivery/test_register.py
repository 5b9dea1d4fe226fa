"""The register and the facilitator's list of sessions."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import (
    ActionLearningSetFactory,
    ParticipantFactory,
    SessionFactory,
    facilitator_for,
)
from upon.delivery.models import Attendance, ParticipantStatus, SessionFeedback


def register_url(session):
    return reverse("delivery:register", args=[session.pk])


def marks(session):
    return dict(
        Attendance.objects.filter(session=session).values_list(
            "participant__user__full_name", "status"
        )
    )


@pytest.fixture
def future_day(cohort, facilitator):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    session = SessionFactory(
        cohort=cohort,
        title="Working in political contexts",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
    )
    session.facilitators.add(facilitator)
    return session


def test_the_facilitator_sees_everyone_taking_part(
    client, facilitator, past_day, participant, other_participant
):
    ParticipantFactory(
        cohort=past_day.cohort, status=ParticipantStatus.WITHDRAWN, user__full_name="Wes Withdrawn"
    )
    client.force_login(facilitator)
    response = client.get(register_url(past_day))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Pat Participant" in content and "Quinn Colleague" in content
    assert "Wes Withdrawn" not in content
    assert "2 people on the register; 2 not marked yet." in content


def test_marks_are_saved_with_who_marked_them(
    client, facilitator, past_day, participant, other_participant
):
    client.force_login(facilitator)
    data = {f"p{participant.pk}": "late", f"p{other_participant.pk}": "apologies", "action": "save"}
    response = client.post(register_url(past_day), data)
    assert response.status_code == 302
    assert marks(past_day) == {"Pat Participant": "late", "Quinn Colleague": "apologies"}
    assert {a.marked_by for a in Attendance.objects.all()} == {facilitator}
    page = client.get(register_url(past_day)).content.decode()
    assert "Register saved: 2 of 2 people marked." in page
    assert (
        f'id="id_p{participant.pk}_1" name="p{participant.pk}" type="radio" value="late" checked'
        in page
    )


def test_everyone_else_is_marked_present_and_exceptions_kept(
    client, facilitator, past_day, participant, other_participant
):
    third = ParticipantFactory(cohort=past_day.cohort, user__full_name="Rae Third")
    Attendance.objects.create(session=past_day, participant=third, status="apologies")
    client.force_login(facilitator)
    data = {f"p{participant.pk}": "absent", "action": "everyone_else_present"}
    assert client.post(register_url(past_day), data).status_code == 302
    assert marks(past_day) == {
        "Pat Participant": "absent",
        "Quinn Colleague": "present",
        "Rae Third": "apologies",
    }
    # Then an exception changed afterwards.
    data = {f"p{other_participant.pk}": "left_early", "action": "save"}
    client.post(register_url(past_day), data)
    assert marks(past_day)["Quinn Colleague"] == "left_early"


def test_those_newly_attending_are_asked_for_feedback_once(
    client,
    facilitator,
    past_day,
    participant,
    other_participant,
    django_capture_on_commit_callbacks,
):
    client.force_login(facilitator)
    data = {f"p{participant.pk}": "present", f"p{other_participant.pk}": "absent"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(past_day), {**data, "action": "save"})
    assert [m.to for m in mail.outbox] == [[participant.user.email]]
    assert mail.outbox[0].subject == "How was Leading in complexity? Two questions"
    assert reverse("delivery:session_feedback", args=[past_day.pk]) in mail.outbox[0].body
    # Saving again, or changing present to late, asks nobody twice.
    data[f"p{participant.pk}"] = "late"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(past_day), {**data, "action": "save"})
    assert len(mail.outbox) == 1
    # Someone marked absent by mistake who gave no feedback yet is asked when corrected...
    SessionFeedback.objects.create(session=past_day, participant=participant, rating=4)
    data[f"p{other_participant.pk}"] = "present"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(past_day), {**data, "action": "save"})
    assert [m.to for m in mail.outbox[1:]] == [[other_participant.user.email]]


def test_a_register_before_the_session_starts_is_refused(
    client, facilitator, future_day, participant
):
    client.force_login(facilitator)
    page = client.get(register_url(future_day))
    assert page.status_code == 200
    assert "You cannot take the register before the session starts." in page.content.decode()
    assert b'name="action"' not in page.content
    response = client.post(register_url(future_day), {f"p{participant.pk}": "present"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Register" in content
    assert "There is a problem" in content
    assert not Attendance.objects.exists()


def test_an_unknown_mark_is_refused_and_the_choices_kept(
    client, facilitator, past_day, participant, other_participant
):
    client.force_login(facilitator)
    data = {f"p{participant.pk}": "asleep", f"p{other_participant.pk}": "late", "action": "save"}
    response = client.post(register_url(past_day), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "Select present, late, left early, apologies or absent for Pat Participant" in content
    assert f'name="p{other_participant.pk}" type="radio" value="late" checked' in content
    assert not Attendance.objects.exists()


def test_a_set_meeting_lists_only_the_sets_members(client, cohort, facilitator, participant):
    group = ActionLearningSetFactory(cohort=cohort, name="Set Kestrel", facilitator=facilitator)
    participant.action_learning_set = group
    participant.save()
    ParticipantFactory(cohort=cohort, user__full_name="Outside Set")
    starts = timezone.now() - datetime.timedelta(hours=2)
    meeting = SessionFactory(
        cohort=cohort,
        kind="action_learning",
        action_learning_set=group,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    client.force_login(facilitator)  # runs the set, not named on the session
    content = client.get(register_url(meeting)).content.decode()
    assert "Pat Participant" in content and "Outside Set" not in content


def test_the_team_may_take_the_register(client, team, past_day, participant):
    client.force_login(team)
    response = client.post(register_url(past_day), {f"p{participant.pk}": "present"})
    assert response.status_code == 302
    assert Attendance.objects.get().marked_by == team


def test_another_facilitator_and_another_programme_get_404(
    client, other_facilitator, other_team, past_day, participant
):
    for person in (other_facilitator, other_team):
        client.force_login(person)
        assert client.get(register_url(past_day)).status_code == 404
        assert (
            client.post(register_url(past_day), {f"p{participant.pk}": "present"}).status_code
            == 404
        )
    assert not Attendance.objects.exists()


def test_participants_and_outsiders_get_403_and_anonymous_signs_in(
    client, participant, outsider, past_day
):
    for person in (participant.user, outsider):
        client.force_login(person)
        assert client.get(register_url(past_day)).status_code == 403
    client.logout()
    assert client.get(register_url(past_day)).url.startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize("count", [1, 3])
def test_register_query_count_is_the_same_for_1_and_3_people(
    client, facilitator, past_day, django_assert_num_queries, count
):
    people = [ParticipantFactory(cohort=past_day.cohort) for _ in range(count)]
    Attendance.objects.create(session=past_day, participant=people[0], status="present")
    client.force_login(facilitator)
    client.get(register_url(past_day))
    # session, user, roles, the session, runs it, participants, marks.
    with django_assert_num_queries(7):
        response = client.get(register_url(past_day))
    assert response.content.decode().count('value="absent"') == count


@pytest.mark.parametrize("count", [1, 3])
def test_saving_the_register_query_count_is_the_same_for_1_and_3_people(
    client, team, past_day, django_assert_num_queries, count
):
    people = [ParticipantFactory(cohort=past_day.cohort) for _ in range(count)]
    data = {f"p{p.pk}": "late" for p in people}
    client.force_login(team)
    # session, user, roles, the session, participants, marks, then in a transaction: locked
    # marks and one insert for everyone.
    with django_assert_num_queries(10):
        client.post(register_url(past_day), {**data, "action": "save"})
    assert set(marks(past_day).values()) == {"late"}


def test_the_facilitator_lists_their_sessions_with_registers(
    client, cohort, facilitator, past_day, participant
):
    SessionFactory(cohort=cohort, title="Not theirs")
    SessionFactory(cohort=cohort, title="Draft day", published=False).facilitators.add(facilitator)
    Attendance.objects.create(session=past_day, participant=participant, status="present")
    client.force_login(facilitator)
    past = client.get(reverse("delivery:facilitating") + "?show=past").content.decode()
    assert "Leading in complexity" in past and "Not theirs" not in past
    assert "Change the register" in past and "(1 marked)" in past
    assert register_url(past_day) in past
    upcoming = client.get(reverse("delivery:facilitating")).content.decode()
    assert "Leading in complexity" not in upcoming and "Draft day" not in upcoming


def test_sessions_in_a_cohort_they_do_not_facilitate_are_not_listed(client, other_cohort, past_day):
    stranger = facilitator_for(other_cohort)
    past_day.facilitators.add(stranger)  # named on a session of a cohort they hold no role for
    client.force_login(stranger)
    past = client.get(reverse("delivery:facilitating") + "?show=past").content.decode()
    assert "Leading in complexity" not in past


def test_the_facilitator_page_is_403_without_the_role(client, team, participant):
    for person in (team, participant.user):
        client.force_login(person)
        assert client.get(reverse("delivery:facilitating")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_facilitator_page_query_count_is_the_same_for_1_and_3_sessions(
    client, cohort, facilitator, django_assert_num_queries, count
):
    for _ in range(count):
        SessionFactory(cohort=cohort).facilitators.add(facilitator)
    client.force_login(facilitator)
    client.get(reverse("delivery:facilitating"))
    # session, user, roles, count, sessions, marks.
    with django_assert_num_queries(6):
        response = client.get(reverse("delivery:facilitating"))
    assert response.content.decode().count("Opens when it starts") == count
