"""The pure layout of a horizontal bar chart (upon/service/algorithms/bar_charts.py)."""

import pytest

from upon.service.algorithms.bar_charts import (
    PATTERNS,
    SERIES_COLOURS,
    WHITE,
    WIDTH,
    Reference,
    Row,
    contrast,
    horizontal_bars,
    nice_step,
    percentage,
    text_colour,
    wrap,
)


def chart(rows, **options):
    return horizontal_bars(rows, id="c", title="Title", summary="Summary", **options)


def test_bars_grow_from_zero_in_proportion_to_their_values():
    result = chart([Row("Applied", (10.0,)), Row("Offered", (4.0,))])
    plot = result.right - result.left
    assert result.zero == result.left
    assert [t.text for t in result.ticks] == ["0", "2", "4", "6", "8", "10"]
    first, second = (row.rects[0] for row in result.rows)
    assert (first.x, first.width) == (result.left, pytest.approx(plot))
    assert second.width == pytest.approx(plot * 0.4)
    assert (second.text, second.text_anchor) == ("4", "start")
    assert second.text_x == pytest.approx(second.x + second.width + 4)
    assert result.legend == () and result.reference is None and result.patterns == ()


def test_a_negative_value_grows_left_of_zero_and_its_interval_is_an_error_bar():
    result = chart([Row("Severe", (-0.5,), low=-0.9, high=-0.1), Row("Lenient", (0.3,))])
    assert [t.text for t in result.ticks] == ["-1", "-0.5", "0", "0.5"]
    severe = result.rows[0]
    rect = severe.rects[0]
    assert rect.x + rect.width == pytest.approx(result.zero)
    assert (rect.text_anchor, rect.text_x) == ("end", WIDTH - 4)
    scale = (result.right - result.left) / 1.5
    assert severe.error.x1 == pytest.approx(result.left + 0.1 * scale, abs=0.01)
    assert severe.error.x2 == pytest.approx(result.left + 0.9 * scale, abs=0.01)
    assert result.rows[1].error is None


def test_a_missing_value_draws_no_bar_and_shows_the_note_instead():
    result = chart([Row("Group A", (0.5,)), Row("Group B", (None,), note="Fewer than 5")])
    hidden = result.rows[1]
    assert (hidden.rects, hidden.note, hidden.note_x) == ((), "Fewer than 5", result.zero + 2)
    assert result.rows[0].note == ""  # a note shows only where there is no bar


def test_stacked_segments_run_end_to_end_and_a_zero_has_none():
    result = chart(
        [Row("Capability", (2.0, 0.0, 3.0))], series=("One", "Two", "Three"), stacked=True
    )
    first, third = result.rows[0].rects
    assert (first.series, third.series) == (0, 2)
    assert third.x == pytest.approx(first.x + first.width)
    assert (first.text, first.text_anchor) == ("2", "middle")
    assert [t.text for t in result.ticks][-1] == "5"


def test_a_stacked_segment_too_narrow_for_its_number_is_not_labelled():
    result = chart([Row("Capability", (1.0, 99.0))], series=("A", "B"), stacked=True)
    narrow, wide = result.rows[0].rects
    assert (narrow.text, wide.text) == ("", "99")


def test_grouped_series_sit_one_under_another_told_apart_by_pattern_and_in_the_legend():
    result = chart([Row("Capability", (2.0, 3.5))], series=("Start", "Midpoint"))
    start, midpoint = result.rows[0].rects
    assert midpoint.y == start.y + 22
    assert (start.pattern, midpoint.pattern) == PATTERNS[:2]
    assert [(k.text, k.pattern) for k in result.legend] == [("Start", ""), ("Midpoint", "diagonal")]
    assert result.patterns == (("diagonal", "c-diagonal"),)


def test_the_reference_line_is_at_its_value_with_its_label_in_a_key():
    result = chart(
        [Row("A", (0.5,)), Row("B", (0.2,))],
        reference=Reference(0.4, "Four-fifths of the highest rate"),
        maximum=1,
        tick_text=percentage,
    )
    assert result.reference.x == pytest.approx(result.left + 0.4 * (result.right - result.left))
    assert result.reference.label == "Four-fifths of the highest rate"
    assert result.reference.label_y > result.axis_label_y
    assert [t.text for t in result.ticks] == ["0%", "20%", "40%", "60%", "80%", "100%"]


def test_whole_numbers_keep_the_ticks_on_counts():
    result = chart([Row("A", (2.0,))], whole_numbers=True)
    assert [t.text for t in result.ticks] == ["0", "1", "2"]


def test_every_row_needs_a_value_per_series():
    with pytest.raises(ValueError, match="every row needs 2 value"):
        chart([Row("A", (1.0,))], series=("One", "Two"))


def test_long_labels_wrap_and_rows_grow_to_fit_them():
    name = "Systems leadership, building alliances and partnerships across the system"
    result = chart([Row(name, (1.0,)), Row("Short", (1.0,))])
    lines = [text for _, text in result.rows[0].lines]
    assert " ".join(lines) == name and len(lines) == 3
    assert result.rows[1].lines[0][0] - result.rows[0].lines[-1][0] > 17


def test_colours_meet_contrast_and_text_on_a_bar_is_readable():
    assert all(contrast(colour, WHITE) >= 3 for colour in SERIES_COLOURS)
    assert all(contrast(colour, text_colour(colour)) >= 4.5 for colour in SERIES_COLOURS)


@pytest.mark.parametrize(("span", "step"), [(10, 2), (1.5, 0.5), (0.9, 0.2), (3000, 1000), (0, 1)])
def test_nice_steps(span, step):
    assert nice_step(span) == pytest.approx(step)


def test_wrap():
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("", 7) == [""]


def test_the_same_figures_give_the_same_chart():
    rows = [Row("A", (1.0, 2.0)), Row("B", (None, 3.0))]
    assert chart(rows, series=("x", "y")) == chart(rows, series=("x", "y"))


def test_with_error_bars_the_values_are_written_in_a_column_on_the_right():
    result = chart([Row("Lenient", (0.5,), ("+0.50",), low=-0.9, high=1.9)])
    rect = result.rows[0].rects[0]
    assert (rect.text_x, rect.text_anchor) == (WIDTH - 4, "end")
    assert rect.text_x - rect.text_box[2] > result.rows[0].error.x2 - 2
    assert rect.text_box_fill == WHITE


def test_a_segments_number_sits_on_a_box_of_its_own_colour_over_the_pattern():
    result = chart([Row("A", (10.0, 10.0))], series=("One", "Two"), stacked=True)
    second = result.rows[0].rects[1]
    assert (second.pattern, second.text_box_fill) == ("diagonal", second.fill)
