from django.urls import path

from upon.recruitment.views import applications as views
from upon.recruitment.views import endorsement

app_name = "applications"

urlpatterns = [
    path("applications/", views.dashboard, name="dashboard"),
    path("intakes/<slug:slug>/apply/", views.start_application, name="start"),
    path("applications/<str:reference>/", views.task_list, name="task_list"),
    path("applications/<str:reference>/about-you/", views.about_you, name="about_you"),
    path("applications/<str:reference>/current-role/", views.current_role, name="current_role"),
    path("applications/<str:reference>/career/", views.career, name="career"),
    path("applications/<str:reference>/career/<int:pk>/", views.career_entry, name="career_entry"),
    path(
        "applications/<str:reference>/career/<int:pk>/delete/",
        views.career_entry_delete,
        name="career_entry_delete",
    ),
    path(
        "applications/<str:reference>/statements/<int:position>/",
        views.statement,
        name="statement",
    ),
    path("applications/<str:reference>/endorsement/", endorsement.endorsement, name="endorsement"),
    path("applications/<str:reference>/check/", views.check_answers, name="check_answers"),
    path("applications/<str:reference>/submitted/", views.submitted, name="submitted"),
    path("applications/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("endorse/<str:token>/", endorsement.endorse, name="endorse"),
]
