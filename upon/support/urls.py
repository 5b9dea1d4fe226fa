from django.urls import path

from upon.support import (
    views,
    views_coaches,
    views_coaching_log,
    views_employers,
    views_learning,
    views_matching,
)

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
    path("team/programmes/<int:pk>/posts/new/", views.record_post_for, name="record_post_for"),
]

# Coaches and matching (issue 12, items 3 and 4)
urlpatterns += [
    # The programme team: the coach pool and the match
    path("team/coaches/", views_coaches.coach_pool_page, name="coach_pool"),
    path("team/programmes/<int:pk>/coaches/new/", views_coaches.add_coach, name="add_coach"),
    path("team/coaches/<int:pk>/", views_coaches.change_coach, name="change_coach"),
    path(
        "team/coaches/<int:pk>/conflicts/new/",
        views_coaches.declare_conflict,
        name="declare_conflict",
    ),
    path("team/coaches/<int:pk>/remove/", views_coaches.remove_coach, name="remove_coach"),
    path("team/programmes/<int:pk>/match/", views_matching.match, name="match"),
    path(
        "team/programmes/<int:pk>/match/confirm/",
        views_matching.confirm_match,
        name="confirm_match",
    ),
    # New directors: their shortlist of coaches, and asking for another coach
    path("support/coaches/", views_matching.shortlist, name="shortlist"),
    path("support/coaching/<int:pk>/rematch/", views_matching.ask_rematch, name="ask_rematch"),
    # Coaches: their directors
    path("coaching/", views_matching.coach_home, name="coach_home"),
    path("coaching/<int:pk>/decline/", views_matching.decline_director, name="decline_director"),
]

# Employers: the contact's partnership and check-ins
urlpatterns += [
    path(
        "support/<int:pk>/employer/",
        views_employers.invite_employer,
        name="invite_employer",
    ),
    path("employer/", views_employers.my_check_ins, name="my_check_ins"),
    path(
        "employer/check-ins/<str:token>/",
        views_employers.employer_check_ins,
        name="employer_check_ins",
    ),
    path(
        "employer/check-ins/<str:token>/<int:month>/",
        views_employers.employer_check_in,
        name="employer_check_in",
    ),
    path(
        "employer/check-ins/<str:token>/account/",
        views_employers.employer_account,
        name="employer_account",
    ),
    path("team/employer-check-ins/", views_employers.team_check_ins, name="team_check_ins"),
]

# The coaching log (issue 12, item 5)
urlpatterns += [
    # The coach and the director of a relationship: its log, a session, the relationship check
    path("coaching/<int:pk>/log/", views_coaching_log.coaching_log, name="coaching_log"),
    path("coaching/<int:pk>/log/new/", views_coaching_log.log_session, name="log_session"),
    path(
        "coaching/<int:pk>/check/",
        views_coaching_log.relationship_check,
        name="relationship_check",
    ),
    # The programme team: hours and counts, and low answers to review
    path("team/coaching/", views_coaching_log.team_coaching, name="team_coaching"),
    path(
        "team/coaching/checks/<int:pk>/reviewed/",
        views_coaching_log.mark_check_reviewed,
        name="mark_check_reviewed",
    ),
]

# Further learning (issue 12, item 7)
urlpatterns += [
    # The programme team: events, their bookings and the register of attendance
    path("team/further-learning/", views_learning.team_events, name="team_learning_events"),
    path(
        "team/programmes/<int:pk>/further-learning/new/",
        views_learning.add_event,
        name="add_learning_event",
    ),
    path(
        "team/further-learning/<int:pk>/",
        views_learning.change_event,
        name="change_learning_event",
    ),
    path(
        "team/further-learning/<int:pk>/bookings/",
        views_learning.event_bookings,
        name="learning_event_bookings",
    ),
    # New directors and alumni: events, booking, cancelling, calendars
    path("further-learning/", views_learning.my_events, name="further_learning"),
    path("further-learning/<int:pk>/", views_learning.event_page, name="learning_event"),
    path("further-learning/<int:pk>/book/", views_learning.book, name="book_learning_event"),
    path(
        "further-learning/<int:pk>/calendar.ics",
        views_learning.event_file,
        name="learning_event_file",
    ),
    path(
        "further-learning/bookings/<int:pk>/cancel/",
        views_learning.cancel_booking,
        name="cancel_learning_booking",
    ),
    path(
        "further-learning/feed/<str:token>/",
        views_learning.feed,
        name="learning_feed",
    ),
]
