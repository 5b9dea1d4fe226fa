"""Calibration, the moderation panel and the panel's decisions."""

import html

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from tests.charts import chart_ids, drawn_chart
from tests.factories import SubmittedApplicationFactory, UserFactory
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from upon.recruitment.models import Application, ApplicationStatus
from upon.selection import calibration, decisions
from upon.selection.models import (
    AssignmentSource,
    AuditEvent,
    Conflict,
    ConflictKind,
    Decision,
    ReviewAssignment,
    Reviewer,
)


@pytest.fixture
def scored(intake):
    """Four applications scored by a lenient and a severe reviewer, and one disputed."""
    SelectionSettingsFactory(intake=intake, places=2)
    lenient = ReviewerFactory(intake=intake, user=UserFactory(full_name="Lenient Lee"))
    severe = ReviewerFactory(intake=intake, user=UserFactory(full_name="Severe Sam"))
    ReviewerFactory(intake=intake, user=UserFactory(full_name="Spare Sol"))
    applications = [SubmittedApplicationFactory(intake=intake) for _ in range(4)]
    pairs = [(4, 3), (3, 3), (3, 2), (4, 1)]  # only the last more than 1 apart
    for application, (high, low) in zip(applications, pairs, strict=True):
        submitted_review(
            ReviewAssignmentFactory(reviewer=lenient, application=application), [high] * 7
        )
        submitted_review(
            ReviewAssignmentFactory(reviewer=severe, application=application), [low] * 7
        )
    return applications


def test_calibration_page_shows_leniency_and_agreement(client, team, intake, scored):
    client.force_login(team)
    content = client.get(reverse("selection:calibration", args=[intake.pk])).content.decode()
    assert "Lenient Lee" in content and "Severe Sam" in content
    assert "Krippendorff" in content
    assert "1 application has overall scores more than 1.0 apart" in content


def test_the_lenient_reviewer_has_a_positive_offset(intake, scored):
    result = calibration.intake_calibration(intake=intake)
    offsets = sorted((r.offset, r.reviewer_id) for r in result.reviewers.values())
    assert offsets[0][0] < 0 < offsets[1][0]
    assert result.reviews == 8


def test_further_review_goes_to_the_disputed_application_only(client, team, intake, scored):
    client.force_login(team)
    client.post(reverse("selection:further_reviews", args=[intake.pk]))
    further = ReviewAssignment.objects.filter(source=AssignmentSource.FURTHER)
    assert [a.application for a in further] == [scored[3]]
    assert further.get().reviewer.full_name == "Spare Sol"
    client.post(reverse("selection:further_reviews", args=[intake.pk]))
    assert ReviewAssignment.objects.filter(source=AssignmentSource.FURTHER).count() == 1


def _spare(intake):
    return Reviewer.objects.get(intake=intake, full_name="Spare Sol")


def _further(client, intake):
    response = client.post(reverse("selection:further_reviews", args=[intake.pk]), follow=True)
    return html.unescape(response.content.decode())


def test_further_review_says_none_was_free(client, team, intake, scored):
    Reviewer.objects.filter(pk=_spare(intake).pk).update(capacity=0)
    client.force_login(team)
    page = _further(client, intake)
    assert "0 further reviews assigned." in page
    assert (
        f"1 application could not get one: {scored[3].reference} (no reviewer has capacity "
        "left)." in page
    )


def test_further_review_says_all_were_conflicted(client, team, intake, scored):
    Conflict.objects.create(reviewer=_spare(intake), application=scored[3], kind=ConflictKind.TEAM)
    client.force_login(team)
    page = _further(client, intake)
    assert (
        f"1 application could not get one: {scored[3].reference} (every reviewer with "
        "capacity left has a conflict of interest with it)." in page
    )


def test_further_review_says_who_got_one_and_nothing_about_none_short(client, team, intake, scored):
    client.force_login(team)
    page = _further(client, intake)
    assert "1 further review assigned." in page
    assert "could not get one" not in page


def test_panel_ranks_by_calibrated_merit(client, team, intake, scored):
    client.force_login(team)
    content = client.get(reverse("selection:moderation", args=[intake.pk])).content.decode()
    positions = [content.index(a.reference) for a in scored[:3]]
    assert positions == sorted(positions)
    assert "Reviewers disagree" in content


@pytest.mark.parametrize("count", [1, 3])
def test_panel_query_count_is_the_same_for_1_and_3(
    client, team, intake, django_assert_num_queries, count
):
    SelectionSettingsFactory(intake=intake, places=2)
    reviewer = ReviewerFactory(intake=intake)
    for _ in range(count):
        submitted_review(ReviewAssignmentFactory(reviewer=reviewer), [3] * 7)
    client.force_login(team)
    client.get(reverse("selection:moderation", args=[intake.pk]))
    # session, user, roles, intake, settings, reviews, decisions, references.
    with django_assert_num_queries(8):
        response = client.get(reverse("selection:moderation", args=[intake.pk]))
    assert response.content.decode().count("Not decided") == count


def test_panel_is_404_for_another_programme_and_403_for_a_reviewer(
    client, other_team, intake, scored
):
    url = reverse("selection:moderation", args=[intake.pk])
    client.force_login(other_team)
    assert client.get(url).status_code == 404
    reviewer = ReviewAssignmentFactory(reviewer__intake=intake).reviewer
    client.force_login(reviewer.user)
    assert client.get(url).status_code == 403


def test_a_decision_is_recorded_with_its_audit(client, team, scored):
    client.force_login(team)
    application = scored[0]
    url = reverse("selection:decide", args=[application.reference])
    assert "Lenient Lee" in client.get(url).content.decode()
    response = client.post(url, {"outcome": "shortlist", "rationale": "Strong throughout"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SHORTLISTED
    event = AuditEvent.objects.get(action="decision_recorded")
    assert event.after == {"outcome": "shortlist", "rationale": "Strong throughout"}
    assert event.actor == team


def test_two_panel_members_never_overwrite_each_other(client, team, lead, scored):
    application = scored[0]
    decisions.decide(
        application=application, outcome="reserve", rationale="First", decided_by=team, version=None
    )
    url = reverse("selection:decide", args=[application.reference])
    client.force_login(lead)
    stale = {"outcome": "decline", "rationale": "Second", "version": ""}
    response = client.post(url, stale)
    assert response.status_code == 409
    assert "Someone else changed this since you opened it" in response.content.decode()
    assert Decision.objects.get().rationale == "First"
    current = {"outcome": "decline", "rationale": "Second", "version": "1"}
    assert client.post(url, current).status_code == 302
    assert Decision.objects.get().rationale == "Second"


def test_a_published_decision_changes_only_with_a_reason(client, team, scored):
    application = scored[0]
    decision = decisions.decide(
        application=application, outcome="decline", rationale="Weak", decided_by=team, version=None
    )
    decision.published_at = timezone.now()
    decision.save()
    client.force_login(team)
    url = reverse("selection:decide", args=[application.reference])
    data = {"outcome": "reserve", "rationale": "Reconsidered", "version": "1"}
    response = client.post(url, data)
    assert "Enter a reason for reversing this published decision" in response.content.decode()
    assert Decision.objects.get().outcome == "decline"
    data["reversal_reason"] = "Score entered wrongly"
    assert client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="decision_reversed")
    assert event.before["outcome"] == "decline"
    assert event.after["outcome"] == "reserve"
    assert event.reason == "Score entered wrongly"


def test_decide_is_404_for_another_programme(client, other_team, scored):
    client.force_login(other_team)
    url = reverse("selection:decide", args=[scored[0].reference])
    assert client.get(url).status_code == 404
    assert client.post(url, {"outcome": "shortlist", "rationale": "x"}).status_code == 404
    assert not Decision.objects.exists()


def bulk(intake):
    return reverse("selection:bulk_decide", args=[intake.pk])


def test_bulk_decision_for_ticked_applications(client, team, intake, scored):
    client.force_login(team)
    data = {
        "selected": [scored[2].reference, scored[3].reference],
        f"version-{scored[2].reference}": "",
        f"version-{scored[3].reference}": "",
        "outcome": "decline",
        "rationale": "Below the bar on most capabilities",
    }
    response = client.post(bulk(intake) + "?show=undecided", data, follow=True)
    assert response.redirect_chain[-1][0].endswith("/selection/panel/?show=undecided")
    assert "Decision recorded for 2 applications." in response.content.decode()
    decided = Decision.objects.order_by("application_id")
    assert [(d.application, d.outcome) for d in decided] == [
        (scored[2], "decline"),
        (scored[3], "decline"),
    ]
    assert AuditEvent.objects.filter(action="decision_recorded").count() == 2


def test_bulk_leaves_a_decision_changed_since_the_page_was_shown(
    client, team, lead, intake, scored
):
    seen = decisions.decide(
        application=scored[0], outcome="reserve", rationale="First", decided_by=lead, version=None
    )
    decisions.decide(
        application=scored[0], outcome="shortlist", rationale="Second", decided_by=lead, version=1
    )
    client.force_login(team)
    data = {
        "selected": [scored[0].reference, scored[1].reference],
        f"version-{scored[0].reference}": str(seen.version),  # 1: before the change to 2
        f"version-{scored[1].reference}": "",
        "outcome": "reserve",
        "rationale": "Hold",
    }
    content = client.post(bulk(intake), data, follow=True).content.decode()
    assert "Decision recorded for 1 application." in content
    assert f"Someone else changed the decision on {scored[0].reference}" in content
    assert Decision.objects.get(application=scored[0]).rationale == "Second"
    assert Decision.objects.get(application=scored[1]).outcome == "reserve"


def test_bulk_with_nothing_ticked_says_so_and_keeps_the_rationale(client, team, intake, scored):
    client.force_login(team)
    response = client.post(bulk(intake), {"outcome": "reserve", "rationale": "Typed with care"})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_selected">Select at least one application</a>' in content
    assert "Typed with care</textarea>" in content
    assert not Decision.objects.exists()


def test_bulk_refuses_another_intakes_application(client, team, intake, scored):
    stranger = SubmittedApplicationFactory()
    client.force_login(team)
    data = {"selected": [stranger.reference], "outcome": "reserve", "rationale": "x"}
    content = client.post(bulk(intake), data).content.decode()
    assert "Select applications from this intake" in content
    assert not Decision.objects.exists()


def test_bulk_is_404_for_another_programme_and_403_for_a_reviewer(
    client, other_team, intake, scored
):
    data = {"selected": [scored[0].reference], "outcome": "reserve", "rationale": "x"}
    client.force_login(other_team)
    assert client.post(bulk(intake), data).status_code == 404
    reviewer = ReviewAssignmentFactory(reviewer__intake=intake).reviewer
    client.force_login(reviewer.user)
    assert client.post(bulk(intake), data).status_code == 403
    assert not Decision.objects.exists()


def test_calibration_is_reused_until_a_submitted_review_changes(
    intake, scored, django_assert_num_queries
):
    first = calibration.intake_calibration(intake=intake)
    with django_assert_num_queries(1):  # the reviews' fingerprint only
        again = calibration.intake_calibration(intake=intake)
    assert again.merit.tolist() == first.merit.tolist()
    review = scored[0].review_assignments.get(reviewer__full_name="Severe Sam").review
    review.overall = 1
    review.version += 1
    review.save()
    changed = calibration.intake_calibration(intake=intake)
    assert changed.application(scored[0].pk).raw_mean == 2.5
    assert first.application(scored[0].pk).raw_mean == 3.5


def test_bulk_decisions_are_all_or_nothing_when_one_fails(team, scored):
    # The second application is withdrawn and deleted after the panel loaded the page: saving
    # its status finds no row, which fails the whole batch, the first decision included.
    first, gone, third = scored[0], scored[1], scored[2]
    Application.objects.filter(pk=gone.pk).delete()
    with pytest.raises(DatabaseError):
        decisions.decide_many(
            applications_and_versions=[(first, None), (gone, None), (third, None)],
            outcome="reserve",
            rationale="Hold",
            decided_by=team,
        )
    assert not Decision.objects.exists()
    assert not AuditEvent.objects.filter(action="decision_recorded").exists()
    first.refresh_from_db()
    assert first.status == ApplicationStatus.SUBMITTED


def test_one_review_each_shows_the_uncertainty_cannot_be_estimated(client, team, intake):
    SelectionSettingsFactory(intake=intake, places=2)
    reviewer = ReviewerFactory(intake=intake)
    applications = [SubmittedApplicationFactory(intake=intake) for _ in range(2)]
    for application, score in zip(applications, [4, 2], strict=True):
        submitted_review(
            ReviewAssignmentFactory(reviewer=reviewer, application=application), [score] * 7
        )
    result = calibration.intake_calibration(intake=intake)
    assert result.application(applications[0].pk).uncertainty is None
    client.force_login(team)
    panel = client.get(reverse("selection:moderation", args=[intake.pk])).content.decode()
    decide = client.get(reverse("selection:decide", args=[applications[0].reference]))
    for content in (panel, decide.content.decode()):
        assert "uncertainty cannot be estimated" in content
        assert "±" not in content


def test_calibration_page_draws_each_reviewers_leniency_with_its_interval(
    client, team, intake, scored
):
    result = calibration.intake_calibration(intake=intake)
    severe, lenient = sorted(result.reviewers.values(), key=lambda r: r.offset)
    assert severe.uncertainty == pytest.approx(lenient.uncertainty) and severe.uncertainty > 0
    client.force_login(team)
    content = client.get(reverse("selection:calibration", args=[intake.pk])).content.decode()
    assert chart_ids(content) == ["leniency-chart"]
    chart = drawn_chart(content, "leniency-chart")
    assert chart.title == "Reviewers' leniency"
    assert chart.summary == (
        "Bar chart: each reviewer's estimated leniency on the 1 to 4 scale, below 0 scoring "
        "severely and above 0 generously, with a line across each bar for its 95% interval. "
        f"The most severe is Severe Sam (−{-severe.offset:.2f}), the most lenient Lenient Lee "
        f"(+{lenient.offset:.2f}). The table below gives every reviewer's figures."
    )
    assert [(row.label, row.texts, row.error_bar) for row in chart.rows] == [
        ("Severe Sam", (f"−{-severe.offset:.2f}",), True),
        ("Lenient Lee", (f"+{lenient.offset:.2f}",), True),
    ]
    low, high = severe.offset - 1.96 * severe.uncertainty, severe.offset + 1.96 * severe.uncertainty
    assert f"{low:.2f} to {high:.2f}</td>" in content


def test_with_one_review_each_the_leniency_has_no_interval(client, team, intake):
    SelectionSettingsFactory(intake=intake)
    reviewer = ReviewerFactory(intake=intake, user=UserFactory(full_name="Only Olu"))
    for _ in range(2):
        submitted_review(
            ReviewAssignmentFactory(
                reviewer=reviewer, application=SubmittedApplicationFactory(intake=intake)
            ),
            [3] * 7,
        )
    client.force_login(team)
    content = client.get(reverse("selection:calibration", args=[intake.pk])).content.decode()
    chart = drawn_chart(content, "leniency-chart")
    assert [(row.label, row.texts, row.error_bar) for row in chart.rows] == [
        ("Only Olu", ("0.00",), False)
    ]
    assert "The intervals cannot be estimated yet" in chart.summary
    assert "Not known yet</td>" in content
