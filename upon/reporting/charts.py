"""Adverse impact monitoring's charts: each group's selection rate at a stage, with the
four-fifths line. Laid out by the pure upon/service/algorithms/bar_charts.py and drawn by
govuk/bar_chart.html.

Suppression holds in the chart as in the table: a group whose rate is hidden (its count, or
its applications, "Fewer than 5" or hidden to protect a small group) gets no bar, only the
table's words for why. The axis and the line come from shown rates alone, so nothing on the
chart can be worked back to a hidden count.
"""

from upon.reporting.algorithms.adverse_impact import FOUR_FIFTHS, ImpactTable
from upon.reporting.stages import LABELS
from upon.service.algorithms.bar_charts import Chart, Reference, Row, horizontal_bars, percentage

DEFAULT_STAGE = "offered"


def _percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def selection_rate_chart(table: ImpactTable, *, stage: str, number: int) -> Chart:
    """The groups' rates at `stage` (not "applied"); `number` makes the chart's id unique."""
    index = table.stages.index(stage)
    total = table.totals[index]
    rows, below = [], []
    for group in table.groups:
        applied, cell = group.cells[0], group.cells[index]
        if cell.rate is None:
            rows.append(Row(group.group, (None,), note=cell.hidden or applied.hidden or "No rate"))
            continue
        text = _percent(cell.rate)
        if cell.below_four_fifths:
            below.append(group.group)
            text += ", below four-fifths"
        rows.append(Row(group.group, (cell.rate,), (text,)))
    stage_label = LABELS[stage].lower()
    summary = [
        f"Bar chart: of the people in each group who applied, the share {stage_label}.",
    ]
    reference = None
    if total.reference_rate:
        line = total.reference_rate * float(FOUR_FIFTHS)
        reference = Reference(
            line,
            f"Four-fifths of the highest rate ({total.reference_group}, "
            f"{_percent(total.reference_rate)}): {_percent(line)}",
        )
        summary.append(
            f"The dashed line is four-fifths of the highest rate, {total.reference_group}'s "
            f"{_percent(total.reference_rate)}: "
            + (
                f"{len(below)} group{' is' if len(below) == 1 else 's are'} below it "
                f"({', '.join(below)})."
                if below
                else "no group is below it."
            )
        )
    hidden = sum(1 for row in rows if row.values == (None,))
    if hidden:
        summary.append(
            f"{hidden} group{' has' if hidden == 1 else 's have'} no bar: "
            "the figures are hidden to protect small groups."
        )
    summary.append("The table below gives the same figures.")
    return horizontal_bars(
        rows,
        id=f"rates-{number}",
        title=f"{table.question} Share {stage_label}",
        summary=" ".join(summary),
        axis_label=f"Share of the group's applicants {stage_label}",
        tick_text=percentage,
        reference=reference,
    )
