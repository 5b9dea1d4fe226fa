"""The one CSV writer: formulae neutralised for every spreadsheet, separators of every locale
quoted."""

import pytest

from upon.service.spreadsheets import csv_lines, neutralise_formula


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0001", "'+44 20 7946 0001"),
        ("-Director", "'-Director"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tHead", "'\tHead"),
        ("\rHead", "'\rHead"),
        # Full-width forms, which some spreadsheets read as the ASCII ones.
        ("＝1+1", "'＝1+1"),
        ("＋44", "'＋44"),
        ("－1", "'－1"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        ("Head of service", "Head of service"),
        ("a=b", "a=b"),
        ("", ""),
        (7, 7),
        (-7, -7),
        (None, None),
    ],
)
def test_a_cell_a_spreadsheet_would_run_starts_with_a_single_quote(value, written):
    assert neutralise_formula(value) == written


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("plain", "plain"),
        ("a;b", '"a;b"'),
        ("a,b", '"a,b"'),
        ('say "hi"', '"say ""hi"""'),
        ("two\nlines", '"two\nlines"'),
        ("two\r\nlines", '"two\r\nlines"'),
        ("=1;2", '"\'=1;2"'),
        ("-1,2", '"\'-1,2"'),
        (None, ""),
        (7, "7"),
    ],
)
def test_each_cell_is_quoted_when_it_holds_a_separator_of_any_locale(cell, written):
    header, line = csv_lines(["H"], [[cell]])
    assert header == "\ufeffH\r\n"
    assert line == written + "\r\n"


def test_a_row_joins_its_cells_with_commas():
    assert list(csv_lines(["A", "B;C"], [["x", "=y"]])) == ['\ufeffA,"B;C"\r\n', "x,'=y\r\n"]
