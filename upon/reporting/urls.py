from django.urls import path

from upon.reporting import views, views_alumni, views_budget, views_outcomes, views_report

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
    # The grant and what the programme achieved: the team and the funder (small counts hidden
    # for the funder); spend is recorded by the team.
    path("outcomes/", views_outcomes.outcomes, name="outcomes"),
    path("outcomes/programmes/<int:pk>/grant/", views_outcomes.grant_page, name="grant"),
    path("outcomes/programmes/<int:pk>/funnel/", views_outcomes.funnel_page, name="funnel"),
    path("outcomes/programmes/<int:pk>/funnel.csv", views_outcomes.funnel_csv, name="funnel_csv"),
    path("outcomes/programmes/<int:pk>/alumni/", views_alumni.alumni_page, name="alumni"),
    path(
        "outcomes/programmes/<int:pk>/alumni-tenure.csv",
        views_alumni.alumni_tenure_csv,
        name="alumni_tenure_csv",
    ),
    path(
        "outcomes/programmes/<int:pk>/alumni-regions.csv",
        views_alumni.alumni_regions_csv,
        name="alumni_regions_csv",
    ),
    # Equality monitoring through the funnel: aggregate, small counts hidden, the lead only.
    path("team/programmes/<int:pk>/diversity/", views_alumni.diversity_page, name="diversity"),
    path(
        "team/programmes/<int:pk>/grant/spend/",
        views_outcomes.record_spend,
        name="record_spend",
    ),
    # The grant's budget lines: the team adds and changes them, with each line's history.
    path(
        "team/programmes/<int:pk>/grant/budget-lines/new/",
        views_budget.add_budget_line,
        name="add_budget_line",
    ),
    path("team/budget-lines/<int:pk>/", views_budget.budget_line, name="budget_line"),
    path(
        "team/budget-lines/<int:pk>/change/",
        views_budget.change_budget_line,
        name="change_budget_line",
    ),
    # The funder's report: the team builds versions and follows them; the team and the
    # programme's funder list and download them (the funder, the finished ones).
    path(
        "outcomes/programmes/<int:pk>/funder-reports/",
        views_report.funder_reports,
        name="funder_reports",
    ),
    path(
        "team/programmes/<int:pk>/funder-reports/new/",
        views_report.new_funder_report,
        name="new_funder_report",
    ),
    path(
        "team/funder-reports/<int:pk>/",
        views_report.funder_report_progress,
        name="funder_report_progress",
    ),
    path(
        "outcomes/funder-reports/<int:pk>/report.pdf",
        views_report.download_funder_report_pdf,
        name="download_funder_report_pdf",
    ),
    path(
        "outcomes/funder-reports/<int:pk>/report.xlsx",
        views_report.download_funder_report_xlsx,
        name="download_funder_report_xlsx",
    ),
]
