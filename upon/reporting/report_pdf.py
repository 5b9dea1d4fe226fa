"""The funder's report as a PDF: an HTML page laid out by WeasyPrint, with the service's SVG
bar charts drawn inline (the same charts and template as the web pages).

WeasyPrint needs Pango from the operating system; it is imported only when a report is
built (in the background job), so the rest of the service runs without it.
"""

from collections import defaultdict
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from upon.reporting.report_figures import METHOD, ZERO, ReportFigures, definitions
from upon.service.algorithms.bar_charts import Chart, Row, horizontal_bars
from upon.service.times import calendar_date


def _pounds_short(value: float) -> str:
    """An axis tick: £0, £250k, £1.5m."""
    if value >= 1_000_000:
        return f"£{value / 1_000_000:g}m"
    if value >= 1000:
        return f"£{value / 1000:g}k"
    return f"£{value:g}"


def _pounds(value: Decimal) -> str:
    return f"£{value:,.0f}"


def spend_chart(figures: ReportFigures) -> Chart | None:
    """Each budget period's budget beside what was spent by the end of the report's period."""
    if not figures.lines:
        return None
    periods: dict[tuple, list] = defaultdict(lambda: [ZERO, ZERO])
    for line in figures.lines:
        totals = periods[line.starts_on, line.ends_on]
        totals[0] += line.budget
        totals[1] += line.by_end
    rows = [
        Row(
            f"{calendar_date(starts_on)} to {calendar_date(ends_on)}",
            (float(budget), float(spent)),
            (_pounds(budget), _pounds(spent)),
        )
        for (starts_on, ends_on), (budget, spent) in periods.items()
    ]
    total = figures.total
    return horizontal_bars(
        rows,
        id="chart-spend",
        title="Budget and spend by the grant's periods",
        summary=(
            f"Bar chart: for each period of the grant, its budget and what had been spent by "
            f"{calendar_date(figures.ends_on)}. In all, {_pounds(total.by_end)} of "
            f"{_pounds(total.budget)}. The table below gives the figures by budget line."
        ),
        series=("Budget", f"Spent by {calendar_date(figures.ends_on)}"),
        axis_label="Pounds",
        tick_text=_pounds_short,
    )


def funnel_chart(found, number: int) -> Chart:
    rows = [
        Row(f.label, (None,), note=f.hidden)
        if f.count is None
        else Row(f.label, (float(f.count),), (str(f.count),))
        for f in found.figures
    ]
    hidden = sum(1 for f in found.figures if f.count is None)
    summary = f"Bar chart: how many people of {found.intake.name} reached each stage."
    if hidden:
        summary += f" {hidden} of the {len(rows)} figures are hidden to protect small groups."
    return horizontal_bars(
        rows,
        id=f"chart-funnel-{number}",
        title=f"{found.intake.name}: from applying to becoming a director",
        summary=summary + " The table below gives the same figures.",
        whole_numbers=True,
        axis_label="People",
    )


def register_chart(figures: ReportFigures) -> Chart | None:
    if not figures.register:
        return None
    rows = []
    for year in figures.register:
        changes = year.figures[0]
        rows.append(
            Row(year.label, (None,), note=changes.hidden)
            if changes.value is None
            else Row(year.label, (float(changes.value),), (str(changes.value),))
        )
    return horizontal_bars(
        rows,
        id="chart-register",
        title="Changes of director in England, by reporting year",
        summary=(
            "Bar chart: how many times an authority's director changed in each reporting year "
            "(1 April to 31 March). The table below gives these and the other yearly figures."
        ),
        whole_numbers=True,
        axis_label="Changes of director",
    )


def register_rows(figures: ReportFigures) -> list[tuple[str, list]]:
    """The register's table turned on its side: a row per figure, a column per year."""
    if not figures.register:
        return []
    by_year = [year.figures for year in figures.register]
    return [
        (first.label, [figures_of_year[i] for figures_of_year in by_year])
        for i, first in enumerate(by_year[0])
    ]


def context(*, figures: ReportFigures, report, now) -> dict:
    return {
        "figures": figures,
        "report": report,
        "built": timezone.localtime(now),
        "spend_chart": spend_chart(figures),
        "funnels": [(found, funnel_chart(found, n)) for n, found in enumerate(figures.funnels)],
        "register_chart": register_chart(figures),
        "register_rows": register_rows(figures),
        "method": METHOD,
        "definitions": definitions(),
    }


def pdf_bytes(*, figures: ReportFigures, report, now) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "reporting/funder_report/document.html", context(figures=figures, report=report, now=now)
    )
    css = render_to_string("reporting/funder_report/document.css")
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])
