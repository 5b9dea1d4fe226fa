from django.urls import path

from upon.support import views

app_name = "support"

urlpatterns = [
    # Participants, alumni and new directors: their own posts
    path("posts/", views.posts, name="posts"),
    path("posts/new/", views.add_post, name="add_post"),
    path("posts/<int:pk>/", views.edit_post, name="edit_post"),
    path("posts/<int:pk>/end/", views.end_post, name="end_post"),
    # New directors: their support
    path("support/", views.my_support, name="my_support"),
    # The programme team
    path("team/appointments/", views.team_appointments, name="team_appointments"),
    path("team/appointments/<int:pk>/", views.verify_appointment, name="verify_appointment"),
    path(
        "team/appointments/<int:pk>/open-support/",
        views.open_entitlement,
        name="open_entitlement",
    ),
    path("team/entitlements/", views.team_entitlements, name="team_entitlements"),
]
