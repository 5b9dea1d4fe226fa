from django.urls import path

from upon.reporting import views

app_name = "reporting"

urlpatterns = [
    # The applicant's own, optional equality monitoring answers.
    path("applications/<str:reference>/equality/", views.monitoring_form, name="monitoring_form"),
    # Aggregate only, counts under 5 suppressed, programme lead only.
    path("team/intakes/<int:pk>/equality/", views.equality_report, name="equality_report"),
    path(
        "team/intakes/<int:pk>/adverse-impact/",
        views.adverse_impact_report,
        name="adverse_impact",
    ),
]
