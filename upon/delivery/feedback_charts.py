"""Session feedback's charts: how many gave each rating, per facilitator and per session. Laid
out by the pure upon/service/algorithms/bar_charts.py and drawn by govuk/bar_chart.html."""

from django.utils.dateformat import format as format_date

from upon.delivery.feedback import RATINGS, Result
from upon.service.algorithms.bar_charts import Chart, Row, horizontal_bars

SERIES = [label for _, label in sorted(RATINGS)]  # "1: Very poor" first


def _row(label: str, result: Result) -> Row:
    if not result.responses:
        return Row(label, (None,) * len(SERIES), note="No feedback yet")
    return Row(label, tuple(float(c) for c in result.counts), tuple(str(c) for c in result.counts))


def _chart(rows: list[Row], *, id: str, title: str, what: str) -> Chart:
    return horizontal_bars(
        rows,
        id=id,
        title=title,
        summary=(
            f"Stacked bar chart: how many responses gave each rating from 1 (very poor) to 5 "
            f"(excellent), {what}. The table below gives the same figures."
        ),
        series=SERIES,
        stacked=True,
        whole_numbers=True,
        axis_label="Responses",
    )


def facilitator_chart(facilitators: list[tuple[str, int, Result]]) -> Chart | None:
    if not facilitators:
        return None
    return _chart(
        [_row(name, result) for name, _, result in facilitators],
        id="facilitator-ratings",
        title="Ratings by facilitator",
        what="for the sessions each facilitator ran",
    )


def session_chart(rows: list[tuple[object, Result]]) -> Chart | None:
    """`rows`: (session, its result), as the page lists them."""
    if not rows:
        return None
    return _chart(
        [
            _row(f"{session.title}, {format_date(session.starts_at, 'j M Y')}", result)
            for session, result in rows
        ],
        id="session-ratings",
        title="Ratings by session",
        what="for each session on this page",
    )
