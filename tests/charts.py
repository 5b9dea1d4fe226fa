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
