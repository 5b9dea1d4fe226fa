from django.urls import path

from upon.recruitment.views import (
    applications,
    eligibility,
    endorsement,
    public,
    team_applications,
    team_intakes,
)

app_name = "recruitment"

urlpatterns = [
    # Public: the programme and intake pages, and the eligibility check before applying.
    path("programmes/<slug:slug>/", public.programme, name="programme"),
    path("intakes/<slug:slug>/", public.intake, name="intake"),
    path(
        "intakes/<slug:slug>/eligibility/", eligibility.eligibility_start, name="eligibility_start"
    ),
    path(
        "intakes/<slug:slug>/eligibility/result/",
        eligibility.eligibility_result,
        name="eligibility_result",
    ),
    path(
        "intakes/<slug:slug>/eligibility/<slug:question>/",
        eligibility.eligibility_question,
        name="eligibility_question",
    ),
    # Applicants: their applications, from starting one to submitting or withdrawing it; and the
    # endorser's page, reached by the token in their email.
    path("applications/", applications.dashboard, name="applications"),
    path("intakes/<slug:slug>/apply/", applications.start_application, name="start_application"),
    path("applications/<str:reference>/", applications.task_list, name="task_list"),
    path("applications/<str:reference>/about-you/", applications.about_you, name="about_you"),
    path(
        "applications/<str:reference>/current-role/",
        applications.current_role,
        name="current_role",
    ),
    path("applications/<str:reference>/career/", applications.career, name="career"),
    path(
        "applications/<str:reference>/career/<int:pk>/",
        applications.career_entry,
        name="career_entry",
    ),
    path(
        "applications/<str:reference>/career/<int:pk>/delete/",
        applications.career_entry_delete,
        name="career_entry_delete",
    ),
    path(
        "applications/<str:reference>/statements/<int:position>/",
        applications.statement,
        name="statement",
    ),
    path("applications/<str:reference>/endorsement/", endorsement.endorsement, name="endorsement"),
    path("applications/<str:reference>/check/", applications.check_answers, name="check_answers"),
    path("applications/<str:reference>/submitted/", applications.submitted, name="submitted"),
    path("applications/<str:reference>/withdraw/", applications.withdraw, name="withdraw"),
    path("endorse/<str:token>/", endorsement.endorse, name="endorse"),
    # Programme team: programmes, intakes and the applications received.
    path("team/", team_intakes.team_home, name="team_home"),
    path("team/intakes/", team_intakes.intakes, name="team_intakes"),
    path("team/programmes/new/", team_intakes.programme_create, name="programme_create"),
    path("team/intakes/new/", team_intakes.intake_create, name="intake_create"),
    path("team/intakes/<int:pk>/", team_intakes.intake_dashboard, name="intake_dashboard"),
    path("team/intakes/<int:pk>/edit/", team_intakes.intake_edit, name="intake_edit"),
    path(
        "team/intakes/<int:pk>/applications/",
        team_applications.applications,
        name="intake_applications",
    ),
    path(
        "team/intakes/<int:pk>/applications/export.csv",
        team_applications.export_csv,
        name="export_csv",
    ),
    path(
        "team/intakes/<int:pk>/applications/export.xlsx",
        team_applications.export_xlsx,
        name="export_xlsx",
    ),
    path(
        "team/applications/<str:reference>/",
        team_applications.application_detail,
        name="application_detail",
    ),
]
