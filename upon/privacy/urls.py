from django.urls import path

from upon.privacy import views

app_name = "privacy"

urlpatterns = [
    # Public
    path("privacy/", views.notice, name="notice"),
    # Programme team and lead
    path("team/privacy/", views.home, name="home"),
    path("team/programmes/<int:pk>/privacy/", views.programme_page, name="programme"),
    path(
        "team/programmes/<int:pk>/privacy/equality-reads/",
        views.equality_reads,
        name="equality_reads",
    ),
    path("team/privacy/people/<int:pk>/", views.person, name="person"),
    path("team/privacy/people/<int:pk>/export/", views.export_person, name="export"),
    path("team/privacy/people/<int:pk>/erase/", views.erase_person, name="erase"),
]
