from django.urls import path

from upon.selection.views import (
    applicant,
    reviewer,
    team_assessment,
    team_cohort,
    team_panel,
    team_pool,
)

app_name = "selection"

urlpatterns = [
    # Reviewers: their queue of applications to review.
    path("reviews/", reviewer.queue, name="queue"),
    path("reviews/rubric/", reviewer.rubric, name="rubric"),
    path("reviews/<int:pk>/", reviewer.review, name="review"),
    path("reviews/<int:pk>/conflict/", reviewer.declare_conflict, name="declare_conflict"),
    # Applicants: the answer to an offer of a place.
    path("applications/<str:reference>/offer/", applicant.respond, name="respond_to_offer"),
    path("applications/<str:reference>/offer/decline/", applicant.decline, name="decline_offer"),
    # Programme team: reviewers and assignment, calibration and the panel, assessment, the
    # cohort and the decisions.
    path("team/intakes/<int:pk>/selection/", team_pool.overview, name="overview"),
    path("team/intakes/<int:pk>/selection/settings/", team_pool.edit_settings, name="settings"),
    path(
        "team/intakes/<int:pk>/selection/reviewers/new/",
        team_pool.add_reviewer,
        name="add_reviewer",
    ),
    path("team/intakes/<int:pk>/selection/assign/", team_pool.run_assignment, name="assign"),
    path(
        "team/reviewers/<int:pk>/withdraw/", team_pool.withdraw_reviewer, name="withdraw_reviewer"
    ),
    path(
        "team/applications/<str:reference>/reviewers/",
        team_pool.application_reviewers,
        name="application_reviewers",
    ),
    path(
        "team/assignments/<int:pk>/remove/", team_pool.remove_assignment, name="remove_assignment"
    ),
    path(
        "team/intakes/<int:pk>/selection/calibration/",
        team_panel.calibration,
        name="calibration",
    ),
    path(
        "team/intakes/<int:pk>/selection/further-reviews/",
        team_panel.further_reviews,
        name="further_reviews",
    ),
    path("team/intakes/<int:pk>/selection/panel/", team_panel.panel, name="moderation"),
    path(
        "team/intakes/<int:pk>/selection/panel/decide/", team_panel.bulk_decide, name="bulk_decide"
    ),
    path("team/applications/<str:reference>/decision/", team_panel.decide, name="decide"),
    path(
        "team/intakes/<int:pk>/selection/assessment/",
        team_assessment.overview,
        name="assessment",
    ),
    path(
        "team/intakes/<int:pk>/selection/assessment/slots/new/",
        team_assessment.add_slot,
        name="add_assessment_slot",
    ),
    path(
        "team/applications/<str:reference>/assessment/",
        team_assessment.application_assessment,
        name="application_assessment",
    ),
    path("team/intakes/<int:pk>/selection/cohort/", team_cohort.cohort_page, name="cohort"),
    path("team/intakes/<int:pk>/selection/cohort/confirm/", team_cohort.confirm, name="confirm"),
    path(
        "team/intakes/<int:pk>/selection/decisions/publish/",
        team_cohort.publish_decisions,
        name="publish_decisions",
    ),
    path("team/applications/<str:reference>/feedback/", team_cohort.feedback, name="feedback"),
    path(
        "team/intakes/<int:pk>/selection/stranded/",
        team_cohort.stranded_applications,
        name="stranded",
    ),
]
