"""Fetch an application for a person (upon/accounts/permissions.get_object_for).

Each helper only names the permission and the rows the views need; the rules are in rules.py.
"""

from upon.accounts.permissions import get_object_for
from upon.recruitment.models import Application


def get_application_for_applicant(request, reference, queryset=None) -> Application:
    """The signed-in person's own application; anyone else's is 404."""
    queryset = queryset if queryset is not None else Application.objects.select_related("intake")
    return get_object_for(
        request.user, queryset, "recruitment.view_application", reference=reference
    )


def get_application_for_team(request, reference, queryset=None) -> Application:
    """An application of the team's programme; another programme's is 404."""
    queryset = (
        queryset
        if queryset is not None
        else Application.objects.select_related("intake__programme", "employer", "applicant")
    )
    return get_object_for(
        request.user, queryset, "recruitment.review_application_as_team", reference=reference
    )
