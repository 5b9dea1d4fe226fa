"""A participant's own pages ask delivery's rules (participation, defined once in
upon/delivery/rules.py) instead of deciding in the view: for each, the owner, another
participant (the same role: a cohort-mate, and one of another programme's cohort) and someone
with another role. No relation is 404; the wrong role is 403."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import ActionLearningSetFactory, ParticipantFactory, SessionFactory
from upon.delivery import challenges, rules
from upon.delivery.models import (
    ChallengeSubmission,
    ChallengeTeam,
    DevelopmentGoal,
    ParticipantStatus,
    SessionKind,
    SetNote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(other_cohort):
    """A participant of another programme's cohort."""
    return ParticipantFactory(cohort=other_cohort, user__full_name="Oli Elsewhere")


def status(client, user, url, data=None):
    client.force_login(user)
    return (client.get(url) if data is None else client.post(url, data)).status_code


def test_participation_is_a_place_on_a_cohort_of_an_intake_with_the_role(
    participant, other_participant, elsewhere, cohort
):
    assert list(rules.places(participant.user)) == [participant]
    assert rules.place_for(participant.user, cohort) == participant
    assert rules.place_for(participant.user, other_participant) is None
    assert rules.place_for(elsewhere.user, cohort) is None
    participant.status = ParticipantStatus.DEFERRED
    assert rules.has_place(participant.user, participant)
    assert rules.participates(participant.user, participant)
    assert not rules.takes_part(participant.user, participant)
    participant.status = ParticipantStatus.WITHDRAWN
    assert rules.has_place(participant.user, participant)
    assert not rules.participates(participant.user, participant)


def test_a_place_without_the_role_reaches_nothing(participant, cohort):
    participant.user.roles.all().delete()
    participant.user.__dict__.pop("_role_assignments", None)
    assert list(rules.places(participant.user)) == []
    assert rules.place_for(participant.user, participant) is None
    assert not rules.has_place(participant.user, cohort)


def test_a_development_goal_is_its_owners_alone(
    client, participant, other_participant, elsewhere, facilitator
):
    goal = DevelopmentGoal.objects.create(participant=participant, text="Chair the board.")
    url = reverse("delivery:edit_goal", args=[goal.pk])
    assert status(client, participant.user, url) == 200
    assert status(client, other_participant.user, url) == 404
    assert status(client, elsewhere.user, url) == 404
    assert status(client, facilitator, url) == 403
    assert status(client, other_participant.user, url, {"text": "Mine now"}) == 404
    goal.refresh_from_db()
    assert goal.text == "Chair the board."
    # A deferred owner takes no part in self-assessment until they return.
    participant.status = ParticipantStatus.DEFERRED
    participant.save()
    assert status(client, participant.user, url) == 404


def test_feedback_is_on_ones_own_sessions(
    client, participant, other_participant, elsewhere, facilitator, past_day
):
    url = reverse("delivery:session_feedback", args=[past_day.pk])
    # The whole cohort's session is every cohort-mate's.
    assert status(client, participant.user, url) == 200
    assert status(client, other_participant.user, url) == 200
    assert status(client, elsewhere.user, url) == 404
    assert status(client, facilitator, url) == 403
    # A set's meeting is only its members'.
    participant.action_learning_set = ActionLearningSetFactory(cohort=past_day.cohort)
    participant.save()
    meeting = SessionFactory(
        cohort=past_day.cohort,
        kind=SessionKind.ACTION_LEARNING,
        sequence_number=None,
        action_learning_set=participant.action_learning_set,
        published=True,
        starts_at=past_day.starts_at,
        ends_at=past_day.ends_at,
    )
    url = reverse("delivery:session_feedback", args=[meeting.pk])
    assert status(client, participant.user, url) == 200
    assert status(client, other_participant.user, url) == 404
    assert status(client, other_participant.user, url, {"rating": "5"}) == 404


def test_a_withdrawn_participant_is_told_why_they_cannot_give_feedback(
    client, participant, past_day
):
    participant.status = ParticipantStatus.WITHDRAWN
    participant.save()
    client.force_login(participant.user)
    response = client.get(reverse("delivery:session_feedback", args=[past_day.pk]))
    assert response.status_code == 200
    assert "your place is not active" in response.content.decode()


@pytest.fixture
def challenge(cohort, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return challenges.create_challenge(
        cohort=cohort,
        title="Reduce placement moves",
        brief="Halve placement moves.",
        deadline=timezone.now() + datetime.timedelta(days=14),
    )


def test_a_challenge_is_the_cohorts_and_its_work_its_teams(
    client, participant, other_participant, elsewhere, facilitator, challenge
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    team = ChallengeTeam.objects.create(challenge=challenge, name="Team 1")
    team.members.add(participant)
    url = reverse("delivery:challenge", args=[challenge.pk])
    assert status(client, participant.user, url) == 200
    assert status(client, other_participant.user, url) == 200
    assert status(client, elsewhere.user, url) == 404
    assert status(client, facilitator, url) == 403

    def upload():
        return {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", "application/pdf")}

    # A cohort-mate in no team has no team to submit for.
    assert status(client, other_participant.user, url, upload()) == 404
    assert status(client, elsewhere.user, url, upload()) == 404
    assert not ChallengeSubmission.objects.exists()
    assert status(client, participant.user, url, upload()) == 302
    assert list(ChallengeSubmission.objects.values_list("team", "submitted_by")) == [
        (team.pk, participant.user.pk)
    ]


def test_set_notes_are_posted_to_ones_own_set_only(
    client, participant, other_participant, elsewhere, facilitator, cohort
):
    participant.action_learning_set = ActionLearningSetFactory(cohort=cohort)
    participant.save()
    url = reverse("delivery:my_set")
    assert status(client, participant.user, url, {"text": "Met on Tuesday."}) == 302
    # In no set: the page says so, and there is no set to post to.
    assert status(client, other_participant.user, url) == 200
    assert status(client, other_participant.user, url, {"text": "Let me in"}) == 404
    assert status(client, elsewhere.user, url, {"text": "Let me in"}) == 404
    assert status(client, facilitator, url, {"text": "Let me in"}) == 403
    assert list(SetNote.objects.values_list("author", "text")) == [
        (participant.user.pk, "Met on Tuesday.")
    ]


def test_the_calendar_page_is_for_a_place_on_the_programme(
    client, participant, other_participant, facilitator
):
    url = reverse("delivery:my_calendar")
    client.force_login(participant.user)
    assert participant.calendar_token in client.get(url).content.decode()
    client.force_login(other_participant.user)
    content = client.get(url).content.decode()
    assert other_participant.calendar_token in content
    assert participant.calendar_token not in content
    assert status(client, facilitator, url) == 403
    participant.status = ParticipantStatus.DEFERRED
    participant.save()
    assert status(client, participant.user, url) == 200
    participant.status = ParticipantStatus.WITHDRAWN
    participant.save()
    assert status(client, participant.user, url) == 404
    assert status(client, participant.user, reverse("delivery:reset_calendar"), {}) == 404


def test_the_certificate_is_only_for_ones_own_completed_place(client, participant, facilitator):
    url = reverse("delivery:certificate")
    assert status(client, participant.user, url) == 404  # not completed: no certificate yet
    assert status(client, facilitator, url) == 403
