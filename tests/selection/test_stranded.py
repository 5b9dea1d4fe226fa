"""Applications with no next step: found for the team, each with what to do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SubmittedApplicationFactory, UserFactory
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
)
from upon.selection import stranded
from upon.selection.models import Decision, Offer, WaitlistEntry

pytestmark = pytest.mark.django_db


def _url(intake):
    return reverse("selection:stranded", args=[intake.pk])


def _decided(application, outcome, team, **fields):
    return Decision.objects.create(
        application=application, outcome=outcome, rationale="r", decided_by=team, **fields
    )


@pytest.fixture
def confirmed(intake):
    return SelectionSettingsFactory(
        intake=intake, places=3, composition_confirmed_at=timezone.now()
    )


def test_nothing_stranded_before_anything_happens(intake):
    SubmittedApplicationFactory(intake=intake)
    assert list(stranded.stranded_applications(intake=intake, now=timezone.now())) == []


def test_each_state_with_no_next_step_is_found(intake, team, confirmed):
    now = timezone.now()
    confirmed.review_deadline = now - datetime.timedelta(days=1)
    confirmed.save()
    shortlisted = SubmittedApplicationFactory(intake=intake, reference="S-1")
    _decided(shortlisted, "shortlist", team)
    reserve = SubmittedApplicationFactory(intake=intake, reference="S-2")
    _decided(reserve, "reserve", team)
    unpublished = SubmittedApplicationFactory(intake=intake, reference="S-3")
    _decided(unpublished, "decline", team)
    SubmittedApplicationFactory(intake=intake, reference="S-4")  # no reviewers
    # Not stranded: offered, on the waiting list, a published decline, a reviewed application.
    offered = SubmittedApplicationFactory(intake=intake, reference="S-5")
    _decided(offered, "shortlist", team)
    Offer.objects.create(application=offered, sent_at=now, accept_by=now)
    waiting = SubmittedApplicationFactory(intake=intake, reference="S-6")
    _decided(waiting, "reserve", team)
    WaitlistEntry.objects.create(intake=intake, application=waiting, position=1)
    told = SubmittedApplicationFactory(intake=intake, reference="S-7")
    _decided(told, "decline", team, published_at=now, feedback_approved_at=now)
    reviewed = SubmittedApplicationFactory(intake=intake, reference="S-8")
    ReviewAssignmentFactory(reviewer=ReviewerFactory(intake=intake), application=reviewed)
    _decided(reviewed, "shortlist", team)
    Offer.objects.create(application=reviewed, sent_at=now, accept_by=now)

    found = {
        row.application.reference: row.state
        for row in stranded.stranded_applications(intake=intake, now=now)
    }
    assert found == {
        "S-1": "Shortlisted after the cohort was confirmed, with no offer and no place on the "
        "waiting list",
        "S-2": "Reserve with no place on the waiting list",
        "S-3": "Declined, and the decision has not been sent",
        "S-4": "Submitted with no reviewers, and review has closed",
    }


def test_a_submitted_application_with_no_decision_after_confirmation(intake, confirmed):
    waiting = SubmittedApplicationFactory(intake=intake, reference="S-9")
    (row,) = stranded.stranded_applications(intake=intake, now=timezone.now())
    assert row.application == waiting
    assert row.state == "Submitted with no panel decision, and the cohort has been confirmed"
    assert row.action == ("Record a panel decision", reverse("selection:decide", args=["S-9"]))


def test_unreviewed_is_not_stranded_while_review_is_open(intake, confirmed):
    confirmed.composition_confirmed_at = None
    confirmed.review_deadline = timezone.now() + datetime.timedelta(days=1)
    confirmed.save()
    SubmittedApplicationFactory(intake=intake)
    assert list(stranded.stranded_applications(intake=intake, now=timezone.now())) == []


def test_the_team_sees_each_with_what_to_do(client, team, intake, confirmed):
    application = SubmittedApplicationFactory(intake=intake, reference="S-1")
    _decided(application, "decline", team)
    client.force_login(team)
    page = client.get(_url(intake)).content.decode()
    assert "Declined, and the decision has not been sent" in page
    feedback = reverse("selection:feedback", args=["S-1"])
    assert f'<a class="govuk-link" href="{feedback}">Approve their feedback' in page


def test_the_page_says_when_there_is_nothing_to_do(client, team, intake):
    client.force_login(team)
    page = client.get(_url(intake)).content.decode()
    assert "Every application has a next step." in page


def test_another_programmes_team_gets_404(client, other_team, intake):
    client.force_login(other_team)
    assert client.get(_url(intake)).status_code == 404


def test_an_outsider_gets_403(client, intake):
    client.force_login(UserFactory())
    assert client.get(_url(intake)).status_code == 403


def test_the_selection_navigation_links_to_it(client, team, intake):
    client.force_login(team)
    page = client.get(reverse("selection:cohort", args=[intake.pk])).content.decode()
    assert f'href="{_url(intake)}"' in page


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_does_not_grow(
    client, team, intake, confirmed, count, django_assert_num_queries
):
    for n in range(count):
        application = SubmittedApplicationFactory(intake=intake)
        _decided(application, ["shortlist", "reserve", "decline"][n], team)
    client.force_login(team)
    # Session, user, roles, intake, settings, the count and the page.
    with django_assert_num_queries(7):
        response = client.get(_url(intake))
    assert response.content.decode().count('class="govuk-table__row"') == count + 1
