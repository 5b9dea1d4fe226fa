"""How delivery's views reach their objects. Who may do what is declared in `rules.py` and
checked by `upon.accounts.permissions.get_object_for(user, queryset, perm, pk=...)`; the
querysets here load what the rules read, so a check costs no extra query. A participant's own
pages find their place from who they are (`own_place`), checked like any other object.
"""

from django.http import Http404

from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.accounts.permissions import check_role
from upon.delivery.models import (
    ActionLearningSet,
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    Cohort,
    DevelopmentGoal,
    Participant,
    Session,
    SessionKind,
    SessionMaterial,
)
from upon.delivery.rules import places
from upon.programmes.models import Intake

INTAKES = Intake.objects.select_related("programme")
COHORTS = Cohort.objects.select_related("intake__programme")
SESSIONS = Session.objects.select_related("cohort__intake__programme", "venue")
PARTICIPANTS = Participant.objects.select_related(
    "user", "cohort__intake__programme", "action_learning_set"
)
SETS = ActionLearningSet.objects.select_related("cohort__intake__programme", "facilitator")
# An action learning meeting, with its set (and the set's cohort, the same as the meeting's).
MEETINGS = SESSIONS.filter(kind=SessionKind.ACTION_LEARNING).select_related(
    "action_learning_set__facilitator", "action_learning_set__cohort__intake__programme"
)
CHALLENGES = Challenge.objects.select_related("cohort__intake__programme")
CHALLENGE_TEAMS = ChallengeTeam.objects.select_related("challenge__cohort__intake__programme")
SUBMISSIONS = ChallengeSubmission.objects.select_related(
    "team__challenge__cohort__intake__programme"
)
GOALS = DevelopmentGoal.objects.select_related("participant__cohort__intake")
MATERIALS = SessionMaterial.objects.select_related("session__cohort__intake__programme")

participant_required = role_required(Role.PARTICIPANT)
facilitator_required = role_required(Role.FACILITATOR)


def find_own_place(user, perm: str) -> Participant | None:
    """The person's newest place (`rules.places`) that `perm` allows, or None: 403 first for
    someone without the role, as `get_object_for`."""
    check_role(user, perm)
    found = places(user).select_related(
        "cohort__intake__programme", "action_learning_set__facilitator", "user"
    )
    return next((place for place in found if user.has_perm(perm, place)), None)


def own_place(request, perm: str) -> Participant:
    """The signed-in participant's newest place that `perm` allows: none, 404."""
    place = find_own_place(request.user, perm)
    if place is None:
        raise Http404("No place on a cohort for this page")
    return place
