"""The national register's analytics: turnover by reporting year, tenure, and how long directors
stay (Kaplan-Meier). Aggregates only (see `analytics.py`): read by the programme team and lead
of any programme and by the funder."""

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from upon.service import spreadsheets
from upon.workforce import analytics, charts
from upon.workforce.access import analytics_readers
from upon.workforce.forms import SurvivalForm


def _csv(name: str, header, rows) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        spreadsheets.csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@analytics_readers
def index(request):
    return render(request, "workforce/analytics/index.html", {"today": timezone.localdate()})


@analytics_readers
def years(request):
    found = analytics.yearly(today=timezone.localdate())
    context = {
        "years": found[::-1],  # newest first in the table
        "columns": charts.YEAR_COLUMNS,
        "rows": [charts.year_cells(f) for f in reversed(found)],
        "summary": charts.years_summary(found),
        "chart": charts.years_chart(found),
    }
    return render(request, "workforce/analytics/years.html", context)


@analytics_readers
def years_csv(request):
    found = analytics.yearly(today=timezone.localdate())
    return _csv("register-years.csv", charts.YEAR_COLUMNS, [charts.year_cells(f) for f in found])


@analytics_readers
def tenure(request):
    today = timezone.localdate()
    found = analytics.tenure(today=today)
    context = {"rows": charts.tenure_rows(found), "trend": charts.trend_rows(found), "today": today}
    return render(request, "workforce/analytics/tenure.html", context)


def _survival(request, reading: analytics.Reading | None = None):
    form = SurvivalForm(request.GET or None)
    by = form.grouping()
    return form, analytics.survival(today=timezone.localdate(), by=by, reading=reading)


@analytics_readers
def survival(request):
    reading, today = analytics.Reading(), timezone.localdate()
    form, found = _survival(request, reading)
    # Laid out once a day and register state, like the figures: thousands of steps a curve.
    chart = reading.cached(
        f"survival-chart:{found.by}", today, lambda: charts.survival_chart(found)
    )
    context = {
        "form": form,
        "figures": found,
        "chart": chart,
        "summary": charts.survival_summary(found),
        "title": charts.survival_title(found),
        "columns": charts.SURVIVAL_COLUMNS,
        "rows": [charts.survival_cells(group) for group in found.groups],
        "p_value": charts.p_value_text(found.test.p_value) if found.test else "",
        "today": today,
    }
    return render(request, "workforce/analytics/survival.html", context, status=200)


@analytics_readers
def survival_csv(request):
    _, found = _survival(request)
    return _csv(
        f"register-survival-{found.by}.csv",
        charts.SURVIVAL_COLUMNS,
        [charts.survival_cells(group) for group in found.groups],
    )
