"""Fetch an intake for the programme team (upon/accounts/permissions.get_object_for).

Another programme's intake is 404 (they learn nothing, not even that it exists); someone who is
not on any programme team is refused (403).
"""

from upon.accounts.permissions import get_object_for
from upon.programmes.models import Intake


def get_intake_for_team(request, pk, queryset=None) -> Intake:
    queryset = queryset if queryset is not None else Intake.objects.select_related("programme")
    return get_object_for(request.user, queryset, "programmes.manage_intake", pk=pk)
