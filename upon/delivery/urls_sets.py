"""Action learning sets, self-assessment and the cohort's needs, leadership challenges.

The team's pages are under /team/cohorts/<pk>/; a participant's under /programme/; a
facilitator's under /facilitating/.
"""

from django.urls import path

from upon.delivery.views import challenges, self_assessment, sets

app_name = "delivery_sets"

urlpatterns = [
    # The programme team
    path("team/cohorts/<int:pk>/sets/", sets.team_sets, name="team_sets"),
    path("team/cohorts/<int:pk>/sets/form/", sets.form_sets, name="form_sets"),
    path("team/cohorts/<int:pk>/sets/move/", sets.move, name="move"),
    path("team/sets/<int:pk>/facilitator/", sets.set_facilitator, name="set_facilitator"),
    path("team/cohorts/<int:pk>/needs/", self_assessment.cohort_needs, name="needs"),
    path(
        "team/cohorts/<int:pk>/needs/<int:capability_pk>/sessions/",
        self_assessment.need_sessions,
        name="need_sessions",
    ),
    path("team/cohorts/<int:pk>/challenges/", challenges.team_challenges, name="team_challenges"),
    path("team/cohorts/<int:pk>/challenges/new/", challenges.add_challenge, name="add_challenge"),
    path("team/challenges/<int:pk>/", challenges.team_challenge, name="team_challenge"),
    path("team/challenges/<int:pk>/edit/", challenges.edit_challenge, name="edit_challenge"),
    path("team/challenges/<int:pk>/teams/form/", challenges.form_teams, name="form_teams"),
    path("team/challenges/<int:pk>/teams/new/", challenges.add_team, name="add_team"),
    path("team/challenges/<int:pk>/teams/", challenges.teams_by_hand, name="teams_by_hand"),
    # Participants
    path("programme/set/", sets.my_set, name="my_set"),
    path("programme/self-assessment/", self_assessment.overview, name="self_assessment"),
    path(
        "programme/self-assessment/<slug:point>/",
        self_assessment.assessment,
        name="assessment",
    ),
    path("programme/goals/new/", self_assessment.add_goal, name="add_goal"),
    path("programme/goals/<int:pk>/", self_assessment.edit_goal, name="edit_goal"),
    path("programme/challenges/", challenges.my_challenges, name="challenges"),
    path("programme/challenges/<int:pk>/", challenges.challenge, name="challenge"),
    # Facilitators
    path("facilitating/sets/<int:pk>/", sets.facilitator_set, name="facilitator_set"),
    path(
        "facilitating/challenges/",
        challenges.facilitator_challenges,
        name="facilitator_challenges",
    ),
    path(
        "facilitating/challenges/<int:pk>/",
        challenges.facilitator_challenge,
        name="facilitator_challenge",
    ),
    path(
        "facilitating/challenge-teams/<int:pk>/feedback/",
        challenges.feedback,
        name="feedback",
    ),
    # A submitted file: its team, the cohort's facilitators and the programme team
    path(
        "challenge-submissions/<int:pk>/file/",
        challenges.submission_file,
        name="submission_file",
    ),
]
