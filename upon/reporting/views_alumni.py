"""What became of the programme's alumni (tenure against every other director appointed in the
same years, where they lead now) for the team and the funder; diversity through the funnel for
the programme lead only."""

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.programmes.models import Programme
from upon.reporting import alumni_outcomes, diversity
from upon.reporting.algorithms import suppression
from upon.reporting.equality_reads import Reading
from upon.reporting.views_outcomes import outcome_readers, sees_people
from upon.service import spreadsheets


def _outcomes(request, pk):
    programme = get_object_for(request.user, Programme, "reporting.view_alumni_outcomes", pk=pk)
    suppress = not sees_people(request, programme)
    found = alumni_outcomes.alumni_outcomes(
        programme=programme, as_at=timezone.localdate(), suppress_small=suppress
    )
    return programme, suppress, found


@outcome_readers
def alumni_page(request, pk):
    programme, suppress, found = _outcomes(request, pk)
    context = {
        "programme": programme,
        "suppress": suppress,
        "outcomes": found,
        "summary": alumni_outcomes.summary(found),
        "rows": alumni_outcomes.table_rows(found),
        "chart": alumni_outcomes.tenure_chart(found, suppress_small=suppress),
        "region_rows": alumni_outcomes.region_csv_rows(found, percent="%")[1:],
        "threshold": suppression.THRESHOLD,
        "suppressed_text": suppression.SUPPRESSED_TEXT,
        "protected_text": suppression.PROTECTED_TEXT,
    }
    return render(request, "reporting/alumni_outcomes.html", context)


def _csv(name: str, rows: list[list]) -> StreamingHttpResponse:
    header, *rest = rows
    response = StreamingHttpResponse(
        spreadsheets.csv_lines(header, rest), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@outcome_readers
def alumni_tenure_csv(request, pk):
    programme, _, found = _outcomes(request, pk)
    name = f"{slugify(programme.name)}-alumni-tenure.csv"
    return _csv(name, alumni_outcomes.tenure_csv_rows(found))


@outcome_readers
def alumni_regions_csv(request, pk):
    programme, _, found = _outcomes(request, pk)
    name = f"{slugify(programme.name)}-alumni-regions.csv"
    return _csv(name, alumni_outcomes.region_csv_rows(found))


@team_required
def diversity_page(request, pk):
    """The lead's diversity through the funnel; small counts hidden with their partners."""
    programme = get_object_for(request.user, Programme, "reporting.view_diversity", pk=pk)
    context = {
        "programme": programme,
        "tables": diversity.diversity_tables(
            programme=programme, reading=Reading(request.user, "Diversity through the funnel")
        ),
        "stages": [label for _, label in diversity.STAGES],
        "threshold": suppression.THRESHOLD,
        "hidden_text": suppression.HIDDEN_TEXT,
    }
    return render(request, "reporting/diversity.html", context)
