"""The geometry of a step chart of survival curves (Kaplan-Meier), for an SVG drawn by a Django
template.

Pure: plain series in, a frozen `StepChart` of coordinates and texts out, no Django, no plotting
library. The template `govuk/step_chart.html` draws it; like a bar chart
(`bar_charts.py`), every step chart comes with a text summary and the same figures in a table
on the page, so the SVG adds a picture and never information of its own.

A series is (label, times, survival, low, high[, censored]): `times` ascending, starting at the
curve's first time (usually 0); `survival[i]` (a proportion, 0 to 1) holds from `times[i]` until
the next time; `low` and `high` are the confidence band, aligned with `times`; `censored` the
times at which someone was still in post when last seen, marked with a small tick on the line
(`censoring=True`). Each curve is drawn as a step line up to its last time, over its band
shaded in the line's colour.

The x axis runs from 0 to the longest curve (or `maximum`) in round steps; the y axis from 0%
to 100%. Every point is placed on the half-pixel grid, and points that fall in the same half-pixel
column, or at the same half-pixel height, are merged (the drawing is the same), so a curve of
100,000 tenures draws a path of a few hundred points at most, and a censoring tick is drawn once
for each place it lands however many tenures share it.

Series are told apart by line pattern (solid, dashed, dotted...) as well as by colour, never by
colour alone; every colour is one of GOV.UK's with at least 3:1 contrast on white.
"""

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from upon.service.algorithms.bar_charts import CHAR_WIDTH, FONT_SIZE, nice_step

WIDTH = 640
LEFT = 52  # room for "100%"
RIGHT_GAP = 16
TOP = 32  # room for the y axis title above the plot
PLOT_HEIGHT = 280
AXIS = 44  # tick labels and the x axis title under the plot
LEGEND_ROW = 24
KEY_LENGTH = 36  # the sample of line in a legend key
TICK_HALF = 5  # half the height of a censoring tick
Y_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)

# GOV.UK colours, each at least 3:1 against white (blue, red, green, purple, black, pink, dark
# grey, dark blue).
LINE_COLOURS = (
    "#1d70b8",
    "#d4351c",
    "#00703c",
    "#4c2c92",
    "#0b0c0c",
    "#912b88",
    "#505a5f",
    "#003078",
)
# stroke-dasharray per series ("" is solid). Five patterns against eight colours: the pairs
# differ for the first forty series.
DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4")
BAND_OPACITY = 0.15
GRID = "#b1b4b6"


class Series(NamedTuple):
    label: str
    times: Sequence[float]
    survival: Sequence[float]
    low: Sequence[float]
    high: Sequence[float]
    censored: Sequence[float] = ()


@dataclass(frozen=True)
class Tick:
    position: float  # x of an x tick, y of a y tick
    text: str


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    dash: str  # stroke-dasharray, "" for solid
    points: tuple[tuple[float, float], ...]  # the step line's vertices
    band: tuple[tuple[float, float], ...]  # the band's outline: upper forwards, lower back
    censor_marks: tuple[tuple[float, float], ...]  # the centre of each censoring tick
    # The SVG path data of each, written once when the chart is laid out (a chart kept in a
    # cache is drawn many times; a curve of 100,000 tenures has a thousand vertices).
    path: str = field(init=False, compare=False)
    band_path: str = field(init=False, compare=False)
    censor_path: str = field(init=False, compare=False)

    def __post_init__(self):
        censor = "".join(
            f"M{_n(x)},{_n(y - TICK_HALF)}V{_n(y + TICK_HALF)}" for x, y in self.censor_marks
        )
        object.__setattr__(self, "path", _path(self.points))
        object.__setattr__(self, "band_path", f"{_path(self.band)}Z" if self.band else "")
        object.__setattr__(self, "censor_path", censor)


@dataclass(frozen=True)
class LegendKey:
    x: float
    y: float  # the middle of the row: the sample line's y
    colour: str
    dash: str
    text: str

    @property
    def x2(self) -> float:
        return round(self.x + KEY_LENGTH, 2)

    @property
    def text_x(self) -> float:
        return round(self.x + KEY_LENGTH + 6, 2)

    @property
    def text_y(self) -> float:
        return round(self.y + FONT_SIZE * 0.35, 2)


@dataclass(frozen=True)
class StepChart:
    id: str  # unique on the page: the SVG's ids start with it
    title: str
    summary: str  # what the chart shows, in words: the SVG's description
    width: float
    height: float
    left: float  # the plot area
    right: float
    top: float
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_label: str
    y_label: str
    lines: tuple[Line, ...]
    legend: tuple[LegendKey, ...]

    @property
    def x_tick_label_y(self) -> float:
        return round(self.bottom + FONT_SIZE + 4, 2)

    @property
    def x_label_y(self) -> float:
        return round(self.bottom + AXIS - 4, 2)

    @property
    def y_label_y(self) -> float:
        return round(self.top - 14, 2)

    @property
    def y_tick_label_x(self) -> float:
        return round(self.left - 6, 2)


def _n(value: float) -> str:
    """A coordinate as short as it can be written."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _path(points: Sequence[tuple[float, float]]) -> str:
    """SVG path data through the points: H and V for the level and upright strokes a step line
    is made of (a third of the bytes of L with both coordinates), L for any other."""
    if not points:
        return ""
    (last_x, last_y), *rest = points
    parts = [f"M{_n(last_x)},{_n(last_y)}"]
    for x, y in rest:
        if y == last_y:
            parts.append(f"H{_n(x)}")
        elif x == last_x:
            parts.append(f"V{_n(y)}")
        else:
            parts.append(f"L{_n(x)},{_n(y)}")
        last_x, last_y = x, y
    return "".join(parts)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def percentage(value: float) -> str:
    return f"{value * 100:.0f}%"


def _floats(values) -> list[float]:
    """Plain floats: a NumPy array's `tolist()` (without importing NumPy), else a list. Python's
    own floats make the layout's loops and roundings several times faster than NumPy scalars."""
    to_list = getattr(values, "tolist", None)
    return [float(v) for v in (to_list() if to_list else values)]


def _validated(series: Series) -> Series:
    label, *values = Series(*series)
    series = Series(label, *(_floats(v) for v in values))
    size = len(series.times)
    if not size:
        raise ValueError(f"{series.label}: a series needs at least one time")
    if any(len(values) != size for values in (series.survival, series.low, series.high)):
        raise ValueError(f"{series.label}: survival, low and high must each have one per time")
    if any(b < a for a, b in zip(series.times, series.times[1:], strict=False)):
        raise ValueError(f"{series.label}: times must be ascending")
    if series.times[0] < 0:
        raise ValueError(f"{series.label}: a time cannot be negative")
    for values in (series.survival, series.low, series.high):
        if any(not 0 <= v <= 1 for v in values):
            raise ValueError(f"{series.label}: survival and its band are proportions, 0 to 1")
    return series


def _half_pixel(value: float) -> float:
    return round(value * 2) / 2


def _levels(times, values, until: float, x, y) -> list[tuple[float, float]]:
    """(x where a level starts, its y), one per half-pixel column: a run of changes in one
    column draws as one vertical stroke to the last of them."""
    levels: list[tuple[float, float]] = []
    for time, value in zip(times, values, strict=True):
        if time > until:
            break
        px, py = _half_pixel(x(time)), _half_pixel(y(value))
        if levels and py == levels[-1][1]:
            continue
        if levels and px == levels[-1][0]:
            levels[-1] = (px, py)
        else:
            levels.append((px, py))
    return levels


def _steps(levels: list[tuple[float, float]], end: float) -> list[tuple[float, float]]:
    """The vertices of a step line through the levels, carried on to x = end."""
    points: list[tuple[float, float]] = []
    for px, py in levels:
        if points:
            points.append((px, points[-1][1]))
        points.append((px, py))
    if points and end > points[-1][0]:
        points.append((end, points[-1][1]))
    return points


def step_chart(
    series: Sequence[Series | tuple],
    *,
    id: str,
    title: str,
    summary: str,
    x_label: str = "Years in post",
    y_label: str = "Proportion still in post",
    maximum: float | None = None,
    step: float | None = None,
    tick_text: Callable[[float], str] = _number,
    censoring: bool = True,
    bands: bool = True,
    colours: Sequence[str] = LINE_COLOURS,
    dashes: Sequence[str] = DASHES,
) -> StepChart:
    """Lay out survival curves as step lines over shaded bands, in the order given (the first
    is drawn first, so the last is on top)."""
    if not series:
        raise ValueError("a step chart needs at least one series")
    checked = [_validated(s) for s in series]
    longest = max(s.times[-1] for s in checked)
    high = longest if maximum is None else maximum
    step = step or nice_step(high, ticks=6)
    high = max(math.ceil(high / step - 1e-9) * step, step)
    left, right = LEFT, WIDTH - RIGHT_GAP
    top, bottom = TOP, TOP + PLOT_HEIGHT
    x_scale = (right - left) / high

    def x(time: float) -> float:
        return left + min(time, high) * x_scale

    def y(value: float) -> float:
        return bottom - value * PLOT_HEIGHT

    lines = []
    for index, item in enumerate(checked):
        end = _half_pixel(x(item.times[-1]))
        points = _steps(_levels(item.times, item.survival, high, x, y), end)
        band: list[tuple[float, float]] = []
        if bands:
            upper = _steps(_levels(item.times, item.high, high, x, y), end)
            lower = _steps(_levels(item.times, item.low, high, x, y), end)
            band = upper + lower[::-1]
        marks: dict[tuple[float, float], None] = {}
        if censoring:
            for time in item.censored:
                if time > high:
                    continue
                place = bisect.bisect_right(item.times, time) - 1
                value = item.survival[place] if place >= 0 else 1.0
                marks[(_half_pixel(x(time)), _half_pixel(y(value)))] = None
        lines.append(
            Line(
                label=item.label,
                colour=colours[index % len(colours)],
                dash=dashes[index % len(dashes)],
                points=tuple(points),
                band=tuple(band),
                censor_marks=tuple(marks),
            )
        )

    x_ticks = tuple(
        Tick(round(x(i * step), 2), tick_text(round(i * step, 10)))
        for i in range(round(high / step) + 1)
    )
    y_ticks = tuple(Tick(round(y(v), 2), percentage(v)) for v in Y_TICKS)
    legend, legend_x, legend_y = [], float(left), bottom + AXIS + 12
    for line in lines:
        width = KEY_LENGTH + 6 + len(line.label) * CHAR_WIDTH + 20
        if legend_x + width > WIDTH and legend_x > left:
            legend_x, legend_y = float(left), legend_y + LEGEND_ROW
        legend.append(
            LegendKey(
                x=round(legend_x, 2),
                y=round(legend_y, 2),
                colour=line.colour,
                dash=line.dash,
                text=line.label,
            )
        )
        legend_x += width
    return StepChart(
        id=id,
        title=title,
        summary=summary,
        width=WIDTH,
        height=round(legend_y + LEGEND_ROW / 2 + 4, 2),
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        x_label=x_label,
        y_label=y_label,
        lines=tuple(lines),
        legend=tuple(legend),
    )
