"""Fetch an intake only for someone allowed to touch it.

Another programme's intake is 404 (they learn nothing, not even that it exists); a team member
who is not the programme lead gets 403 where the lead is required.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from upon.programmes.models import Intake


def get_intake_for_team(request, pk, queryset=None) -> Intake:
    queryset = queryset if queryset is not None else Intake.objects.select_related("programme")
    intake = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm("programmes.manage_intake", intake):
        raise Http404("No such intake for this person")
    return intake


def get_intake_for_lead(request, pk) -> Intake:
    """Programme lead only: another programme's intake is 404, a team member who is not lead 403."""
    intake = get_intake_for_team(request, pk)
    if not request.user.has_perm("programmes.view_equality_report", intake):
        raise PermissionDenied("Programme lead only")
    return intake
