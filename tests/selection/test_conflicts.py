"""Conflicts found automatically: no one reviews their own application, and a "+tag" address
is the same mailbox as the one without it."""

import pytest
from django.urls import reverse

from tests.factories import EndorsementFactory, SubmittedApplicationFactory, UserFactory
from tests.selection.factories import ReviewerFactory
from upon.selection import conflicts
from upon.selection.assignment import OwnApplication, add_assignment, run_assignment
from upon.selection.models import ConflictKind, ReviewAssignment, SelectionSettings
from upon.service.mail import mailbox

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("Ada@Example.org", "ada@example.org"),
        ("ada+reviewing@example.org", "ada@example.org"),
        (" ada+a+b@example.org ", "ada@example.org"),
        ("not-an-address", "not-an-address"),
    ],
)
def test_a_mailbox_is_the_address_without_its_tag(address, expected):
    assert mailbox(address) == expected


def kinds(application, reviewer):
    found = conflicts.find_conflicts(intake=application.intake)
    return [kind for kind, _ in found.get((application.pk, reviewer.pk), [])]


def test_a_reviewer_who_is_the_applicant_is_conflicted(intake):
    person = UserFactory(email="ada@example.org")
    application = SubmittedApplicationFactory(intake=intake, applicant=person)
    reviewer = ReviewerFactory(intake=intake, user=person)
    assert kinds(application, reviewer) == [ConflictKind.APPLICANT]


def test_a_reviewer_invited_at_a_tagged_address_of_the_applicant_is_conflicted(intake):
    application = SubmittedApplicationFactory(
        intake=intake, applicant=UserFactory(email="ada@example.org")
    )
    invited = ReviewerFactory(intake=intake, user=None, email="ada+review@example.org")
    signed_up = ReviewerFactory(intake=intake, user=UserFactory(email="Ada+2@Example.org"))
    someone_else = ReviewerFactory(intake=intake, user=UserFactory(email="adam@example.org"))
    assert kinds(application, invited) == [ConflictKind.APPLICANT]
    assert kinds(application, signed_up) == [ConflictKind.APPLICANT]
    assert kinds(application, someone_else) == []


def test_an_endorser_at_a_tagged_address_is_conflicted(intake):
    application = SubmittedApplicationFactory(intake=intake)
    EndorsementFactory(application=application, sponsor_email="sam+work@council.example")
    reviewer = ReviewerFactory(intake=intake, user=UserFactory(email="sam@council.example"))
    assert kinds(application, reviewer) == [ConflictKind.ENDORSER]


def test_the_automatic_run_never_gives_anyone_their_own_application(team, intake):
    SelectionSettings.objects.create(intake=intake, places=2, reviews_per_application=1)
    person = UserFactory(email="ada@example.org")
    own = SubmittedApplicationFactory(intake=intake, applicant=person)
    reviewer = ReviewerFactory(intake=intake, user=person, capacity=5)
    other = ReviewerFactory(intake=intake, capacity=5)
    run_assignment(intake=intake, actor=team)
    assert list(
        ReviewAssignment.objects.filter(application=own).values_list("reviewer", flat=True)
    ) == [other.pk]
    assert not ReviewAssignment.objects.filter(reviewer=reviewer).exists()


def test_the_team_cannot_assign_an_application_to_its_applicant_even_despite_conflicts(
    client, team, intake
):
    person = UserFactory(email="ada@example.org")
    application = SubmittedApplicationFactory(intake=intake, applicant=person)
    reviewer = ReviewerFactory(intake=intake, user=None, email="ada+r@example.org")
    with pytest.raises(OwnApplication):
        add_assignment(
            application=application, reviewer=reviewer, actor=team, despite_conflict=True
        )
    client.force_login(team)
    url = reverse("selection:application_reviewers", args=[application.reference])
    response = client.post(url, {"reviewer": reviewer.pk, "despite_conflict": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reviewer": ["This reviewer is the applicant. No one can review their own application."]
    }
    assert not ReviewAssignment.objects.exists()
