"""Every page of programme delivery, grouped by concept. One namespace: `delivery`.

The programme team's pages are under /team/; a participant's under /programme/; a
facilitator's under /facilitating/; calendar feeds at /calendar/<secret>.ics, with no sign-in.
"""

from django.urls import path

from upon.delivery.views import (
    attendance,
    calendars,
    challenge_work,
    challenges,
    cohorts,
    completion,
    feedback,
    meetings,
    needs,
    planning,
    programme,
    self_assessment,
    sessions,
    sets,
)

app_name = "delivery"

urlpatterns = [
    # Cohorts: made from the intake's accepted applicants; a participant's place in one
    path("team/intakes/<int:pk>/delivery/", cohorts.delivery, name="delivery"),
    path("team/intakes/<int:pk>/delivery/cohort/", cohorts.make_cohort, name="make_cohort"),
    path("team/cohorts/<int:pk>/settings/", cohorts.cohort_settings, name="settings"),
    path(
        "team/participants/<int:pk>/place/",
        cohorts.participant_place,
        name="team_participant",
    ),
    # A participant's programme year
    path("programme/", programme.programme, name="programme"),
    # Sessions and venues, with materials
    path("team/cohorts/<int:pk>/timetable/", sessions.timetable, name="timetable"),
    path("team/cohorts/<int:pk>/timetable/publish/", sessions.publish, name="publish"),
    path("team/cohorts/<int:pk>/sessions/new/", sessions.add_session, name="add_session"),
    path("team/sessions/<int:pk>/", sessions.edit_session, name="edit_session"),
    path("team/sessions/<int:pk>/delete/", sessions.delete_session, name="delete_session"),
    path("team/sessions/<int:pk>/materials/new/", sessions.add_material, name="add_material"),
    path("team/materials/<int:pk>/remove/", sessions.remove_material, name="remove_material"),
    path("materials/<int:pk>/file/", sessions.material_file, name="material_file"),
    path("team/cohorts/<int:pk>/venues/", sessions.venues, name="venues"),
    path("team/cohorts/<int:pk>/venues/new/", sessions.venue_form, name="add_venue"),
    path("team/cohorts/<int:pk>/venues/<int:venue_pk>/", sessions.venue_form, name="edit_venue"),
    # Planning: availability, the timetable planner, the mode switch
    path("team/cohorts/<int:pk>/availability/", planning.availability, name="availability"),
    path(
        "team/cohorts/<int:pk>/availability/<int:unavailability_pk>/remove/",
        planning.remove_unavailability,
        name="remove_unavailability",
    ),
    path("team/cohorts/<int:pk>/plan/", planning.plan, name="plan"),
    path("team/cohorts/<int:pk>/plan/accept/", planning.accept_plan, name="accept_plan"),
    path("team/cohorts/<int:pk>/mode/", planning.switch_mode, name="switch_mode"),
    # Attendance: the register and the sessions a facilitator runs
    path("sessions/<int:pk>/register/", attendance.register, name="register"),
    path("facilitating/", attendance.facilitating, name="facilitating"),
    # Completion: progress, confirming completion, certificates
    path("team/cohorts/<int:pk>/progress/", completion.progress, name="team_progress"),
    path(
        "team/cohorts/<int:pk>/progress/confirm/",
        completion.confirm_completion,
        name="confirm_completion",
    ),
    path("programme/certificate.pdf", completion.own_certificate, name="certificate"),
    path(
        "team/participants/<int:pk>/certificate.pdf",
        completion.participant_certificate,
        name="team_certificate",
    ),
    # Session feedback
    path("programme/sessions/<int:pk>/feedback/", feedback.give_feedback, name="session_feedback"),
    path("team/cohorts/<int:pk>/feedback/", feedback.feedback_results, name="team_feedback"),
    path(
        "team/sessions/<int:pk>/feedback/",
        feedback.team_session_feedback,
        name="team_session_feedback",
    ),
    # Action learning sets
    path("team/cohorts/<int:pk>/sets/", sets.team_sets, name="team_sets"),
    path("team/cohorts/<int:pk>/sets/form/", sets.form_sets, name="form_sets"),
    path("team/cohorts/<int:pk>/sets/move/", sets.move, name="move"),
    path("team/sets/<int:pk>/facilitator/", sets.set_facilitator, name="set_facilitator"),
    path("team/sets/<int:pk>/meetings/", meetings.set_meetings, name="set_meetings"),
    path("team/sets/<int:pk>/meetings/new/", meetings.plan_meeting, name="plan_meeting"),
    path("team/meetings/<int:pk>/", meetings.edit_meeting, name="edit_meeting"),
    path("programme/set/", sets.my_set, name="my_set"),
    path("facilitating/sets/<int:pk>/", sets.facilitator_set, name="facilitator_set"),
    # Self-assessment and goals; the cohort's needs
    path("programme/self-assessment/", self_assessment.overview, name="self_assessment"),
    path(
        "programme/self-assessment/<slug:point>/",
        self_assessment.assessment,
        name="assessment",
    ),
    path("programme/goals/new/", self_assessment.add_goal, name="add_goal"),
    path("programme/goals/<int:pk>/", self_assessment.edit_goal, name="edit_goal"),
    path("team/cohorts/<int:pk>/needs/", needs.cohort_needs, name="needs"),
    path(
        "team/cohorts/<int:pk>/needs/<int:capability_pk>/sessions/",
        needs.need_sessions,
        name="need_sessions",
    ),
    # Leadership challenges: the team sets them and forms teams ...
    path("team/cohorts/<int:pk>/challenges/", challenges.team_challenges, name="team_challenges"),
    path("team/cohorts/<int:pk>/challenges/new/", challenges.add_challenge, name="add_challenge"),
    path("team/challenges/<int:pk>/", challenges.team_challenge, name="team_challenge"),
    path("team/challenges/<int:pk>/edit/", challenges.edit_challenge, name="edit_challenge"),
    path("team/challenges/<int:pk>/teams/form/", challenges.form_teams, name="form_teams"),
    path("team/challenges/<int:pk>/teams/new/", challenges.add_team, name="add_team"),
    path("team/challenges/<int:pk>/teams/", challenges.teams_by_hand, name="teams_by_hand"),
    # ... participants submit their team's work, facilitators give feedback
    path("programme/challenges/", challenge_work.my_challenges, name="challenges"),
    path("programme/challenges/<int:pk>/", challenge_work.challenge, name="challenge"),
    path(
        "facilitating/challenges/",
        challenge_work.facilitator_challenges,
        name="facilitator_challenges",
    ),
    path(
        "facilitating/challenges/<int:pk>/",
        challenge_work.facilitator_challenge,
        name="facilitator_challenge",
    ),
    path(
        "facilitating/challenge-teams/<int:pk>/feedback/",
        challenge_work.challenge_feedback,
        name="challenge_feedback",
    ),
    path(
        "challenge-submissions/<int:pk>/file/",
        challenge_work.submission_file,
        name="submission_file",
    ),
    # Calendars: a session's file, a participant's and a facilitator's feed
    path("sessions/<int:pk>/calendar.ics", calendars.session_file, name="session_file"),
    path("programme/calendar/", calendars.my_calendar, name="my_calendar"),
    path("programme/calendar/reset/", calendars.reset_calendar, name="reset_calendar"),
    path("calendar/<str:token>.ics", calendars.feed, name="feed"),
    path(
        "calendar/facilitating/<str:token>.ics",
        calendars.facilitator_feed,
        name="facilitator_feed",
    ),
    path("facilitating/calendar/", calendars.facilitator_calendar, name="facilitator_calendar"),
    path(
        "facilitating/calendar/reset/",
        calendars.reset_facilitator_calendar,
        name="reset_facilitator_calendar",
    ),
]
