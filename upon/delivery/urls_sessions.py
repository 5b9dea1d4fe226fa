"""The cohort, its timetable and sessions, the planner, the mode switch and calendars.

The team's pages are under /team/; a participant's calendar page under /programme/; the
personal feed at /calendar/<secret>.ics, with no sign-in.
"""

from django.urls import path

from upon.delivery.views import calendar, team_sessions

app_name = "delivery_sessions"

urlpatterns = [
    # The programme team
    path("team/intakes/<int:pk>/delivery/", team_sessions.delivery, name="delivery"),
    path("team/intakes/<int:pk>/delivery/cohort/", team_sessions.make_cohort, name="make_cohort"),
    path("team/cohorts/<int:pk>/settings/", team_sessions.cohort_settings, name="settings"),
    path("team/cohorts/<int:pk>/timetable/", team_sessions.timetable, name="timetable"),
    path("team/cohorts/<int:pk>/timetable/publish/", team_sessions.publish, name="publish"),
    path("team/cohorts/<int:pk>/sessions/new/", team_sessions.add_session, name="add_session"),
    path("team/sessions/<int:pk>/", team_sessions.edit_session, name="edit_session"),
    path("team/sessions/<int:pk>/delete/", team_sessions.delete_session, name="delete_session"),
    path("team/sessions/<int:pk>/materials/new/", team_sessions.add_material, name="add_material"),
    path("team/materials/<int:pk>/remove/", team_sessions.remove_material, name="remove_material"),
    path("team/cohorts/<int:pk>/venues/", team_sessions.venues, name="venues"),
    path("team/cohorts/<int:pk>/venues/new/", team_sessions.venue_form, name="add_venue"),
    path(
        "team/cohorts/<int:pk>/venues/<int:venue_pk>/",
        team_sessions.venue_form,
        name="edit_venue",
    ),
    path("team/cohorts/<int:pk>/availability/", team_sessions.availability, name="availability"),
    path(
        "team/cohorts/<int:pk>/availability/<int:unavailability_pk>/remove/",
        team_sessions.remove_unavailability,
        name="remove_unavailability",
    ),
    path("team/cohorts/<int:pk>/plan/", team_sessions.plan, name="plan"),
    path("team/cohorts/<int:pk>/plan/accept/", team_sessions.accept_plan, name="accept_plan"),
    path("team/cohorts/<int:pk>/mode/", team_sessions.switch_mode, name="switch_mode"),
    # The cohort's people
    path("sessions/<int:pk>/calendar.ics", calendar.session_file, name="session_file"),
    path("materials/<int:pk>/file/", team_sessions.material_file, name="material_file"),
    path("programme/calendar/", calendar.my_calendar, name="my_calendar"),
    path("programme/calendar/reset/", calendar.reset_calendar, name="reset_calendar"),
    # The personal feed: the secret address is the key
    path("calendar/<str:token>.ics", calendar.feed, name="feed"),
    path(
        "calendar/facilitating/<str:token>.ics",
        calendar.facilitator_feed,
        name="facilitator_feed",
    ),
    path("facilitating/calendar/", calendar.facilitator_calendar, name="facilitator_calendar"),
    path(
        "facilitating/calendar/reset/",
        calendar.reset_facilitator_calendar,
        name="reset_facilitator_calendar",
    ),
]
