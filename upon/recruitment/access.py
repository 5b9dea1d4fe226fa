"""View helpers that fetch an object only for someone allowed to touch it.

Outsiders get 404 (they learn nothing, not even that the object exists); a known person without
the right role gets 403. Every view that reads or changes data goes through one of these.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from upon.accounts import roles
from upon.recruitment.models import Application, Intake


def team_required(view):
    """Signed in, and on some programme team (403 otherwise)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles.is_team(request.user):
            raise PermissionDenied("Programme team only")
        return view(request, *args, **kwargs)

    return wrapper


def get_intake_for_team(request, pk, queryset=None) -> Intake:
    queryset = queryset if queryset is not None else Intake.objects.select_related("programme")
    intake = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm("recruitment.manage_intake", intake):
        raise Http404("No such intake for this person")
    return intake


def get_intake_for_lead(request, pk) -> Intake:
    """Programme lead only: another programme's intake is 404, a team member who is not lead 403."""
    intake = get_intake_for_team(request, pk)
    if not request.user.has_perm("recruitment.view_equality_report", intake):
        raise PermissionDenied("Programme lead only")
    return intake


def get_application_for_applicant(request, reference, queryset=None) -> Application:
    """The signed-in person's own application; anyone else's is 404."""
    queryset = queryset if queryset is not None else Application.objects.select_related("intake")
    return get_object_or_404(queryset, reference=reference, applicant_id=request.user.pk)


def get_application_for_team(request, reference, queryset=None) -> Application:
    queryset = (
        queryset
        if queryset is not None
        else Application.objects.select_related("intake__programme", "employer", "applicant")
    )
    application = get_object_or_404(queryset, reference=reference)
    if not request.user.has_perm("recruitment.review_application_as_team", application):
        raise Http404("No such application for this person")
    return application
