"""The geometry of a horizontal bar chart, for an SVG drawn by a Django template.

Pure: plain rows in, a frozen `Chart` of coordinates and texts out, no Django, no plotting
library (nothing heavy to import on a page's first request). The template
`govuk/bar_chart.html` draws it; every chart comes with a text summary and the same figures in
a table on the page, so the SVG adds a picture and never information of its own.

A row has one value per series: one series draws a bar; several draw side by side (grouped)
or end to end (`stacked=True`). A value of None draws nothing and shows the row's `note`
instead (a suppressed count: the chart shows no bar and no number for it). A row may carry an
interval (`low`, `high`: an error bar) and the chart a reference line (`Reference`). Bars grow
from 0, to the left for a negative value.

Series are told apart by pattern as well as colour (never by colour alone), and every colour
is one of GOV.UK's with at least 3:1 contrast on white; the text on a bar is black or white,
whichever contrasts more with the bar.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

WIDTH = 640
FONT_SIZE = 14
CHAR_WIDTH = 7.2  # an average character of 14px Arial: enough to place labels, not to measure
LINE_HEIGHT = 17
BAR_HEIGHT = 22
ROW_GAP = 12
LEFT_MAX = 220
LEFT_MIN = 60
RIGHT = 56  # room for the value written after a bar
TOP = 12
AXIS = 40  # tick labels and the axis title
LEGEND_ROW = 24
MIN_TEXT_WIDTH = 22  # a stacked segment narrower than this is not labelled inside

BLACK = "#0b0c0c"
WHITE = "#ffffff"
MID_GREY = "#505a5f"
# GOV.UK colours, each at least 3:1 against white; for ordered series, light to dark.
SERIES_COLOURS = ("#5694ca", "#1d70b8", "#003078", MID_GREY, BLACK)
# One pattern per series, drawn over its colour (see the template): "" is solid.
PATTERNS = ("", "diagonal", "dots", "horizontal", "crosshatch")
REFERENCE_COLOUR = "#d4351c"  # GOV.UK red, 4.5:1 on white


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[float | None, ...]
    texts: tuple[str, ...] = ()  # what to write for each value (default: the number)
    low: float | None = None  # the interval drawn as an error bar, when both are given
    high: float | None = None
    note: str = ""  # written where there is no bar (a value of None)


@dataclass(frozen=True)
class Reference:
    value: float
    label: str


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    series: int
    fill: str
    pattern: str
    text: str  # written inside (stacked) or after the bar; "" for none
    text_x: float
    text_y: float
    text_anchor: str  # "start", "middle" or "end"
    text_fill: str
    # A box behind the text, in `text_box_fill`, so a gridline, the reference line or a
    # pattern never runs through it: (x, y, width, height).
    text_box: tuple[float, float, float, float] = (0, 0, 0, 0)
    text_box_fill: str = WHITE


@dataclass(frozen=True)
class ErrorBar:
    x1: float
    x2: float
    y: float
    top: float
    bottom: float


@dataclass(frozen=True)
class RowShape:
    lines: tuple[tuple[float, str], ...]  # the label, wrapped: (y, text) per line
    rects: tuple[Rect, ...]
    error: ErrorBar | None
    note: str
    note_x: float
    note_y: float

    @property
    def note_text_x(self) -> float:
        return round(self.note_x + 2, 2)

    @property
    def note_box_y(self) -> float:
        return round(self.note_y - FONT_SIZE + 1, 2)

    @property
    def note_box_width(self) -> float:
        return round(len(self.note) * CHAR_WIDTH + 4, 2)


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class LegendKey:
    x: float
    y: float
    fill: str
    pattern: str
    text: str

    @property
    def text_x(self) -> float:
        return round(self.x + 24, 2)

    @property
    def text_y(self) -> float:
        return round(self.y + 14, 2)


@dataclass(frozen=True)
class ReferenceLine:
    x: float
    top: float
    bottom: float
    label: str
    label_x: float
    label_anchor: str
    label_y: float

    @property
    def key_y(self) -> float:
        """The y of the dash in the line's key, beside its label."""
        return round(self.label_y - 5, 2)


@dataclass(frozen=True)
class Chart:
    id: str  # unique on the page: the SVG's ids start with it
    title: str
    summary: str  # what the chart shows, in words: the SVG's description
    width: float
    height: float
    left: float  # the plot area
    right: float
    top: float
    bottom: float
    zero: float  # x of the value 0
    rows: tuple[RowShape, ...]
    ticks: tuple[Tick, ...]
    axis_label: str
    axis_label_y: float
    legend: tuple[LegendKey, ...]
    reference: ReferenceLine | None
    patterns: tuple[tuple[str, str], ...] = field(default=())  # (pattern, its id) used

    @property
    def tick_label_y(self) -> float:
        return round(self.bottom + FONT_SIZE + 4, 2)

    @property
    def label_x(self) -> float:
        """Where the row labels end, right-aligned before the plot area."""
        return round(self.left - 8, 2)

    @property
    def key_end(self) -> float:
        return round(self.left + 22, 2)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio between two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with the fill."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


def wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most `width` characters (a longer word has a line of its own)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines or [""]


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` steps over span."""
    if span <= 0:
        return 1.0
    rough = span / ticks
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def percentage(value: float) -> str:
    """A tick's text on an axis of proportions from 0 to 1."""
    return f"{value * 100:.0f}%"


def horizontal_bars(
    rows: Sequence[Row],
    *,
    id: str,
    title: str,
    summary: str,
    series: Sequence[str] = (),
    stacked: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
    step: float | None = None,
    whole_numbers: bool = False,
    axis_label: str = "",
    tick_text: Callable[[float], str] = _number,
    reference: Reference | None = None,
    colours: Sequence[str] = SERIES_COLOURS,
) -> Chart:
    """Lay out a horizontal bar chart: one row per item, top to bottom in the order given.

    `series` names the values of each row (for the legend); with none, each row has one value
    and no legend. The axis runs from `minimum` to `maximum` (by default from 0, or below for a
    negative value or interval, to the largest bar, interval or reference), in round steps
    (whole ones with `whole_numbers`).
    """
    count = max(len(series), 1)
    if any(len(row.values) != count for row in rows):
        raise ValueError(f"every row needs {count} value(s), one per series")
    ends = [0.0]
    for row in rows:
        values = [v for v in row.values if v is not None]
        ends += (
            [sum(v for v in values if v > 0), sum(v for v in values if v < 0)]
            if stacked
            else values
        )
        ends += [v for v in (row.low, row.high) if v is not None]
    if reference is not None:
        ends.append(reference.value)
    low = min(ends) if minimum is None else minimum
    high = max(ends) if maximum is None else maximum
    step = step or nice_step(high - low)
    if whole_numbers:  # counts: no tick between two whole numbers
        step = max(1.0, round(step))
    low = math.floor(low / step + 1e-9) * step if minimum is None else low
    high = math.ceil(high / step - 1e-9) * step if maximum is None else high
    if high <= low:
        high = low + step

    label_chars = max((len(row.label) for row in rows), default=0)
    left = min(max(label_chars * CHAR_WIDTH + 12, LEFT_MIN), LEFT_MAX)
    chars_per_line = max(int((left - 12) / CHAR_WIDTH), 8)
    right = WIDTH - RIGHT
    scale = (right - left) / (high - low)

    def x(value: float) -> float:
        return round(left + (value - low) * scale, 2)

    zero = x(min(max(0.0, low), high))
    # With error bars or bars to the left of 0, a value written at a bar's end would run into
    # its error bar or its row's label: the values go in a column of their own on the right.
    column = not stacked and any(
        row.low is not None or any(v is not None and v < 0 for v in row.values) for row in rows
    )
    shapes, y = [], TOP
    for row in rows:
        lines = wrap(row.label, chars_per_line)
        slots = 1 if stacked else count
        bars_height = BAR_HEIGHT * slots
        height = max(bars_height, len(lines) * LINE_HEIGHT)
        bar_top = y + (height - bars_height) / 2
        rects = []
        texts = row.texts or tuple("" if v is None else _number(v) for v in row.values)
        positive = negative = 0.0
        for index, value in enumerate(row.values):
            if value is None or (stacked and value == 0):  # a stacked 0 has no segment
                continue
            slot_top = bar_top + (0 if stacked else index * BAR_HEIGHT)
            if stacked:
                start = positive if value >= 0 else negative
                if value >= 0:
                    positive += value
                else:
                    negative += value
            else:
                start = 0.0
            x1, x2 = sorted((x(start), x(start + value)))
            fill = colours[index % len(colours)]
            width = round(x2 - x1, 2)
            text = texts[index] if index < len(texts) else ""
            box_fill = WHITE
            if stacked:
                inside = width >= MIN_TEXT_WIDTH
                text_x, anchor, text_fill = (x1 + x2) / 2, "middle", text_colour(fill)
                text, box_fill = (text if inside else ""), fill
            elif column:
                text_x, anchor, text_fill = WIDTH - 4, "end", BLACK
            elif value >= 0:
                text_x, anchor, text_fill = x2 + 4, "start", BLACK
            else:
                text_x, anchor, text_fill = x1 - 4, "end", BLACK
            text_y = slot_top + BAR_HEIGHT / 2 + FONT_SIZE * 0.35
            text_width = len(text) * CHAR_WIDTH + 4
            box_x = {"start": text_x - 2, "middle": text_x - text_width / 2}.get(
                anchor, text_x - text_width + 2
            )
            rects.append(
                Rect(
                    x=x1,
                    y=round(slot_top + 2, 2),
                    width=width,
                    height=BAR_HEIGHT - 4,
                    series=index,
                    fill=fill,
                    pattern=PATTERNS[index % len(PATTERNS)] if count > 1 else "",
                    text=text,
                    text_x=round(text_x, 2),
                    text_y=round(text_y, 2),
                    text_anchor=anchor,
                    text_fill=text_fill,
                    text_box=(
                        round(box_x, 2),
                        round(text_y - FONT_SIZE + 1, 2),
                        round(text_width, 2),
                        FONT_SIZE + 3,
                    ),
                    text_box_fill=box_fill,
                )
            )
        error = None
        if row.low is not None and row.high is not None:
            middle = bar_top + bars_height / 2
            error = ErrorBar(
                x1=x(row.low),
                x2=x(row.high),
                y=round(middle, 2),
                top=round(middle - 6, 2),
                bottom=round(middle + 6, 2),
            )
        first_line = y + (height - len(lines) * LINE_HEIGHT) / 2 + FONT_SIZE
        shapes.append(
            RowShape(
                lines=tuple(
                    (round(first_line + i * LINE_HEIGHT, 2), line) for i, line in enumerate(lines)
                ),
                rects=tuple(rects),
                error=error,
                note=row.note if all(v is None for v in row.values) else "",
                note_x=zero + 2,
                note_y=round(bar_top + bars_height / 2 + FONT_SIZE * 0.35, 2),
            )
        )
        y += height + ROW_GAP
    bottom = y - ROW_GAP / 2
    ticks, steps = [], round((high - low) / step)
    for i in range(steps + 1):
        value = low + i * step
        ticks.append(Tick(x(value), tick_text(round(value, 10))))
    below_axis = bottom + AXIS + (LINE_HEIGHT if reference is not None else 0)
    legend, legend_y = [], below_axis + 8
    if series:
        legend_x = left
        for index, name in enumerate(series):
            width = 24 + len(name) * CHAR_WIDTH + 16
            if legend_x + width > WIDTH and legend_x > left:
                legend_x, legend_y = left, legend_y + LEGEND_ROW
            legend.append(
                LegendKey(
                    x=round(legend_x, 2),
                    y=round(legend_y, 2),
                    fill=colours[index % len(colours)],
                    pattern=PATTERNS[index % len(PATTERNS)] if count > 1 else "",
                    text=name,
                )
            )
            legend_x += width
    height = (legend_y + LEGEND_ROW) if legend else below_axis
    line = None
    if reference is not None:
        # The line's key sits under the axis title, like a legend's: a dash, then the label.
        line = ReferenceLine(
            x=x(reference.value),
            top=TOP - 6,
            bottom=round(bottom, 2),
            label=reference.label,
            label_x=round(left + 28, 2),
            label_anchor="start",
            label_y=round(below_axis - 4, 2),
        )
    used = sorted({r.pattern for s in shapes for r in s.rects} | {k.pattern for k in legend})
    return Chart(
        id=id,
        title=title,
        summary=summary,
        width=WIDTH,
        height=round(height, 2),
        left=round(left, 2),
        right=right,
        top=TOP,
        bottom=round(bottom, 2),
        zero=zero,
        rows=tuple(shapes),
        ticks=tuple(ticks),
        axis_label=axis_label,
        axis_label_y=round(bottom + AXIS - 4, 2),
        legend=tuple(legend),
        reference=line,
        patterns=tuple((p, f"{id}-{p}") for p in used if p),
    )
