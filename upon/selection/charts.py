"""The calibration page's chart: each reviewer's leniency with its 95% interval. Laid out by the
pure upon/service/algorithms/bar_charts.py and drawn by govuk/bar_chart.html."""

from upon.selection.calibration import ReviewerResult
from upon.service.algorithms.bar_charts import Chart, Row, horizontal_bars

# With more reviewers than this, the chart draws the most severe and the most lenient half of
# it each (the table below it lists everyone).
MOST_CHARTED = 40
Z_95 = 1.96


def interval(result: ReviewerResult) -> tuple[float, float] | None:
    """The offset's 95% interval, or None when its uncertainty cannot be estimated."""
    if result.uncertainty is None:
        return None
    return (result.offset - Z_95 * result.uncertainty, result.offset + Z_95 * result.uncertainty)


def signed(value: float) -> str:
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text.replace("-", "−")


def leniency_chart(reviewers: list[tuple[str, ReviewerResult]]) -> Chart | None:
    """`reviewers`: (name, result), most severe first."""
    if not reviewers:
        return None
    shown = reviewers
    if len(reviewers) > MOST_CHARTED:
        half = MOST_CHARTED // 2
        shown = reviewers[:half] + reviewers[-half:]
    rows = []
    for name, result in shown:
        bounds = interval(result)
        rows.append(
            Row(
                label=name,
                values=(result.offset,),
                texts=(signed(result.offset),),
                low=bounds[0] if bounds else None,
                high=bounds[1] if bounds else None,
            )
        )
    (severe_name, severe), (lenient_name, lenient) = reviewers[0], reviewers[-1]
    known = severe.uncertainty is not None  # for every reviewer or none
    summary = [
        "Bar chart: each reviewer's estimated leniency on the 1 to 4 scale, below 0 scoring "
        "severely and above 0 generously"
        + (", with a line across each bar for its 95% interval." if known else ".")
    ]
    if len(reviewers) > 1:
        summary.append(
            f"The most severe is {severe_name} ({signed(severe.offset)}), the most lenient "
            f"{lenient_name} ({signed(lenient.offset)})."
        )
    if shown is not reviewers:
        summary.append(
            f"The {MOST_CHARTED // 2} most severe and {MOST_CHARTED // 2} most lenient of "
            f"{len(reviewers)} reviewers are drawn."
        )
    if not known:
        summary.append(
            "The intervals cannot be estimated yet: there are too few reviews for the noise."
        )
    summary.append("The table below gives every reviewer's figures.")
    return horizontal_bars(
        rows,
        id="leniency-chart",
        title="Reviewers' leniency",
        summary=" ".join(summary),
        axis_label="Leniency (score points; 0 is an average reviewer)",
        tick_text=signed,
    )
