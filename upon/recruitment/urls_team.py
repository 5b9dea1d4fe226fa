from django.urls import path

from upon.recruitment.views import team_applications, team_intakes

app_name = "team"

urlpatterns = [
    path("", team_intakes.team_home, name="home"),
    path("intakes/", team_intakes.intakes, name="intakes"),
    path("programmes/new/", team_intakes.programme_create, name="programme_create"),
    path("intakes/new/", team_intakes.intake_create, name="intake_create"),
    path("intakes/<int:pk>/", team_intakes.intake_dashboard, name="intake_dashboard"),
    path("intakes/<int:pk>/edit/", team_intakes.intake_edit, name="intake_edit"),
    path("intakes/<int:pk>/applications/", team_applications.applications, name="applications"),
    path(
        "intakes/<int:pk>/applications/export.csv",
        team_applications.export_csv,
        name="export_csv",
    ),
    path(
        "intakes/<int:pk>/applications/export.xlsx",
        team_applications.export_xlsx,
        name="export_xlsx",
    ),
    path(
        "applications/<str:reference>/",
        team_applications.application_detail,
        name="application_detail",
    ),
]
