"""How delivery's views reach their objects. Who may do what is declared in `rules.py` and
checked by `upon.accounts.permissions.get_object_for(user, queryset, perm, pk=...)`; the
querysets here load what the rules read, so a check costs no extra query. A participant's own
pages find their place from who they are (`get_participation`).
"""

from django.http import Http404

from upon.accounts import roles
from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.delivery import sets
from upon.delivery.models import (
    ActionLearningSet,
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    Cohort,
    Participant,
    Session,
    SessionMaterial,
)
from upon.programmes.models import Intake

INTAKES = Intake.objects.select_related("programme")
COHORTS = Cohort.objects.select_related("intake__programme")
SESSIONS = Session.objects.select_related("cohort__intake__programme", "venue")
PARTICIPANTS = Participant.objects.select_related(
    "user", "cohort__intake__programme", "action_learning_set"
)
SETS = ActionLearningSet.objects.select_related("cohort__intake__programme", "facilitator")
CHALLENGES = Challenge.objects.select_related("cohort__intake__programme")
CHALLENGE_TEAMS = ChallengeTeam.objects.select_related("challenge__cohort__intake__programme")
SUBMISSIONS = ChallengeSubmission.objects.select_related(
    "team__challenge__cohort__intake__programme"
)
MATERIALS = SessionMaterial.objects.select_related("session__cohort__intake__programme")

participant_required = role_required(Role.PARTICIPANT)
facilitator_required = role_required(Role.FACILITATOR)


def get_participation(request) -> Participant:
    """The signed-in participant's place in their newest cohort (taking part or completed)."""
    participant = (
        Participant.objects.filter(
            user=request.user,
            cohort__intake_id__in=roles.intake_ids(request.user, Role.PARTICIPANT),
            status__in=sets.MEMBER_STATUSES,
        )
        .select_related("cohort__intake", "user")
        .order_by("-cohort__starts_on", "-pk")
        .first()
    )
    if participant is None:
        raise Http404("Not taking part in a cohort")
    return participant
