"""Fetch selection objects for a person (upon/accounts/permissions.get_object_for).

The rules are in selection/rules.py; each helper here names only the permission and the rows
the views need. Someone without the role gets 403; someone with the role but not this object
gets 404, so a reviewer cannot learn which other applications exist.
"""

from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import TEAM_ROLES
from upon.programmes.models import Intake
from upon.recruitment.models import Application
from upon.selection.models import ReviewAssignment

reviewer_required = role_required(Role.REVIEWER)
# The rubric is the same for everyone who scores or moderates.
rubric_readers_required = role_required(
    Role.REVIEWER, *sorted(TEAM_ROLES), refusal="Reviewers and the programme team only"
)


def get_assignment_for_reviewer(request, pk) -> ReviewAssignment:
    """One of the signed-in reviewer's own open assignments; anyone else's is 404."""
    queryset = ReviewAssignment.objects.select_related("reviewer", "application__intake")
    return get_object_for(request.user, queryset, "selection.review_application", pk=pk)


def get_intake_for_selection(request, pk) -> Intake:
    queryset = Intake.objects.select_related("programme")
    return get_object_for(request.user, queryset, "selection.manage_selection", pk=pk)


def get_application_for_selection(request, reference) -> Application:
    queryset = Application.objects.select_related("intake__programme", "employer", "applicant")
    return get_object_for(
        request.user, queryset, "selection.decide_application", reference=reference
    )
