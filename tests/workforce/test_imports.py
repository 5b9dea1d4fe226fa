"""The importer (upon/workforce/imports.py): row-numbered errors, all or nothing, re-import a
no-op, reorganisations followed; the export read back."""

import datetime
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.workforce.factories import TenureFactory
from upon.workforce import imports
from upon.workforce.models import Director, LeavingReason, Tenure

pytestmark = pytest.mark.django_db
D = datetime.date
H = imports.HEADER


def row(
    code="E06000001",
    name="Director A",
    start="2021-04-01",
    end="",
    basis="Permanent",
    twin="No",
    shared="No",
    reason="",
):
    return [code, "", name, start, end, basis, twin, shared, reason]


def csv_bytes(rows, header=H) -> bytes:
    return "\r\n".join(",".join(cells) for cells in [header, *rows]).encode()


def run(rows, today, by, header=H):
    return imports.run("register.csv", csv_bytes(rows, header), today=today, by=by)


def errors(checked):
    return [(e.row, e.message) for e in checked.errors]


def test_every_bad_row_is_named_by_its_number_and_nothing_is_imported(today, team):
    checked, imported = run(
        [
            row(),
            row(code="E99999999", start="2010-01-01"),
            row(name="Director B", start="2020-01-01", end="2019-01-01"),
            row(name="Director C", code="E06000002", start="2026-07-01"),
            row(),
            row(name="Director D", code="E06000003", start="2020-01-01", end="2022-01-01"),
            row(name="Director E", code="E06000003", start="2021-06-01"),
        ],
        today,
        team,
    )
    assert imported is None
    assert errors(checked) == [
        (3, "E99999999 is not the code of a local authority with children's services"),
        (4, "The end date must be on or after the start date, 1 January 2020"),
        (5, "The start date must be today or in the past"),
        (6, "Row 6 repeats row 2: the same director, authority and start date"),
        (
            7,
            "The tenure in Redcar and Cleveland overlaps row 8 (Director E, 1 June 2021 in "
            "post): tenures in one authority must not overlap",
        ),
        (
            8,
            "The tenure in Redcar and Cleveland overlaps row 7 (Director D, 1 January 2020 to "
            "1 January 2022): tenures in one authority must not overlap",
        ),
    ]
    assert (Tenure.objects.count(), Director.objects.count()) == (0, 0)


def test_wrong_columns_are_an_error_on_row_1(today, team):
    header = [*H[:-1], "Notes"]
    checked, imported = run([row()], today, team, header=header)
    assert imported is None
    assert errors(checked) == [
        (
            1,
            f"The columns must be the template's: {', '.join(H)}; missing Reason for leaving; "
            "not expected 'Notes'",
        )
    ]


def test_an_overlap_with_the_register_is_refused(today, team, hartlepool):
    TenureFactory(director__name="Director Z", started_on=D(2019, 1, 1))
    checked, imported = run([row()], today, team)
    assert errors(checked) == [
        (
            2,
            "The tenure in Hartlepool overlaps Director Z in the register (1 January 2019 in "
            "post): tenures in one authority must not overlap",
        )
    ]


def test_a_former_code_is_followed_and_reimporting_changes_nothing(today, team, barnsley):
    rows = [
        row(code="E08000016", start="2018-04-01", end="2022-03-31", reason="Retired"),
        row(code="E08000038", name="Director B", start="2022-03-31", basis="interim", twin="yes"),
    ]
    checked, imported = run(rows, today, team)
    assert [(n.row, n.message) for n in checked.notes] == [
        (2, "E08000016 is a former code: the row is recorded against Barnsley (E08000038)")
    ]
    assert imported == imports.Imported(created=2, changed=0, unchanged=0)
    assert list(
        Tenure.objects.order_by("started_on").values_list(
            "authority__name", "director__name", "basis", "twin_hat", "leaving_reason"
        )
    ) == [
        ("Barnsley", "Director A", "permanent", False, LeavingReason.RETIRED),
        ("Barnsley", "Director B", "interim", True, ""),
    ]
    history = Tenure.history.count()
    _, again = run(rows, today, team)
    assert again == imports.Imported(created=0, changed=0, unchanged=2)
    assert Tenure.history.count() == history
    rows[1] = row(
        code="E08000038",
        name="director b",
        start="31/03/2022",
        end="2026-05-31",
        basis="Interim",
        twin="Yes",
        reason="interim_ended",
    )
    _, changed = run(rows, today, team)
    assert changed == imports.Imported(created=0, changed=1, unchanged=1)
    ended = Tenure.objects.get(director__name="Director B")
    assert (ended.ended_on, ended.version) == (D(2026, 5, 31), 2)
    assert ended.history.first().history_user == team


def test_the_export_reads_back_in_excel_and_imports_as_a_no_op(today, team, hartlepool):
    TenureFactory(
        director__name="=Director 1",
        started_on=D(2019, 1, 1),
        ended_on=D(2020, 1, 1),
        leaving_reason="retired",
        twin_hat=True,
    )
    TenureFactory(director__name="Director 2", started_on=D(2020, 1, 1))
    data = imports.xlsx_bytes(imports.export_rows())
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert values[0] == H
    assert values[1][:4] == [
        "E06000001",
        "Hartlepool",
        "'=Director 1",
        datetime.datetime(2019, 1, 1),
    ]
    assert values[1][6:] == ["Yes", "No", "Retired"]
    checked, imported = imports.run("register.xlsx", data, today=today, by=team)
    assert errors(checked) == []
    assert imported == imports.Imported(created=0, changed=0, unchanged=2)
    text = "".join(imports.csv_text(imports.export_rows())).encode()
    assert imports.run("r.csv", text, today=today, by=team)[1] == imported


def test_a_file_that_is_not_a_spreadsheet_is_a_file_problem():
    with pytest.raises(imports.FileProblem) as problem:
        imports.read_table("register.xlsx", b"PK\x03\x04 not really")
    assert problem.value.message == "The selected file could not be read as an Excel workbook"
    with pytest.raises(imports.FileProblem):
        imports.read_table("register.csv", b"\xff\xfe\x00bad")


CODES = st.sampled_from(["E06000001", "E06000002", "E08000016", "E99999999", "", "e06000001"])
DATES = st.one_of(
    st.dates(min_value=D(2015, 1, 1), max_value=D(2027, 1, 1)).map(str),
    st.sampled_from(["", "31/02/2020", "nonsense", "01/04/2021"]),
)
ROWS = st.lists(
    st.tuples(
        CODES,
        st.sampled_from(["Director A", "Director B", "director a", "", "=Sum"]),
        DATES,
        DATES,
        st.sampled_from(["Permanent", "interim", "", "Acting"]),
        st.sampled_from(["Yes", "No", "", "maybe"]),
        st.sampled_from(["No", "yes"]),
        st.sampled_from(["", "Retired", "unknown", "bored"]),
    ).map(lambda t: row(*t)),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS)
def test_random_files_are_imported_all_or_nothing_and_once(today, team, rows):
    Tenure.objects.all().delete()
    Director.objects.all().delete()
    checked, imported = run(rows, today, team)
    assert all(2 <= e.row <= len(rows) + 1 for e in checked.errors)
    if checked.errors:
        assert imported is None
        assert Tenure.objects.count() == 0
        return
    assert imported.created == Tenure.objects.count() == checked.rows
    history = (Tenure.history.count(), Director.history.count())
    again, second = run(rows, today, team)
    assert errors(again) == []
    assert second == imports.Imported(created=0, changed=0, unchanged=checked.rows)
    assert (Tenure.history.count(), Director.history.count()) == history


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300), name=st.sampled_from(["r.csv", "r.xlsx"]))
def test_any_bytes_are_read_or_refused_never_raising_anything_else(today, team, data, name):
    try:
        checked, _ = imports.run(name, data, today=today, by=team)
    except imports.FileProblem:
        return
    assert all(e.row >= 1 for e in checked.errors)
