"""Withdrawal and deferral: the team changes a participant's place, with a reason kept."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import SessionFactory
from upon.delivery import attendance, participation
from upon.delivery.models import Attendance, Participant, ParticipantStatus


def place_url(participant):
    return reverse("delivery:team_participant", args=[participant.pk])


def test_the_team_withdraws_a_participant_with_a_reason(
    client, team, participant, django_capture_on_commit_callbacks
):
    client.force_login(team)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            place_url(participant), {"change": "withdraw", "reason": "New job abroad"}
        )
    assert response.url == place_url(participant)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.WITHDRAWN
    assert participant.status_reason == "New job abroad"
    assert participant.status_changed_at is not None
    assert [m.to for m in mail.outbox] == [[participant.user.email]]
    assert mail.outbox[0].subject == f"You have withdrawn from {participant.cohort.name}"
    page = client.get(place_url(participant)).content.decode()
    assert "Pat Participant: withdrawn." in page
    assert "New job abroad" in page
    assert "Change their place" not in page


def test_a_reason_is_needed_and_the_choice_is_kept(client, team, participant):
    client.force_login(team)
    response = client.post(place_url(participant), {"change": "defer", "reason": "  "})
    content = response.content.decode()
    assert "<title>Error: " in content
    assert 'href="#id_reason">Enter the reason for the deferral</a>' in content
    assert 'value="defer" checked' in content
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ACTIVE


def test_a_deferred_participant_can_return(client, team, participant):
    participation.change_place(participant=participant, change="defer", reason="Illness", by=team)
    client.force_login(team)
    page = client.get(place_url(participant)).content.decode()
    assert 'value="reinstate"' in page and 'value="defer"' not in page
    client.post(place_url(participant), {"change": "reinstate", "reason": ""})
    participant.refresh_from_db()
    assert (participant.status, participant.status_reason) == (ParticipantStatus.ACTIVE, "")


def test_a_change_not_allowed_for_the_status_is_refused(team, participant):
    participant.status = ParticipantStatus.COMPLETED
    participant.save()
    with pytest.raises(participation.ChangeRefused) as error:
        participation.change_place(participant=participant, change="withdraw", reason="x", by=team)
    assert error.value.message == "Pat Participant is completed: choose one of the changes shown"
    assert Participant.objects.get().status == ParticipantStatus.COMPLETED


def test_withdrawn_people_leave_future_registers_but_keep_past_marks(
    team, cohort, participant, other_participant, past_day
):
    Attendance.objects.create(session=past_day, participant=participant, status="present")
    participation.change_place(participant=participant, change="withdraw", reason="x", by=team)
    participation.change_place(participant=other_participant, change="defer", reason="y", by=team)
    starts = timezone.now() + datetime.timedelta(days=7)
    later = SessionFactory(
        cohort=cohort, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7)
    )
    assert list(attendance.on_register(session=past_day)) == [participant]
    assert list(attendance.on_register(session=later)) == []


def test_the_place_page_is_for_the_programme_team_only(
    client, other_team, facilitator, other_participant, participant
):
    client.force_login(other_team)
    assert client.get(place_url(participant)).status_code == 404
    assert (
        client.post(place_url(participant), {"change": "withdraw", "reason": "x"}).status_code
        == 404
    )
    for person in (facilitator, other_participant.user):
        client.force_login(person)
        assert (
            client.post(place_url(participant), {"change": "withdraw", "reason": "x"}).status_code
            == 403
        )
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ACTIVE


@pytest.mark.parametrize("count", [1, 3])
def test_place_page_query_count_is_the_same_for_1_and_3_sessions(
    client, team, cohort, participant, django_assert_num_queries, count
):
    for i in range(count):
        starts = timezone.now() - datetime.timedelta(days=10 + i)
        session = SessionFactory(
            cohort=cohort, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
        )
        Attendance.objects.create(session=session, participant=participant, status="late")
    client.force_login(team)
    client.get(place_url(participant))
    # session, user, roles, participant, sessions, marks.
    with django_assert_num_queries(6):
        response = client.get(place_url(participant))
    assert response.content.decode().count('<td class="govuk-table__cell">Late</td>') == count
