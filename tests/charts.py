"""Reading a chart drawn by govuk/bar_chart.html back out of a page, for exact assertions."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class DrawnRow:
    label: str
    bars: int  # bars (or stacked segments) drawn
    texts: tuple[str, ...]  # the values written on or after the bars
    error_bar: bool
    note: str


@dataclass(frozen=True)
class DrawnChart:
    title: str
    summary: str
    labelled_by: str
    rows: tuple[DrawnRow, ...]
    legend: tuple[str, ...]
    reference: str  # the reference line's label, "" for none


def chart_ids(content: str) -> list[str]:
    return re.findall(r'<figure class="upon-chart[^"]*" id="([^"]+)">', content)


def drawn_chart(content: str, chart_id: str) -> DrawnChart:
    """The chart with this id on the page, parsed as XML (the SVG must be well formed)."""
    start = content.index(f'id="{chart_id}">')
    svg = content[content.index("<svg", start) : content.index("</svg>", start) + 6]
    root = ET.fromstring(svg)
    rows = []
    for group in root.iter(f"{SVG}g"):
        texts = list(group.iter(f"{SVG}text"))
        rows.append(
            DrawnRow(
                label=" ".join(t.text for t in texts if t.get("class") == "upon-chart__label"),
                bars=sum(
                    1 for r in group.iter(f"{SVG}rect") if r.get("class") == "upon-chart__bar"
                ),
                texts=tuple(t.text for t in texts if not t.get("class")),
                error_bar=any(True for _ in group.iter(f"{SVG}path")),
                note=" ".join(t.text for t in texts if t.get("class") == "upon-chart__note"),
            )
        )
    children = list(root)
    legend = [
        t.text
        for i, t in enumerate(children)
        if t.tag == f"{SVG}text" and i and children[i - 1].tag == f"{SVG}rect"
    ]
    reference = [
        t.text
        for i, t in enumerate(children)
        if t.tag == f"{SVG}text"
        and i
        and children[i - 1].tag == f"{SVG}line"
        and children[i - 1].get("stroke") == "#d4351c"
    ]
    return DrawnChart(
        title=root.find(f"{SVG}title").text,
        summary=root.find(f"{SVG}desc").text,
        labelled_by=root.get("aria-labelledby"),
        rows=tuple(rows),
        legend=tuple(legend),
        reference=reference[0] if reference else "",
    )


@dataclass(frozen=True)
class DrawnStepChart:
    title: str
    summary: str
    labelled_by: str
    lines: tuple[str, ...]  # each series' step line, as its path
    bands: int
    censored: int  # series with censoring ticks
    legend: tuple[str, ...]
    x_ticks: tuple[str, ...]
    y_ticks: tuple[str, ...]


def drawn_step_chart(content: str, chart_id: str) -> DrawnStepChart:
    """The step chart (govuk/step_chart.html) with this id on the page, parsed as XML."""
    start = content.index(f'id="{chart_id}">')
    root = ET.fromstring(content[content.index("<svg", start) : content.index("</svg>", start) + 6])
    paths = list(root.iter(f"{SVG}path"))
    children = list(root)
    after_grid = [
        (children[i - 1], t)
        for i, t in enumerate(children)
        if t.tag == f"{SVG}text" and i and children[i - 1].get("stroke") == "#b1b4b6"
    ]
    return DrawnStepChart(
        title=root.find(f"{SVG}title").text,
        summary=root.find(f"{SVG}desc").text,
        labelled_by=root.get("aria-labelledby"),
        lines=tuple(p.get("d") for p in paths if p.get("class") == "upon-chart__line"),
        bands=sum(p.get("class") == "upon-chart__band" for p in paths),
        censored=sum(p.get("class") == "upon-chart__censored" for p in paths),
        legend=tuple(
            t.text
            for i, t in enumerate(children)
            if t.tag == f"{SVG}text" and i and children[i - 1].get("class") == "upon-chart__key"
        ),
        x_ticks=tuple(t.text for line, t in after_grid if line.get("x1") == line.get("x2")),
        y_ticks=tuple(t.text for line, t in after_grid if line.get("y1") == line.get("y2")),
    )
