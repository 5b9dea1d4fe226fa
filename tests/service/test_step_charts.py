"""The pure layout of survival curves as step lines (upon/service/algorithms/step_charts.py) and
the template that draws them (govuk/step_chart.html)."""

import pytest
from django.template.loader import render_to_string

from tests.charts import drawn_step_chart
from upon.service.algorithms.bar_charts import WHITE, contrast
from upon.service.algorithms.step_charts import (
    DASHES,
    LINE_COLOURS,
    PLOT_HEIGHT,
    TOP,
    Series,
    step_chart,
)

BOTTOM = TOP + PLOT_HEIGHT


def chart(series, **options):
    return step_chart(series, id="s", title="Title", summary="Summary", **options)


def y(value):
    return BOTTOM - value * PLOT_HEIGHT


def test_a_curve_steps_down_at_each_time_and_runs_on_to_its_last_time():
    result = chart(
        [("All", [0, 1, 2, 5], [1, 0.75, 0.5, 0.5], [1, 0.5, 0.25, 0.25], [1, 1, 0.75, 0.75])]
    )
    # The axis runs 0 to 5 in ones; 5 fills the plot's width.
    assert [t.text for t in result.x_ticks] == ["0", "1", "2", "3", "4", "5"]
    unit = (result.right - result.left) / 5
    x1, x2 = round((result.left + unit) * 2) / 2, round((result.left + 2 * unit) * 2) / 2
    assert result.lines[0].points == (
        (result.left, y(1)),
        (x1, y(1)),
        (x1, y(0.75)),
        (x2, y(0.75)),
        (x2, y(0.5)),
        (result.right, y(0.5)),  # no fall at 5: carried on to the last time
    )
    # Level strokes as H, upright ones as V: "M52,32H..V..".
    assert result.lines[0].path == (
        f"M{result.left},{y(1):g}H{x1:g}V{y(0.75):g}H{x2:g}V{y(0.5):g}H{result.right:g}"
    )


def test_the_band_is_the_upper_step_line_there_and_the_lower_one_back():
    result = chart([("All", [0, 2], [1, 0.5], [1, 0.25], [1, 0.75])])
    band = result.lines[0].band
    assert band[0] == (result.left, y(1)) and band[-1] == (result.left, y(1))
    assert (result.right, y(0.75)) in band and (result.right, y(0.25)) in band
    assert result.lines[0].band_path.endswith("Z")
    assert chart([("All", [0, 2], [1, 0.5], [1, 0.25], [1, 0.75])], bands=False).lines[0].band == ()


def test_censoring_ticks_sit_on_the_line_at_their_times_and_can_be_left_off():
    series = Series("All", [0, 1, 4], [1, 0.5, 0.25], [1, 0.3, 0.1], [1, 0.7, 0.5], censored=[2, 4])
    result = chart([series])
    unit = (result.right - result.left) / 4
    assert result.lines[0].censor_marks == (
        (round((result.left + 2 * unit) * 2) / 2, y(0.5)),
        (result.right, y(0.25)),
    )
    assert result.lines[0].censor_path.startswith(f"M{round((result.left + 2 * unit) * 2) / 2:g},")
    assert chart([series], censoring=False).lines[0].censor_marks == ()


def test_falls_in_one_half_pixel_column_are_merged_into_one_stroke():
    times = [0] + [10 + i / 10**7 for i in range(1, 1_001)]  # a thousand falls at about 10
    survival = [1] + [1 - i / 1_000 for i in range(1, 1_001)]
    result = chart([("Many", times, survival, survival, survival)])
    assert len(result.lines[0].points) <= 6  # one column, or two if they straddle a boundary
    assert result.lines[0].points[-1][1] == y(0)


def test_the_axis_stops_at_the_maximum_and_the_curve_is_cut_there():
    result = chart([("All", [0, 3, 20], [1, 0.5, 0.1], [1, 0.4, 0], [1, 0.6, 0.2])], maximum=10)
    assert [t.text for t in result.x_ticks] == ["0", "2", "4", "6", "8", "10"]
    assert max(x for x, _ in result.lines[0].points) == result.right
    assert y(0.1) not in [y_ for _, y_ in result.lines[0].points]


def test_y_ticks_are_percentages_from_0_at_the_bottom_to_100_at_the_top():
    result = chart([("All", [0, 1], [1, 0.5], [1, 0.5], [1, 0.5])])
    assert [(t.text, t.position) for t in result.y_ticks] == [
        ("0%", BOTTOM),
        ("25%", y(0.25)),
        ("50%", y(0.5)),
        ("75%", y(0.75)),
        ("100%", TOP),
    ]


def test_series_differ_by_line_pattern_and_colour_and_the_legend_wraps():
    names = [f"Region number {i}" for i in range(9)]
    result = chart([(name, [0, 1], [1, 0.5], [1, 0.5], [1, 0.5]) for name in names])
    pairs = [(line.colour, line.dash) for line in result.lines]
    assert len(set(pairs)) == 9 and len({dash for _, dash in pairs}) == len(DASHES)
    assert [key.text for key in result.legend] == names
    assert len({key.y for key in result.legend}) > 1
    assert all(key.x + 42 + len(key.text) * 7.2 <= result.width for key in result.legend)
    assert result.height > result.legend[-1].y


def test_every_line_colour_has_3_to_1_contrast_on_white():
    assert all(contrast(colour, WHITE) >= 3 for colour in LINE_COLOURS)


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ([], "at least one series"),
        ([("A", [], [], [], [])], "at least one time"),
        ([("A", [0, 1], [1], [1, 1], [1, 1])], "one per time"),
        ([("A", [1, 0], [1, 1], [1, 1], [1, 1])], "ascending"),
        ([("A", [0, 1], [1, 1.5], [1, 1], [1, 1])], "proportions"),
    ],
)
def test_bad_series_are_refused(series, message):
    with pytest.raises(ValueError, match=message):
        chart(series)


def test_the_same_figures_give_the_same_chart():
    series = [("A", [0, 1], [1, 0.5], [1, 0.4], [1, 0.6], [1])]
    assert chart(series) == chart(series)


def test_the_template_draws_every_series_with_its_band_ticks_and_legend():
    result = chart(
        [
            Series("Permanent", [0, 1, 2], [1, 0.5, 0.25], [1, 0.4, 0.1], [1, 0.6, 0.4], [2]),
            Series("Interim & acting", [0, 1], [1, 0.2], [1, 0.1], [1, 0.3]),
        ]
    )
    drawn = drawn_step_chart(render_to_string("govuk/step_chart.html", {"chart": result}), "s")
    assert (drawn.title, drawn.summary, drawn.labelled_by) == ("Title", "Summary", "s-title s-desc")
    assert drawn.lines == tuple(line.path for line in result.lines)
    assert (drawn.bands, drawn.censored) == (2, 1)
    assert drawn.legend == ("Permanent", "Interim & acting")
    assert drawn.x_ticks == ("0", "0.5", "1", "1.5", "2")
    assert drawn.y_ticks == ("0%", "25%", "50%", "75%", "100%")


def test_every_point_is_on_the_half_pixel_grid_and_each_tick_is_drawn_once_where_it_lands():
    """Thousands of tenures give thousands of steps and censoring times: what lands on one
    half pixel is drawn once (the picture is the same, the page far lighter)."""
    times = [0] + [5 + i / 10**6 for i in range(1, 2_001)]
    survival = [1] + [0.6 - i / 10**7 for i in range(1, 2_001)]  # a fall far below a pixel
    censored = times[1:]
    result = chart([Series("Many", times, survival, survival, survival, censored)], maximum=10)
    line = result.lines[0]
    assert all(v * 2 == round(v * 2) for point in line.points + line.censor_marks for v in point)
    assert len(line.censor_marks) == 1
    # Down from 100% to 60% in one stroke: two thousand falls in one half-pixel column.
    assert [height for _x, height in line.points] == [y(1), y(1), y(0.6)]


def test_numpy_arrays_draw_the_same_chart_as_lists():
    import numpy as np

    plain = Series("A", [0, 1.5, 4], [1, 0.5, 0.25], [1, 0.3, 0.1], [1, 0.7, 0.5], [2, 4])
    arrays = Series(plain.label, *(np.array(values, dtype=float) for values in plain[1:]))
    assert chart([arrays]) == chart([plain])
