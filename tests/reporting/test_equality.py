"""The equality report's arithmetic and suppression, without the database."""

import pytest

from upon.reporting.algorithms.equality import (
    NOT_ANSWERED,
    Cell,
    Row,
    build_report,
    build_table,
    is_small,
    suppress_column,
)

HIDDEN = Cell(None, None, True)


@pytest.mark.parametrize(("count", "small"), [(0, False), (1, True), (4, True), (5, False)])
def test_counts_from_1_to_4_are_small(count, small):
    assert is_small(count) is small


@pytest.mark.parametrize(
    ("counts", "suppressed"),
    [
        # Nothing small: nothing hidden.
        ([20, 0, 5], [False, False, False]),
        # One small cell: the next smallest non-zero cell is hidden too (not the zero).
        ([10, 3, 7, 0], [False, True, True, False]),
        # Two small cells already protect each other.
        ([10, 3, 4, 0], [False, True, True, False]),
        # A tie for next smallest: the first one in the column.
        ([6, 2, 6], [True, True, False]),
        ([0, 12, 3, 5], [False, False, True, True]),
        # Only one person at all: nothing else to hide (the total is hidden instead).
        ([3, 0, 0], [True, False, False]),
        ([], []),
    ],
)
def test_suppress_column(counts, suppressed):
    assert suppress_column(counts) == suppressed


def test_build_table_counts_percentages_not_answered_and_suppression():
    table = build_table(
        key="sex",
        question="What is your sex?",
        choices=[("female", "Female"), ("male", "Male"), ("other", "Other")],
        answered={"female": [10, 8], "male": [3, 3], "other": [0, 0]},
        totals=[20, 15],
    )
    assert table.key == "sex"
    assert table.question == "What is your sex?"
    assert table.rows == (
        Row("Female", (Cell(10, 50.0, False), Cell(8, 53.3, False))),
        # Applied: 3 is small, so the next smallest (not answered, 7) is hidden too.
        Row("Male", (HIDDEN, HIDDEN)),
        Row("Other", (Cell(0, 0.0, False), Cell(0, 0.0, False))),
        # Not answered: 20 - 13 = 7 and 15 - 11 = 4.
        Row(NOT_ANSWERED, (HIDDEN, HIDDEN)),
    )
    assert table.totals == (Cell(20, 100.0, False), Cell(15, 100.0, False))


def test_small_totals_are_hidden_and_empty_stages_have_no_percentage():
    table = build_table(
        key="sex",
        question="What is your sex?",
        choices=[("female", "Female"), ("male", "Male")],
        answered={"female": [3, 0]},
        totals=[3, 0],
    )
    assert table.rows == (
        Row("Female", (HIDDEN, Cell(0, None, False))),
        Row("Male", (Cell(0, 0.0, False), Cell(0, None, False))),
        Row(NOT_ANSWERED, (Cell(0, 0.0, False), Cell(0, None, False))),
    )
    assert table.totals == (HIDDEN, Cell(0, None, False))


def test_everyone_without_an_answer_is_not_answered():
    table = build_table(
        key="religion",
        question="What is your religion?",
        choices=[("none", "No religion")],
        answered={},
        totals=[9],
    )
    assert table.rows == (
        Row("No religion", (Cell(0, 0.0, False),)),
        Row(NOT_ANSWERED, (Cell(9, 100.0, False),)),
    )


def test_build_report_keeps_the_order_of_the_questions():
    tables = build_report(
        questions=[("b", "Second?", [("y", "Yes")]), ("a", "First?", [("y", "Yes")])],
        answered={"a": {"y": [6]}},
        totals=[6],
    )
    assert [(table.key, table.rows[0].cells[0].count) for table in tables] == [("b", 0), ("a", 6)]
