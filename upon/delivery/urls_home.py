from django.urls import path

from upon.delivery.views import home, register, team_progress

app_name = "delivery_home"

urlpatterns = [
    path("programme/", home.programme, name="programme"),
    path("programme/sessions/<int:pk>/feedback/", home.give_feedback, name="feedback"),
    path("programme/certificate.pdf", home.own_certificate, name="certificate"),
    path("facilitating/", home.facilitating, name="facilitating"),
    path("sessions/<int:pk>/register/", register.register, name="register"),
    path("team/cohorts/<int:pk>/progress/", team_progress.progress, name="team_progress"),
    path(
        "team/cohorts/<int:pk>/progress/confirm/",
        team_progress.confirm_completion,
        name="confirm_completion",
    ),
    path("team/cohorts/<int:pk>/feedback/", team_progress.feedback_results, name="team_feedback"),
    path(
        "team/sessions/<int:pk>/feedback/",
        team_progress.session_feedback,
        name="team_session_feedback",
    ),
    path(
        "team/participants/<int:pk>/place/",
        team_progress.participant_place,
        name="team_participant",
    ),
    path(
        "team/participants/<int:pk>/certificate.pdf",
        team_progress.participant_certificate,
        name="team_certificate",
    ),
]
