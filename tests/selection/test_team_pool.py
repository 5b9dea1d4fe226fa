"""The team's selection pages: settings, the reviewer pool, assigning and removing by hand."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import OrganisationFactory, SubmittedApplicationFactory, UserFactory
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    settings_form,
    submitted_review,
)
from upon.selection import pool
from upon.selection.models import AuditEvent, ReviewAssignment, Reviewer, SelectionSettings


def overview(intake):
    return reverse("selection:overview", args=[intake.pk])


def test_team_sees_the_pool_with_loads(client, team, intake, reviewer, assignment):
    client.force_login(team)
    content = client.get(overview(intake)).content.decode()
    assert "Rowan Reviewer" in content
    assert "1 application in review need 2 reviews. 1 assigned, 0 submitted." in content


def test_another_programmes_team_gets_404_and_an_outsider_403(client, other_team, outsider, intake):
    client.force_login(other_team)
    assert client.get(overview(intake)).status_code == 404
    client.force_login(outsider)
    assert client.get(overview(intake)).status_code == 403


def test_a_reviewer_cannot_see_the_team_pages(client, reviewer, intake):
    client.force_login(reviewer.user)
    assert client.get(overview(intake)).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_overview_query_count_is_the_same_for_1_and_3_reviewers(
    client, team, intake, django_assert_num_queries, count
):
    for _ in range(count):
        ReviewAssignmentFactory(reviewer=ReviewerFactory(intake=intake))
    client.force_login(team)
    client.get(overview(intake))
    # session, user, roles, intake, settings, in review, assignment totals, accepted offers,
    # reviewers.
    with django_assert_num_queries(9):
        response = client.get(overview(intake))
    assert response.content.decode().count('aria-label="Withdraw ') == count


def test_settings_save_with_no_review_deadline(client, team, intake):
    client.force_login(team)
    url = reverse("selection:settings", args=[intake.pk])
    data = settings_form(
        deadline_date_0="", deadline_date_1="", deadline_date_2="", deadline_time=""
    )
    assert client.post(url, data).status_code == 302
    assert SelectionSettings.objects.get(intake=intake).review_deadline is None


def test_settings_are_saved_and_bad_values_keep_what_was_typed(client, team, intake):
    client.force_login(team)
    url = reverse("selection:settings", args=[intake.pk])
    data = {
        "reviews_per_application": "9",
        "disagreement_threshold": "1.5",
        "offer_days": "10",
        "max_per_employer": "2",
        "deadline_date_0": "31",
        "deadline_date_1": "1",
        "deadline_date_2": "2027",
        "deadline_time": "17:00",
        "sector_min_local_government": "4",
        "sector_max_local_government": "2",
    }
    response = client.post(url, data)
    content = response.content.decode()
    assert "Reviewers for each application must be from 1 to 5" in content
    assert (
        "Local government: at most must be at least 4" in content
        or "at most must be at least 4" in content
    )
    assert 'value="1.5"' in content
    data.update(reviews_per_application="3", sector_max_local_government="12")
    assert client.post(url, data).status_code == 302
    selection = SelectionSettings.objects.get(intake=intake)
    assert selection.reviews_per_application == 3
    assert selection.sector_bounds == {"local_government": [4, 12]}
    assert selection.review_deadline.isoformat() == "2027-01-31T17:00:00+00:00"


def test_two_people_saving_the_settings_the_second_sees_both_and_keeps_what_they_typed(
    client, team, lead, intake
):
    SelectionSettingsFactory(intake=intake, places=3, offer_days=14)
    url = reverse("selection:settings", args=[intake.pk])
    client.force_login(team)
    assert client.post(url, settings_form(offer_days="10", version="1")).status_code == 302
    client.force_login(lead)
    response = client.post(url, settings_form(offer_days="30", version="1"))
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else changed this while you were editing" in content
    assert response.context["form"]["offer_days"].value() == "30"  # what they typed, kept
    assert response.context["form"]["version"].value() == "2"  # saving again applies it
    saved = SelectionSettings.objects.get(intake=intake)
    assert (saved.offer_days, saved.version, saved.changed_by) == (10, 2, team)
    assert client.post(url, settings_form(offer_days="30", version="2")).status_code == 302
    assert SelectionSettings.objects.get(intake=intake).offer_days == 30


def test_the_settings_keep_their_history_with_who_and_when(client, team, lead, intake):
    client.force_login(team)
    url = reverse("selection:settings", args=[intake.pk])
    assert client.post(url, settings_form(offer_days="10")).status_code == 302
    pool.save_settings(intake=intake, changes={"offer_days": 21}, changed_by=lead, version=2)
    selection = SelectionSettings.objects.get(intake=intake)
    history = list(selection.history.order_by("history_id"))
    # Created with the defaults by the first save, then that save's changes, then the lead's.
    assert [(h.history_user, h.offer_days, h.reviews_per_application) for h in history] == [
        (team, 14, 2),
        (team, 10, 3),
        (lead, 21, 3),
    ]
    assert history[-1].history_date >= history[-2].history_date


def test_adding_a_reviewer_invites_them(client, team, intake):
    client.force_login(team)
    employer = OrganisationFactory(name="Northfield Trust")
    response = client.post(
        reverse("selection:add_reviewer", args=[intake.pk]),
        {
            "full_name": "Val Reviewer",
            "email": "Val@Example.org",
            "capacity": "12",
            "conflict_organisations": [employer.pk],
            "conflict_people": "Jo Bloggs",
        },
    )
    assert response.status_code == 302
    reviewer = Reviewer.objects.get(email="val@example.org")
    assert reviewer.capacity == 12
    assert list(reviewer.conflict_organisations.all()) == [employer]
    assert mail.outbox[-1].to == ["val@example.org"]
    again = client.post(
        reverse("selection:add_reviewer", args=[intake.pk]),
        {"full_name": "Val", "email": "val@example.org", "capacity": "3"},
    )
    assert "This person is already in the reviewer pool" in again.content.decode()


@pytest.mark.parametrize("status", ["submitted", "shortlisted"])
def test_assigning_by_hand_warns_of_a_conflict_then_records_the_override(
    client, team, intake, application, reviewer, status
):
    application.status = status
    application.save()
    reviewer.conflict_people = "Zadie Quartermain"
    reviewer.save()
    client.force_login(team)
    url = reverse("selection:application_reviewers", args=[application.reference])
    response = client.post(url, {"reviewer": reviewer.pk})
    assert "Declared conflict with this person" in response.content.decode()
    assert not ReviewAssignment.objects.exists()
    client.post(
        url,
        {
            "reviewer": reviewer.pk,
            "despite_conflict": "on",
            "conflict_reason": "They met once at a conference.",
        },
    )
    assert ReviewAssignment.objects.get().reviewer == reviewer
    event = AuditEvent.objects.get(action="assignment_added_despite_conflict")
    assert event.actor == team
    assert event.reason == "They met once at a conference."
    assert event.after == {
        "reviewer": reviewer.email,
        "conflicts": ["Declared conflict with this person"],
    }


def test_assign_anyway_appears_only_where_there_is_a_conflict(client, team, application, reviewer):
    client.force_login(team)
    url = reverse("selection:application_reviewers", args=[application.reference])
    page = client.get(url).content.decode()
    assert "Assign anyway" not in page
    assert 'name="conflict_reason"' not in page
    reviewer.conflict_people = "Zadie Quartermain"
    reviewer.save()
    page = client.post(url, {"reviewer": reviewer.pk}).content.decode()
    assert "Assign anyway" in page
    assert 'name="conflict_reason"' in page


def test_assign_anyway_needs_a_reason(client, team, application, reviewer):
    reviewer.conflict_people = "Zadie Quartermain"
    reviewer.save()
    client.force_login(team)
    url = reverse("selection:application_reviewers", args=[application.reference])
    response = client.post(
        url, {"reviewer": reviewer.pk, "despite_conflict": "on", "conflict_reason": " "}
    )
    page = response.content.decode()
    assert "<title>Error: " in page
    assert response.context["form"].errors == {
        "conflict_reason": ["Enter why this conflict of interest does not matter"]
    }
    assert "Assign anyway" in page
    assert not ReviewAssignment.objects.exists()
    assert not AuditEvent.objects.filter(action="assignment_added_despite_conflict").exists()


def test_a_reason_without_a_conflict_is_not_asked_or_kept(client, team, application, reviewer):
    client.force_login(team)
    url = reverse("selection:application_reviewers", args=[application.reference])
    client.post(url, {"reviewer": reviewer.pk, "conflict_reason": "x"})
    event = AuditEvent.objects.get(action="assignment_added")
    assert event.reason == ""


def test_reviewers_page_is_404_for_another_team_and_403_for_an_outsider(
    client, other_team, application, reviewer
):
    url = reverse("selection:application_reviewers", args=[application.reference])
    client.force_login(other_team)
    assert client.get(url).status_code == 404
    assert client.post(url, {"reviewer": reviewer.pk}).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert not ReviewAssignment.objects.exists()


def test_removing_an_unfinished_assignment(client, team, assignment):
    client.force_login(team)
    response = client.post(reverse("selection:remove_assignment", args=[assignment.pk]))
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.removed_at is not None


def test_a_submitted_review_cannot_be_removed(client, team, assignment):
    submitted_review(assignment, [3] * 7)
    client.force_login(team)
    response = client.post(
        reverse("selection:remove_assignment", args=[assignment.pk]), follow=True
    )
    assert "This review has been submitted, so it stays with the application." in (
        response.content.decode()
    )
    assignment.refresh_from_db()
    assert assignment.removed_at is None


def test_another_programmes_team_cannot_remove(client, other_team, assignment):
    client.force_login(other_team)
    response = client.post(reverse("selection:remove_assignment", args=[assignment.pk]))
    assert response.status_code == 404


def test_withdrawing_a_reviewer_moves_only_unfinished_reviews(client, team, intake, reviewer):
    others = [ReviewerFactory(intake=intake, user=UserFactory()) for _ in range(2)]
    done = ReviewAssignmentFactory(reviewer=reviewer)
    submitted_review(done, [3] * 7)
    open_one = ReviewAssignmentFactory(reviewer=reviewer)
    client.force_login(team)
    response = client.post(
        reverse("selection:withdraw_reviewer", args=[reviewer.pk]), {"reason": "Unwell"}
    )
    assert response.status_code == 302
    done.refresh_from_db()
    open_one.refresh_from_db()
    assert done.removed_at is None
    assert open_one.removed_at is not None
    new = ReviewAssignment.objects.filter(application=open_one.application, removed_at__isnull=True)
    assert {a.reviewer for a in new} <= set(others)
    assert new.count() == 2
    assert not ReviewAssignment.objects.filter(
        reviewer=reviewer, removed_at__isnull=True, application=open_one.application
    ).exists()


def test_run_assignment_gives_every_application_its_reviewers(client, team, intake):
    reviewers = [ReviewerFactory(intake=intake, capacity=3) for _ in range(3)]
    applications = [SubmittedApplicationFactory(intake=intake) for _ in range(4)]
    client.force_login(team)
    response = client.post(reverse("selection:assign", args=[intake.pk]), follow=True)
    assert "8 reviews assigned. Every application has its reviewers." in response.content.decode()
    for application in applications:
        assert ReviewAssignment.objects.filter(application=application).count() == 2
    loads = sorted(ReviewAssignment.objects.filter(reviewer=r).count() for r in reviewers)
    assert loads == [2, 3, 3]


def test_assignment_follows_the_expertise_the_team_gave(team, intake):
    from upon.selection.assignment import run_assignment
    from upon.selection.models import SelectionSettings

    SelectionSettings.objects.create(intake=intake, places=2, reviews_per_application=1)
    health = ReviewerFactory(intake=intake, capacity=2, expertise="Health; mental health")
    schools = ReviewerFactory(intake=intake, capacity=2, expertise="education, schools")
    for sector in ["health", "education", "health", "education"]:
        SubmittedApplicationFactory(intake=intake, sector=sector, job_title="Assistant Director")
    run_assignment(intake=intake, actor=team)
    given = {
        (a.reviewer_id, a.application.sector)
        for a in ReviewAssignment.objects.select_related("application")
    }
    assert given == {(health.pk, "health"), (schools.pk, "education")}
