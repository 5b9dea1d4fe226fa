"""Who may reach what in delivery. The team reaches a cohort (and its sessions, participants
and sets) through its programme; a participant reaches only their own place in a cohort; a
facilitator only what they facilitate. Someone with no relation to the object gets 404; a
person without the role gets 403.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from upon.accounts import roles
from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.delivery import sets
from upon.delivery.models import ActionLearningSet, Cohort, Participant, Session


def check_team_for_cohort(request, cohort) -> None:
    """404 unless the cohort is one of the person's programmes."""
    if not request.user.has_perm("programmes.manage_intake", cohort.intake):
        raise Http404("No such cohort for this person")


def get_cohort_for_team(request, pk) -> Cohort:
    """A cohort of one of the person's programmes; any other is 404."""
    cohort = get_object_or_404(Cohort.objects.select_related("intake__programme"), pk=pk)
    check_team_for_cohort(request, cohort)
    return cohort


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


def facilitates(user, cohort) -> bool:
    return cohort.intake_id in roles.intake_ids(user, Role.FACILITATOR)


def get_set_for_facilitator(request, pk) -> ActionLearningSet:
    action_learning_set = get_object_or_404(
        ActionLearningSet.objects.select_related("cohort__intake", "facilitator"), pk=pk
    )
    if action_learning_set.facilitator_id != request.user.pk:
        raise Http404("No such set for this person")
    return action_learning_set


def get_set_for_team(request, pk) -> ActionLearningSet:
    action_learning_set = get_object_or_404(
        ActionLearningSet.objects.select_related("cohort__intake__programme", "facilitator"),
        pk=pk,
    )
    check_team_for_cohort(request, action_learning_set.cohort)
    return action_learning_set


def get_session_for_team(request, pk) -> Session:
    session = get_object_or_404(
        Session.objects.select_related("cohort__intake__programme", "venue"), pk=pk
    )
    check_team_for_cohort(request, session.cohort)
    return session


def get_participant_for_team(request, pk) -> Participant:
    participant = get_object_or_404(
        Participant.objects.select_related(
            "user", "cohort__intake__programme", "action_learning_set"
        ),
        pk=pk,
    )
    check_team_for_cohort(request, participant.cohort)
    return participant
