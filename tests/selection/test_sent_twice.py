"""Every selection form that adds something, sent ten times with one token, adds it once."""

from django.urls import reverse
from django.utils import timezone

from tests.helpers import assert_saved_once
from tests.selection.factories import ReviewerFactory
from upon.selection.models import AssessmentSlot, ReviewAssignment, Reviewer


def test_a_reviewer_added_to_the_pool(client, team, intake, mailoutbox):
    client.force_login(team)
    data = {"full_name": "Val Reviewer", "email": "val@example.org", "capacity": "12"}
    url = reverse("selection:add_reviewer", args=[intake.pk])
    assert_saved_once(client, url, data, Reviewer.objects)
    assert [m.to for m in mailoutbox] == [["val@example.org"]]


def test_an_assessment_slot(client, team, intake):
    client.force_login(team)
    data = {
        "kind": "interview",
        "date_0": "3",
        "date_1": "3",
        "date_2": str(timezone.localdate().year + 1),
        "starts": "13:00",
        "ends": "14:00",
        "location": "Room 4, Town Hall",
        "places": "3",
    }
    url = reverse("selection:add_assessment_slot", args=[intake.pk])
    assert_saved_once(client, url, data, AssessmentSlot.objects)


def test_a_reviewer_assigned_by_hand(client, team, intake, application):
    application.status = "submitted"
    application.save()
    reviewer = ReviewerFactory(intake=intake)
    client.force_login(team)
    url = reverse("selection:application_reviewers", args=[application.reference])
    assert_saved_once(client, url, {"reviewer": reviewer.pk}, ReviewAssignment.objects)
