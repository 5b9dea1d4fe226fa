"""The arithmetic of the aggregate equality report: counts and percentages, as published.

Pure: takes plain counts and their suppression (`algorithms/suppression.py`, shared with
adverse impact monitoring so the two reports publish the same figures), imports no Django.
A hidden figure carries no count and no percentage at all, only the text to show in its place,
so no template can show it by mistake. A percentage is of the stage's total, and only where
both the count and the total are shown (otherwise it would give one away).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from upon.reporting.algorithms.suppression import SHOWN, TEXT, TOTAL, Suppression


@dataclass(frozen=True)
class Cell:
    count: int | None  # None when hidden
    percent: float | None  # of the stage's total, 1 decimal place; None when hidden
    hidden: str | None = None  # what to show instead: "Fewer than 5", or why it is hidden

    @property
    def suppressed(self) -> bool:
        return self.hidden is not None


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    key: str
    question: str
    rows: tuple[Row, ...]
    totals: tuple[Cell, ...]


def percent(count: int, total: int) -> float | None:
    return round(100 * count / total, 1) if total else None


def build_table(
    *,
    key: str,
    question: str,
    groups: Sequence[str],
    counts: Sequence[Sequence[int]],
    suppression: Suppression,
    texts=TEXT,
) -> Table:
    """One question's table: a row per group (answer) in order, `counts[group][stage]`;
    `texts` says what a hidden figure shows, by its state."""
    stages = len(counts[0]) if counts else 0
    totals = [sum(row[s] for row in counts) for s in range(stages)]

    def cell(group: int, stage: int) -> Cell:
        state = suppression.state(group, stage)
        if state != SHOWN:
            return Cell(None, None, texts[state])
        count = totals[stage] if group == TOTAL else counts[group][stage]
        total_shown = not suppression.hidden(TOTAL, stage)
        return Cell(count, percent(count, totals[stage]) if total_shown else None)

    return Table(
        key=key,
        question=question,
        rows=tuple(
            Row(label, tuple(cell(g, s) for s in range(stages))) for g, label in enumerate(groups)
        ),
        totals=tuple(cell(TOTAL, s) for s in range(stages)),
    )
