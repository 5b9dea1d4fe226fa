"""The reviewer's queue and blind review: who may see what, and saving scores safely."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.helpers import assert_no_writes
from tests.selection.factories import ReviewAssignmentFactory, SelectionSettingsFactory
from upon.selection.models import AuditEvent, Review
from upon.selection.reviews import applicant_code, start_review

PAST = datetime.timedelta(hours=1)


def review_url(assignment):
    return reverse("selection:review", args=[assignment.pk])


def scores_post(assignment, review, *, score="3", submit=False, **extra):
    data = {"version": review.version, "recommendation": "shortlist", "confidence": "high"}
    for capability in assignment.application.intake.capabilities.all():
        data[f"score_{capability.pk}"] = score
        data[f"comment_{capability.pk}"] = f"Comment on {capability.name}"
    if submit:
        data["submit"] = "1"
    data.update(extra)
    return data


# The queue.


def test_reviewer_sees_their_queue_with_codes_not_names(client, reviewer, assignment):
    client.force_login(reviewer.user)
    content = client.get(reverse("selection:queue")).content.decode()
    assert applicant_code(assignment.application) in content
    assert "Not started" in content
    assert "Zadie" not in content


def test_another_reviewer_does_not_see_someone_elses_assignments(
    client, other_reviewer, assignment
):
    client.force_login(other_reviewer.user)
    content = client.get(reverse("selection:queue")).content.decode()
    assert applicant_code(assignment.application) not in content
    assert "You have no applications to review" in content


def test_outsider_gets_403_for_the_queue(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("selection:queue")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_queue_query_count_is_the_same_for_1_and_3(
    client, reviewer, intake, django_assert_num_queries, count
):
    for _ in range(count):
        ReviewAssignmentFactory(reviewer=reviewer)
    client.force_login(reviewer.user)
    client.get(reverse("selection:queue"))
    # session, user, roles, count, the page with review and intake.
    with django_assert_num_queries(5):
        response = client.get(reverse("selection:queue"))
    assert response.content.decode().count("Not started") == count


# The blind review page.


def test_reviewer_sees_the_blind_application(client, reviewer, assignment):
    client.force_login(reviewer.user)
    response = client.get(review_url(assignment))
    content = response.content.decode()
    assert response.status_code == 200
    assert applicant_code(assignment.application) in content
    assert "Head of Safeguarding" in content
    assert "My evidence for" in content
    for secret in [
        "Zadie",
        "Quartermain",
        "zadie@council.example",
        "020 7946 0999",
        "Blackwater",
        assignment.application.employer.name,
        "Priya",
        "priya@council.example",
        assignment.application.reference,
    ]:
        assert secret not in content, secret


def test_opening_a_review_writes_nothing(client, reviewer, assignment):
    client.force_login(reviewer.user)
    with assert_no_writes():
        response = client.get(review_url(assignment))
    assert response.status_code == 200
    assert 'name="version" value="1"' in response.content.decode()
    assert not Review.objects.exists()
    content = client.get(reverse("selection:queue")).content.decode()
    assert "Not started" in content


def test_the_first_save_starts_the_review(client, reviewer, assignment):
    client.force_login(reviewer.user)
    response = client.post(review_url(assignment), scores_post(assignment, Review(), score="2"))
    assert response.status_code == 302
    review = Review.objects.get(assignment=assignment)
    assert (review.version, review.submitted_at) == (2, None)
    assert sorted(review.scores.values_list("score", flat=True)) == [2] * 7


def test_the_first_autosave_starts_the_review_and_gives_the_new_version(
    client, reviewer, assignment
):
    client.force_login(reviewer.user)
    response = client.post(
        review_url(assignment),
        scores_post(assignment, Review(), score="2"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'name="version" value="2"' in response.content.decode()
    assert Review.objects.get(assignment=assignment).version == 2


def test_two_tabs_opened_before_the_first_save_never_overwrite_each_other(
    client, reviewer, assignment
):
    client.force_login(reviewer.user)
    client.post(review_url(assignment), scores_post(assignment, Review(), score="4"))
    response = client.post(review_url(assignment), scores_post(assignment, Review(), score="1"))
    assert response.status_code == 409
    assert sorted(Review.objects.get().scores.values_list("score", flat=True)) == [4] * 7


def test_an_incomplete_first_submit_starts_nothing(client, reviewer, assignment):
    client.force_login(reviewer.user)
    data = scores_post(assignment, Review(), submit=True)
    data["recommendation"] = ""
    response = client.post(review_url(assignment), data)
    assert response.context["form"].errors == {
        "recommendation": ["Select your overall recommendation"]
    }
    assert not Review.objects.exists()


def test_after_the_deadline_a_first_save_starts_nothing(client, reviewer, assignment, intake):
    SelectionSettingsFactory(intake=intake, review_deadline=timezone.now() - PAST)
    client.force_login(reviewer.user)
    response = client.post(review_url(assignment), scores_post(assignment, Review()))
    assert response.status_code == 409
    assert not Review.objects.exists()


def test_another_reviewer_of_the_same_intake_gets_404(client, other_reviewer, assignment):
    client.force_login(other_reviewer.user)
    assert client.get(review_url(assignment)).status_code == 404


def test_outsider_gets_403_and_team_member_gets_403(client, outsider, team_member, assignment):
    client.force_login(outsider)
    assert client.get(review_url(assignment)).status_code == 403
    client.force_login(team_member)
    assert client.get(review_url(assignment)).status_code == 403


def test_save_draft_keeps_scores_and_submits_nothing(client, reviewer, assignment):
    client.force_login(reviewer.user)
    review = start_review(assignment=assignment)
    data = scores_post(assignment, review, score="2")
    response = client.post(review_url(assignment), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.submitted_at is None
    assert sorted(review.scores.values_list("score", flat=True)) == [2] * 7
    assert review.version == 2


def test_submit_needs_every_score(client, reviewer, assignment):
    client.force_login(reviewer.user)
    review = start_review(assignment=assignment)
    data = scores_post(assignment, review, submit=True)
    first = assignment.application.intake.capabilities.order_by("position").first()
    data[f"score_{first.pk}"] = ""
    response = client.post(review_url(assignment), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"score_{first.pk}": [f"Select a score for {first.name}"]
    }
    assert f'<a href="#id_score_{first.pk}_0">Select a score for {first.name}</a>' in content
    assert "Comment on" in content  # what they typed is still there
    review.refresh_from_db()
    assert review.submitted_at is None
    assert review.version == 1


def test_submit_records_the_overall_score_and_the_audit(client, reviewer, assignment):
    client.force_login(reviewer.user)
    review = start_review(assignment=assignment)
    response = client.post(review_url(assignment), scores_post(assignment, review, submit=True))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.submitted_at is not None
    assert str(review.overall) == "3.000"
    event = AuditEvent.objects.get(action="review_submitted")
    assert event.actor == reviewer.user
    assert event.application == assignment.application
    assert set(event.after["scores"].values()) == {3}


def test_a_score_outside_the_rubric_is_refused(client, reviewer, assignment):
    client.force_login(reviewer.user)
    review = start_review(assignment=assignment)
    data = scores_post(assignment, review)
    first = assignment.application.intake.capabilities.order_by("position").first()
    data[f"score_{first.pk}"] = "5"
    response = client.post(review_url(assignment), data)
    assert "Select a score from 1 to 4" in response.content.decode()
    assert Review.objects.get().scores.filter(score__isnull=False).count() == 0


def test_two_tabs_never_overwrite_each_other(client, reviewer, assignment):
    client.force_login(reviewer.user)
    review = start_review(assignment=assignment)
    first_tab = scores_post(assignment, review, score="4")
    second_tab = scores_post(assignment, review, score="1")
    client.post(review_url(assignment), first_tab)
    response = client.post(review_url(assignment), second_tab)
    content = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this since you opened it" in content
    assert sorted(Review.objects.get().scores.values_list("score", flat=True)) == [4] * 7


def test_after_the_deadline_nothing_changes(client, reviewer, assignment, intake):
    SelectionSettingsFactory(intake=intake, review_deadline=timezone.now() - PAST)
    client.force_login(reviewer.user)
    review = start_review(assignment=assignment)
    response = client.post(review_url(assignment), scores_post(assignment, review))
    assert response.status_code == 409
    assert "The review deadline has passed" in response.content.decode()
    assert Review.objects.get().version == 1


def test_htmx_autosave_returns_the_status_and_the_new_version(client, reviewer, assignment):
    client.force_login(reviewer.user)
    review = start_review(assignment=assignment)
    response = client.post(
        review_url(assignment), scores_post(assignment, review), headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Draft saved at" in content
    assert 'name="version" value="2"' in content
    assert 'data-hx-swap-oob="true"' in content


def test_a_person_not_yet_linked_is_linked_by_email(client, intake, application):
    from tests.selection.factories import ReviewerFactory
    from upon.accounts.services import grant_role

    person = UserFactory(email="late@example.org")
    reviewer = ReviewerFactory(intake=intake, user=None, email="late@example.org")
    grant_role(user=person, role="reviewer", programme=intake.programme, intake=intake)
    assignment = ReviewAssignmentFactory(reviewer=reviewer, application=application)
    client.force_login(person)
    assert applicant_code(application) in client.get(reverse("selection:queue")).content.decode()
    assert client.get(review_url(assignment)).status_code == 200


def test_accepting_the_invitation_links_the_pool_place(client, intake, application, team):
    from upon.accounts import services as accounts
    from upon.accounts.models import Invitation
    from upon.selection import pool

    reviewer = pool.add_reviewer(
        intake=intake, added_by=team, email="New.Reviewer@example.org", full_name="N", capacity=3
    )
    assert reviewer.user is None
    person = UserFactory(email="new.reviewer@example.org")
    invitation = Invitation.objects.get(email="new.reviewer@example.org")
    accounts.accept_invitation(invitation=invitation, user=person)
    reviewer.refresh_from_db()
    assert reviewer.user == person


def test_a_place_added_for_someone_who_already_reviews_is_linked_at_once(intake, team):
    from upon.accounts.models import Invitation
    from upon.accounts.services import grant_role
    from upon.selection import pool

    person = UserFactory(email="second@example.org")
    grant_role(user=person, role="reviewer", programme=intake.programme, intake=intake)
    place = pool.add_reviewer(
        intake=intake, added_by=team, email="second@example.org", full_name="S", capacity=2
    )
    assert place.user == person
    assert not Invitation.objects.filter(email="second@example.org").exists()


def test_checking_an_unlinked_place_writes_nothing(client, intake, application):
    from tests.selection.factories import ReviewerFactory
    from upon.accounts.models import Role, RoleAssignment

    person = UserFactory(email="legacy@example.org")
    reviewer = ReviewerFactory(intake=intake, user=None, email="legacy@example.org")
    # A role given before places were linked on granting: no signal, so the place is unlinked.
    RoleAssignment.objects.create(
        user=person, role=Role.REVIEWER, programme=intake.programme, intake=intake
    )
    assignment = ReviewAssignmentFactory(reviewer=reviewer, application=application)
    client.force_login(person)
    with assert_no_writes():
        assert client.get(review_url(assignment)).status_code == 200
        queue = client.get(reverse("selection:queue")).content.decode()
    assert applicant_code(application) in queue
    reviewer.refresh_from_db()
    assert reviewer.user is None


def test_a_submit_that_loses_to_an_autosave_carries_the_new_version(client, reviewer, assignment):
    """The page opened at version 1; its autosave saved first (version 2); the Submit, still
    naming version 1, is refused once, keeps what was chosen and names version 2, so the next
    Submit goes through instead of being refused forever."""
    client.force_login(reviewer.user)
    opened = Review()  # nothing saved yet: version 1
    autosave = client.post(
        review_url(assignment),
        scores_post(assignment, opened, score="2"),
        headers={"HX-Request": "true"},
    )
    assert autosave.status_code == 200
    assert 'name="version" value="2"' in autosave.content.decode()
    refused = client.post(review_url(assignment), scores_post(assignment, opened, submit=True))
    content = refused.content.decode()
    assert refused.status_code == 409
    assert 'name="version" value="2"' in content
    chosen = re.findall(r'name="score_\d+" type="radio" value="(\d)"[^>]* checked', content)
    assert chosen == ["3"] * 7
    assert Review.objects.get().submitted_at is None
    again = client.post(review_url(assignment), refused.context["form"].data)
    assert again.status_code == 302
    review = Review.objects.get()
    assert review.submitted_at is not None
    assert (review.version, sorted(set(review.scores.values_list("score", flat=True)))) == (3, [3])
