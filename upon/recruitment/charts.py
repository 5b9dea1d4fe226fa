"""The intake dashboard's chart: the funnel, from started to accepted. Laid out by the pure
upon/service/algorithms/bar_charts.py and drawn by govuk/bar_chart.html."""

from upon.recruitment.intakes import FunnelStage
from upon.service.algorithms.bar_charts import Chart, Row, horizontal_bars


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def funnel_chart(funnel: list[FunnelStage]) -> Chart:
    started, *after = funnel
    summary = (
        f"Bar chart: of {started.count} application{'s' if started.count != 1 else ''} started, "
        + _and(
            [
                f"{stage.count} {'were ' if i == 0 else ''}{stage.label.lower()}"
                for i, stage in enumerate(after)
            ]
        )
        + ". The table below gives the same figures."
    )
    return horizontal_bars(
        [Row(stage.label, (float(stage.count),), (str(stage.count),)) for stage in funnel],
        id="funnel-chart",
        title="Applications at each stage",
        summary=summary,
        axis_label="Applications",
        whole_numbers=True,
    )
