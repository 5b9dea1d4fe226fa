"""The equality report's arithmetic: counts, percentages and hidden figures, no database."""

from upon.reporting.algorithms.equality import Cell, Row, build_table
from upon.reporting.algorithms.suppression import suppress

SMALL = Cell(None, None, "Fewer than 5")
PROTECTED = Cell(None, None, "Hidden to protect a small group")


def table(groups, counts):
    return build_table(
        key="sex",
        question="What is your sex?",
        groups=groups,
        counts=counts,
        suppression=suppress(counts),
    )


def test_counts_percentages_and_what_is_hidden_instead():
    result = table(["Female", "Male", "Other", "Not answered"], [[10, 5], [3, 0], [0, 0], [7, 7]])
    assert (result.key, result.question) == ("sex", "What is your sex?")
    assert result.rows == (
        Row("Female", (Cell(10, 50.0), Cell(5, 41.7))),
        # Applied: 3 is small, so the next smallest (not answered, 7) is hidden too.
        Row("Male", (SMALL, Cell(0, 0.0))),
        Row("Other", (Cell(0, 0.0), Cell(0, 0.0))),
        Row("Not answered", (PROTECTED, Cell(7, 58.3))),
    )
    assert result.totals == (Cell(20, 100.0), Cell(12, 100.0))


def test_small_totals_are_hidden_with_no_percentage_beside_them():
    result = table(["Female", "Male", "Not answered"], [[3, 0], [0, 0], [0, 0]])
    # Everyone at the stage gave one answer: a zero beside it is hidden too.
    assert result.rows == (
        Row("Female", (SMALL, Cell(0, None))),
        Row("Male", (SMALL, Cell(0, None))),
        Row("Not answered", (Cell(0, None), Cell(0, None))),
    )
    assert result.totals == (SMALL, Cell(0, None))
    assert result.rows[0].cells[0].suppressed and not result.totals[1].suppressed
