"""Stub: to be written."""

from django.http import HttpResponse
from django.shortcuts import render

from upon.recruitment.access import get_intake_for_lead, team_required
from upon.reporting.equality import SUPPRESSED_TEXT, THRESHOLD
from upon.reporting.equality_counts import STAGE_LABELS, equality_tables


def monitoring_form(request, **kwargs):
    return HttpResponse("not built yet: monitoring_form")


@team_required
def equality_report(request, pk):
    """The programme lead's aggregate equality report for an intake; small counts suppressed."""
    intake = get_intake_for_lead(request, pk)
    context = {
        "intake": intake,
        "tables": equality_tables(intake=intake),
        "stages": STAGE_LABELS,
        "suppressed_text": SUPPRESSED_TEXT,
        "threshold": THRESHOLD,
    }
    return render(request, "reporting/equality_report.html", context)
