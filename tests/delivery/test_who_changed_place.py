"""Who in the team withdrew, deferred or reinstated someone, or confirmed their completion, and
when: on the participant, in the participant's history, and on the team's pages."""

import datetime

import time_machine
from django.urls import reverse

from tests.delivery.test_completion import finished  # noqa: F401 (a fixture)
from tests.factories import UserFactory
from upon.delivery import certificates, participation
from upon.delivery.models import Participant, ParticipantStatus

MOMENT = datetime.datetime(2027, 3, 4, 10, 15, tzinfo=datetime.UTC)


def history_of(participant):
    """(type, status, user, date) of each change, oldest first (the factory's creation aside)."""
    return [
        (h.history_type, h.status, h.history_user, h.history_date)
        for h in participant.history.filter(history_type="~").order_by("history_date")
    ]


def test_a_withdrawal_records_who_and_when(client, team, participant):
    team.full_name = "Tess Team"
    team.save()
    url = reverse("delivery:team_participant", args=[participant.pk])
    with time_machine.travel(MOMENT, tick=False):
        client.force_login(team)
        response = client.post(url, {"change": "withdraw", "reason": "New job abroad"})
    assert response.url == url
    participant.refresh_from_db()
    assert (participant.status_changed_by, participant.status_changed_at) == (team, MOMENT)
    assert history_of(participant) == [("~", ParticipantStatus.WITHDRAWN, team, MOMENT)]
    client.force_login(team)
    page = client.get(url).content.decode()
    assert 'Changed by</dt><dd class="govuk-summary-list__value">Tess Team on 4 March 2027' in (
        page
    )
    progress = client.get(
        reverse("delivery:team_progress", args=[participant.cohort.pk]) + "?show=not_taking_part"
    ).content.decode()
    assert "Changed by Tess Team on 4 March 2027" in progress
    cohort_page = client.get(
        reverse("delivery:delivery", args=[participant.cohort.intake_id])
    ).content.decode()
    assert 'Withdrawn<br><span class="govuk-body-s">Changed by Tess Team on 4 March 2027' in (
        cohort_page
    )


def test_each_change_of_place_is_kept_with_who_made_it(team, participant):
    colleague = UserFactory(full_name="Col League")
    first = MOMENT
    second = MOMENT + datetime.timedelta(days=30, hours=2)
    participation.change_place(
        participant=participant, change="defer", reason="Illness", by=team, now=first
    )
    participation.change_place(
        participant=participant, change="reinstate", reason="", by=colleague, now=second
    )
    participant.refresh_from_db()
    assert (participant.status_changed_by, participant.status_changed_at) == (colleague, second)
    assert history_of(participant) == [
        ("~", ParticipantStatus.DEFERRED, team, first),
        ("~", ParticipantStatus.ACTIVE, colleague, second),
    ]
    changes = participant.history.filter(history_type="~").order_by("history_date")
    assert [h.status_reason for h in changes] == [
        "Illness",
        "",
    ]


def test_the_calendar_token_stays_out_of_the_history(team, participant):
    participation.change_place(participant=participant, change="defer", reason="x", by=team)
    assert not hasattr(participant.history.latest(), "calendar_token")


def test_confirming_completion_keeps_who_and_when(client, team, cohort, finished):  # noqa: F811
    with time_machine.travel(MOMENT, tick=False):
        client.force_login(team)
        checked = str(finished["Cal Complete"].pk)  # the check page showed Cal
        client.post(reverse("delivery:confirm_completion", args=[cohort.pk]), {"checked": checked})
    cal = Participant.objects.get(user__full_name="Cal Complete")
    assert (cal.status, cal.status_changed_by, cal.status_changed_at) == (
        ParticipantStatus.COMPLETED,
        team,
        MOMENT,
    )
    assert cal.certificate_issued_at == MOMENT
    assert history_of(cal) == [("~", ParticipantStatus.COMPLETED, team, MOMENT)]
    # Nobody else met the rule: nobody else's history grew.
    others = Participant.history.filter(history_date=MOMENT).exclude(id=cal.pk)
    assert list(others.values_list("history_type", "status")) == []


def test_the_service_records_who_confirmed(team, cohort, finished):  # noqa: F811
    confirmed = certificates.confirm_completion(cohort=cohort, by=team, now=MOMENT)
    assert [p.user.full_name for p in confirmed] == ["Cal Complete"]
    assert history_of(Participant.objects.get(pk=confirmed[0].pk)) == [
        ("~", ParticipantStatus.COMPLETED, team, MOMENT)
    ]
