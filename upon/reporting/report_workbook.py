"""The funder's report as an Excel workbook: a sheet for what the report is, one per table of
the PDF, and one of definitions. A figure shown is a number (money formatted as pounds); a
hidden one is the words the PDF prints instead. Text typed by people (the narrative, names of
intakes and budget lines) is written so a spreadsheet never runs it as a formula."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from upon.reporting import funnel
from upon.reporting.report_figures import METHOD, Figure, ReportFigures, definitions
from upon.service.spreadsheets import neutralise_formula
from upon.service.times import calendar_date

POUNDS = '"£"#,##0.00'
BOLD = Font(bold=True)

SHEETS = (
    "About this report",
    "Headline figures",
    "Budget against spend",
    "Cost per person",
    "Funnel by intake",
    "Register by year",
    "Definitions",
)


def _cell(figure: Figure):
    return figure.hidden if figure.value is None else figure.value


def _sheet(workbook, title: str, header: list[str], rows, widths=(48,)):
    sheet = workbook.create_sheet(title=title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append([neutralise_formula(value) for value in row])
    for column, width in zip("ABCDEFGHIJKLMNOP", widths, strict=False):
        sheet.column_dimensions[column].width = width
    return sheet


def _money(sheet, columns: str) -> None:
    for column in columns:
        for cell in sheet[column][1:]:
            if isinstance(cell.value, int | float) or hasattr(cell.value, "quantize"):
                cell.number_format = POUNDS


def xlsx_bytes(*, figures: ReportFigures, report, now) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        "About this report",
        ["Report to the funder", ""],
        [
            ["Programme", figures.programme_name],
            ["Report to the funder, version", report.version],
            ["Period", figures.period_text],
            ["Built on", calendar_date(timezone.localdate(now))],
            ["From the programme team", report.narrative],
            *(["Method", paragraph] for paragraph in METHOD),
        ],
        widths=(32, 100),
    )
    headline = _sheet(
        workbook,
        "Headline figures",
        ["Headline figure", "Value"],
        ([f.label, _cell(f)] for f in figures.headlines),
        widths=(40, 18),
    )
    for row, figure in enumerate(figures.headlines, start=2):
        if figure.money:
            headline.cell(row=row, column=2).number_format = POUNDS
    lines = [
        [f"{line.name}, {line.period_text}", line.budget, line.in_period, line.by_end, line.left]
        for line in figures.lines
    ]
    if figures.total:
        total = figures.total
        lines.append(["Total", total.budget, total.in_period, total.by_end, total.left])
    spend = _sheet(
        workbook,
        "Budget against spend",
        ["Budget line", "Budget", "Spent in the period", "Spent by the end of the period", "Left"],
        lines,
        widths=(60, 16, 20, 30, 16),
    )
    _money(spend, "BCDE")
    costs = _sheet(
        workbook,
        "Cost per person",
        ["Cost", "People", "Cost per person"],
        (
            [
                cost.label,
                cost.hidden if cost.count is None else cost.count,
                "Not shown" if cost.hidden else ("No one yet" if cost.cost is None else cost.cost),
            ]
            for cost in figures.costs
        ),
        widths=(32, 16, 18),
    )
    _money(costs, "C")
    header, *rows = funnel.csv_rows(list(figures.funnels))
    _sheet(workbook, "Funnel by intake", header, rows, widths=(24,) + (16,) * (len(header) - 1))
    years = figures.register
    register_rows = (
        [first.label, *(_cell(year.figures[i]) for year in years)]
        for i, first in enumerate(years[0].figures if years else ())
    )
    _sheet(
        workbook,
        "Register by year",
        ["Figure", *(year.label for year in years)],
        register_rows,
        widths=(60,) + (12,) * len(years),
    )
    _sheet(workbook, "Definitions", ["Term", "What it means"], definitions(), widths=(44, 120))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
