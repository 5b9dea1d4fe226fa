"""The optional assessment stage: slots, bookings, panel scores and the final merit."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SubmittedApplicationFactory
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from upon.selection import assessment, composition, decisions
from upon.selection.models import AssessmentBooking, AssessmentScore, AssessmentSlot, AuditEvent

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def shortlisted(intake, team):
    """Two shortlisted: A reviewed higher than B. Half of final merit comes from assessment."""
    SelectionSettingsFactory(intake=intake, places=1, assessment_weight=50, one_per_region=False)
    reviewer = ReviewerFactory(intake=intake)
    people = []
    for name, score in [("A", 4), ("B", 3)]:
        application = SubmittedApplicationFactory(intake=intake, full_name=name)
        assignment = ReviewAssignmentFactory(reviewer=reviewer, application=application)
        submitted_review(assignment, [score] * 7)
        decisions.decide(
            application=application,
            outcome="shortlist",
            rationale="r",
            decided_by=team,
            version=None,
        )
        people.append(application)
    return people


def slot(intake, places=1):
    starts = timezone.now() + datetime.timedelta(days=7)
    return AssessmentSlot.objects.create(
        intake=intake,
        kind="interview",
        starts_at=starts,
        ends_at=starts + HOUR,
        location="Room 4, Town Hall",
        places=places,
    )


def test_final_merit_blends_review_and_assessment():
    assert assessment.final_merit(review=3.0, assessment=4.0, weight=50) == 3.5
    assert assessment.final_merit(review=3.0, assessment=None, weight=50) == 3.0
    assert assessment.final_merit(review=3.0, assessment=1.0, weight=0) == 3.0
    assert assessment.final_merit(review=None, assessment=2.0, weight=25) == 2.0
    assert assessment.final_merit(review=None, assessment=None, weight=25) is None


def test_a_strong_assessment_changes_who_is_proposed(intake, team, lead, shortlisted):
    a, b = shortlisted
    assert composition.propose(intake=intake).selected == (a.pk,)
    assessment.record_score(application=a, assessor=team, score=1)
    assessment.record_score(application=b, assessor=team, score=4)
    assessment.record_score(application=b, assessor=lead, score=4)
    merits = assessment.merits(intake=intake)
    assert merits[b.pk].assessment == 4.0 and merits[b.pk].assessors == 2
    assert merits[b.pk].final == pytest.approx((merits[b.pk].review + 4) / 2)
    assert composition.propose(intake=intake).selected == (b.pk,)


def test_team_adds_a_slot_and_a_bad_time_keeps_what_was_typed(client, team, intake, shortlisted):
    client.force_login(team)
    url = reverse("selection:add_assessment_slot", args=[intake.pk])
    data = {
        "kind": "interview",
        "date_0": "3",
        "date_1": "3",
        "date_2": str(timezone.localdate().year + 1),
        "starts": "14:00",
        "ends": "13:00",
        "location": "Room 4, Town Hall",
        "places": "3",
    }
    content = client.post(url, data).content.decode()
    assert "The end time must be after the start time" in content
    assert 'value="Room 4, Town Hall"' in content
    assert not AssessmentSlot.objects.exists()
    data["ends"] = "16:30"
    assert client.post(url, data).status_code == 302
    created = AssessmentSlot.objects.get()
    assert (created.places, timezone.localtime(created.starts_at).hour) == (3, 14)


def test_booking_refuses_a_full_slot(client, team, intake, shortlisted):
    a, b = shortlisted
    full = slot(intake, places=1)
    client.force_login(team)
    for application in (a, b):
        url = reverse("selection:application_assessment", args=[application.reference])
        response = client.post(url, {"action": "book", "booking-slot": full.pk})
    assert (
        "That slot is full. Choose another slot or add places to it." in response.content.decode()
    )
    assert list(AssessmentBooking.objects.values_list("application", flat=True)) == [a.pk]
    assert AuditEvent.objects.filter(action="assessment_booked").count() == 1


def test_panel_member_scores_and_changes_their_score(client, team, intake, shortlisted):
    a = shortlisted[0]
    url = reverse("selection:application_assessment", args=[a.reference])
    client.force_login(team)
    response = client.post(url, {"action": "score", "score-score": "5"})
    assert "Select a score from 1 to 4" in response.content.decode()
    assert (
        client.post(
            url, {"action": "score", "score-score": "2", "score-comment": "Thin"}
        ).status_code
        == 302
    )
    client.post(url, {"action": "score", "score-score": "3", "score-comment": "On reflection"})
    saved = AssessmentScore.objects.get()
    assert (saved.score, saved.comment, saved.assessor) == (3, "On reflection", team)
    event = AuditEvent.objects.filter(action="assessment_scored").first()
    assert (event.before, event.after) == (
        {"score": 2, "comment": "Thin"},
        {"score": 3, "comment": "On reflection"},
    )


def test_assessment_pages_are_404_for_another_programme_and_403_for_a_reviewer(
    client, other_team, intake, shortlisted, reviewer
):
    urls = [
        reverse("selection:assessment", args=[intake.pk]),
        reverse("selection:add_assessment_slot", args=[intake.pk]),
        reverse("selection:application_assessment", args=[shortlisted[0].reference]),
    ]
    client.force_login(other_team)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(reviewer.user)
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]


def test_another_team_member_sees_the_first_members_score(client, team, lead, intake, shortlisted):
    a = shortlisted[0]
    assessment.record_score(application=a, assessor=team, score=4, comment="Excellent")
    client.force_login(lead)
    content = client.get(
        reverse("selection:application_assessment", args=[a.reference])
    ).content.decode()
    assert f"{team.full_name}: 4" in content and "Excellent" in content


@pytest.mark.parametrize("count", [1, 3])
def test_assessment_page_query_count_is_the_same_for_1_and_3(
    client, team, intake, django_assert_num_queries, count
):
    SelectionSettingsFactory(intake=intake, places=2, assessment_weight=50)
    reviewer = ReviewerFactory(intake=intake)
    booked = slot(intake, places=5)
    for _ in range(count):
        application = ReviewAssignmentFactory(reviewer=reviewer).application
        submitted_review(application.review_assignments.get(), [3] * 7)
        decisions.decide(
            application=application,
            outcome="shortlist",
            rationale="r",
            decided_by=team,
            version=None,
        )
        AssessmentBooking.objects.create(application=application, slot=booked)
        assessment.record_score(application=application, assessor=team, score=3)
    client.force_login(team)
    url = reverse("selection:assessment", args=[intake.pk])
    client.get(url)
    # session, user, roles, intake, settings, reviews, assessment means, slots, candidates.
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count("3.00 (1)") == count
