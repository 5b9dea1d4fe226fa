"""Every delivery form that adds something, sent ten times with one token, adds it once."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import ActionLearningSetFactory, SessionFactory
from tests.delivery.test_sessions import session_data
from tests.helpers import assert_saved_once
from upon.delivery.models import (
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    DevelopmentGoal,
    Session,
    SessionMaterial,
    SetNote,
    Unavailability,
    Venue,
)


def date_parts(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def a_set(cohort, participant, facilitator):
    group = ActionLearningSetFactory(cohort=cohort, name="Set 1", facilitator=facilitator)
    participant.action_learning_set = group
    participant.save()
    return group


@pytest.fixture
def challenge(cohort):
    return Challenge.objects.create(
        cohort=cohort,
        title="Reduce placement moves",
        brief="",
        deadline=timezone.now() + datetime.timedelta(days=30),
    )


def test_a_set_note_from_a_member(client, participant, a_set):
    client.force_login(participant.user)
    answers = assert_saved_once(
        client, reverse("delivery:my_set"), {"text": "We met."}, SetNote.objects
    )
    assert answers[0].url == answers[-1].url == reverse("delivery:my_set")


def test_a_set_note_from_the_facilitator(client, facilitator, a_set):
    client.force_login(facilitator)
    url = reverse("delivery:facilitator_set", args=[a_set.pk])
    assert_saved_once(client, url, {"text": "Next time."}, SetNote.objects)


def test_a_venue(client, team, cohort):
    client.force_login(team)
    url = reverse("delivery:add_venue", args=[cohort.pk])
    data = {"name": "Civic Hall", "address": "1 High Street"}
    assert_saved_once(client, url, data, Venue.objects)


def test_a_session(client, team, cohort, facilitator):
    client.force_login(team)
    url = reverse("delivery:add_session", args=[cohort.pk])
    data = session_data(cohort, mode="virtual", joining_link="https://meet.example.com/a")
    assert_saved_once(client, url, data, Session.objects)


def test_a_material_link_and_a_file(client, team, cohort):
    session = SessionFactory(cohort=cohort)
    client.force_login(team)
    url = reverse("delivery:add_material", args=[session.pk])
    data = {"title": "Agenda", "url": "https://example.com/agenda"}
    assert_saved_once(client, url, data, SessionMaterial.objects)
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert_saved_once(
        client,
        url,
        {"title": "Reading"},
        SessionMaterial.objects,
        files={"file": lambda: SimpleUploadedFile("reading.pdf", pdf, "application/pdf")},
    )


def test_an_unavailability(client, team, cohort, facilitator):
    client.force_login(team)
    day = cohort.starts_on + datetime.timedelta(days=10)
    data = {"who": f"facilitator-{facilitator.pk}", **date_parts("first_day", day)}
    data |= date_parts("last_day", day)
    url = reverse("delivery:availability", args=[cohort.pk])
    assert_saved_once(client, url, data, Unavailability.objects)


def test_a_challenge(client, team, cohort):
    client.force_login(team)
    year = timezone.localdate().year + 1
    data = {
        "title": "Reduce placement moves",
        "brief": "Halve placement moves.",
        "deadline_date_0": "1",
        "deadline_date_1": "7",
        "deadline_date_2": str(year),
        "deadline_time": "17:00",
    }
    url = reverse("delivery:add_challenge", args=[cohort.pk])
    assert_saved_once(client, url, data, Challenge.objects)


def test_a_challenge_team(client, team, challenge):
    client.force_login(team)
    url = reverse("delivery:add_team", args=[challenge.pk])
    assert_saved_once(client, url, {}, ChallengeTeam.objects)
    assert list(ChallengeTeam.objects.values_list("name", flat=True)) == ["Team 1"]


def test_a_teams_work(client, participant, challenge):
    ChallengeTeam.objects.create(challenge=challenge, name="Team 1").members.add(participant)
    client.force_login(participant.user)
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert_saved_once(
        client,
        reverse("delivery:challenge", args=[challenge.pk]),
        {},
        ChallengeSubmission.objects,
        files={"file": lambda: SimpleUploadedFile("work.pdf", pdf, "application/pdf")},
    )


def test_a_development_goal(client, participant, cohort):
    capability = cohort.intake.capabilities.order_by("position").first()
    client.force_login(participant.user)
    data = {"text": "Chair the partnership board.", "capability": capability.pk}
    assert_saved_once(client, reverse("delivery:add_goal"), data, DevelopmentGoal.objects)
