"""View helpers that fetch an object only for someone allowed to touch it.

Outsiders get 404 (they learn nothing, not even that the object exists); a known person without
the right role gets 403. Every view that reads or changes data goes through one of these.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from upon.recruitment.models import Application


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
