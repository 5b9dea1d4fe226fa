from django.urls import path

from upon.selection.views import team_assessment, team_cohort, team_panel, team_pool

app_name = "team_selection"

urlpatterns = [
    path("intakes/<int:pk>/selection/", team_pool.overview, name="overview"),
    path("intakes/<int:pk>/selection/settings/", team_pool.edit_settings, name="settings"),
    path("intakes/<int:pk>/selection/reviewers/new/", team_pool.add_reviewer, name="add_reviewer"),
    path("intakes/<int:pk>/selection/assign/", team_pool.run_assignment, name="assign"),
    path("reviewers/<int:pk>/withdraw/", team_pool.withdraw_reviewer, name="withdraw_reviewer"),
    path(
        "applications/<str:reference>/reviewers/",
        team_pool.application_reviewers,
        name="application_reviewers",
    ),
    path("intakes/<int:pk>/selection/calibration/", team_panel.calibration, name="calibration"),
    path(
        "intakes/<int:pk>/selection/further-reviews/",
        team_panel.further_reviews,
        name="further_reviews",
    ),
    path("intakes/<int:pk>/selection/panel/", team_panel.panel, name="moderation"),
    path("intakes/<int:pk>/selection/panel/decide/", team_panel.bulk_decide, name="bulk_decide"),
    path("applications/<str:reference>/decision/", team_panel.decide, name="decide"),
    path("intakes/<int:pk>/selection/assessment/", team_assessment.overview, name="assessment"),
    path(
        "intakes/<int:pk>/selection/assessment/slots/new/",
        team_assessment.add_slot,
        name="add_assessment_slot",
    ),
    path(
        "applications/<str:reference>/assessment/",
        team_assessment.application_assessment,
        name="application_assessment",
    ),
    path("intakes/<int:pk>/selection/cohort/", team_cohort.cohort_page, name="cohort"),
    path("intakes/<int:pk>/selection/cohort/confirm/", team_cohort.confirm, name="confirm"),
    path(
        "intakes/<int:pk>/selection/decisions/publish/",
        team_cohort.publish_decisions,
        name="publish_decisions",
    ),
    path("applications/<str:reference>/feedback/", team_cohort.feedback, name="feedback"),
    path("assignments/<int:pk>/remove/", team_pool.remove_assignment, name="remove_assignment"),
]
