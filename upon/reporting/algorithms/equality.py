"""The arithmetic of the aggregate equality report: tables, percentages and suppression.

Pure: takes plain counts, returns plain rows, imports no Django, so the rules can be tested
and reasoned about alone.

Suppression (DESIGN.md: "counts under 5 suppressed"):
- primary: any count from 1 to 4 is shown as "Fewer than 5". Zero is shown: it names nobody.
- complementary: if exactly one cell in a column is suppressed, the column total would give
  it away (total minus the shown cells), so the next smallest non-zero cell is suppressed too.
- a column total from 1 to 4 is itself suppressed (every non-zero cell in it already is).
A suppressed cell carries no count at all, so no template can show it by mistake.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5
SUPPRESSED_TEXT = "Fewer than 5"
NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class Cell:
    count: int | None  # None when suppressed
    percent: float | None  # of the column total, 1 decimal place; None when suppressed
    suppressed: bool


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


def is_small(count: int) -> bool:
    """Primary suppression: 1 to 4 people could be identified."""
    return 0 < count < THRESHOLD


def suppress_column(counts: Sequence[int]) -> list[bool]:
    """Which cells of one column to suppress, primary and complementary."""
    suppressed = [is_small(count) for count in counts]
    if sum(suppressed) == 1:
        candidates = [
            (count, index)
            for index, count in enumerate(counts)
            if not suppressed[index] and count > 0
        ]
        if candidates:
            _, index = min(candidates)
            suppressed[index] = True
    return suppressed


def percent(count: int, total: int) -> float | None:
    return round(100 * count / total, 1) if total else None


def build_table(
    *,
    key: str,
    question: str,
    choices: Sequence[tuple[str, str]],
    answered: Mapping[str, Sequence[int]],
    totals: Sequence[int],
) -> Table:
    """One question's table: a row per answer choice, in order, then "Not answered".

    `answered[value]` holds the count for each stage (column); `totals` the number of people
    at each stage. Whoever is at a stage without one of the listed answers (no response,
    a blank answer) is "Not answered".
    """
    stage_count = len(totals)
    labels = [label for _, label in choices] + [NOT_ANSWERED]
    columns: list[list[int]] = []
    for stage in range(stage_count):
        given = [answered.get(value, [0] * stage_count)[stage] for value, _ in choices]
        columns.append([*given, totals[stage] - sum(given)])

    cells_by_column = []
    for stage, counts in enumerate(columns):
        hide = suppress_column(counts)
        cells_by_column.append(
            [
                Cell(None, None, True)
                if hidden
                else Cell(count, percent(count, totals[stage]), False)
                for count, hidden in zip(counts, hide, strict=True)
            ]
        )
    rows = tuple(
        Row(label, tuple(cells_by_column[stage][index] for stage in range(stage_count)))
        for index, label in enumerate(labels)
    )
    total_cells = tuple(
        Cell(None, None, True) if is_small(total) else Cell(total, percent(total, total), False)
        for total in totals
    )
    return Table(key=key, question=question, rows=rows, totals=total_cells)


def build_report(
    *,
    questions: Sequence[tuple[str, str, Sequence[tuple[str, str]]]],
    answered: Mapping[str, Mapping[str, Sequence[int]]],
    totals: Sequence[int],
) -> list[Table]:
    """A table per question, in the order asked. `questions` is (key, wording, choices)."""
    return [
        build_table(
            key=key,
            question=question,
            choices=choices,
            answered=answered.get(key, {}),
            totals=totals,
        )
        for key, question, choices in questions
    ]
