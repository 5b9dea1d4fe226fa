from django.urls import path

from upon.workforce import views, views_analytics

app_name = "workforce"

urlpatterns = [
    # The programme team (of any programme): the national register of directors.
    path("team/register/", views.authorities, name="authorities"),
    path("team/register/authorities/<int:pk>/", views.authority, name="authority"),
    path("team/register/authorities/<int:pk>/add/", views.add_tenure, name="add_tenure"),
    path("team/register/tenures/<int:pk>/", views.tenure, name="tenure"),
    path("team/register/tenures/<int:pk>/change/", views.change_tenure, name="change_tenure"),
    path("team/register/tenures/<int:pk>/end/", views.end_tenure, name="end_tenure"),
    path("team/register/tenures/<int:pk>/account/", views.link_account, name="link_account"),
    path(
        "team/register/tenures/<int:pk>/account/unlink/",
        views.unlink_account,
        name="unlink_account",
    ),
    path("team/register/import/", views.upload, name="upload"),
    path("team/register/import/<int:pk>/", views.check_import, name="check_import"),
    path("team/register/template.csv", views.template_csv, name="template_csv"),
    path("team/register/template.xlsx", views.template_xlsx, name="template_xlsx"),
    path("team/register/export.csv", views.export_csv, name="export_csv"),
    path("team/register/export.xlsx", views.export_xlsx, name="export_xlsx"),
    # The register's analytics (aggregates only): the team, the lead and the funder.
    path("outcomes/register/", views_analytics.index, name="analytics"),
    path("outcomes/register/years/", views_analytics.years, name="analytics_years"),
    path("outcomes/register/years.csv", views_analytics.years_csv, name="analytics_years_csv"),
    path("outcomes/register/tenure/", views_analytics.tenure, name="analytics_tenure"),
    path("outcomes/register/survival/", views_analytics.survival, name="analytics_survival"),
    path(
        "outcomes/register/survival.csv",
        views_analytics.survival_csv,
        name="analytics_survival_csv",
    ),
]
