"""Reading the register from a spreadsheet (CSV or Excel) and writing it back out.

Plain functions, testable without a request:

- `read_table(file_name, data)`: the header and rows of the file's first sheet, or `FileProblem`;
- `check(header, rows, today=...)`: every row's errors by row number, and what an import would
  do; nothing is written;
- `apply(checked, by=...)`: write it, all or nothing, in one transaction;
- `run(file_name, data, today=..., by=...)`: the three together, re-checked inside the
  transaction, so the register a dry run was checked against is the one written to.

Row numbers are the spreadsheet's: the header is row 1, the first director row 2.

A row is matched to a tenure in the register by authority, director (their name folded for case
and spacing) and start date; a matched row that says the same changes nothing and one that says
more (an end date since) changes it, so importing the same file twice imports it once. A former
authority code (a reorganisation) is followed to the authority that has it now.
"""

import csv
import datetime
import io
import itertools
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from openpyxl import Workbook, load_workbook
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from upon.service.spreadsheets import FORMULA_STARTS, csv_lines, neutralise_formula
from upon.service.times import calendar_date
from upon.service.versioning import bump
from upon.workforce import register, tasks
from upon.workforce.models import NAME_MAX, Basis, Director, LeavingReason, Tenure

HEADER = [
    "Authority code",
    "Authority",
    "Director",
    "Start date",
    "End date",
    "Interim or permanent",
    "Twin hat",
    "Shared",
    "Reason for leaving",
]
MAX_ROWS = 20_000
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
# Values the team writes, folded: the labels and the stored values both count.
BASES = {label.lower(): value for value, label in Basis.choices} | {v: v for v in Basis.values}
REASONS = {label.lower(): value for value, label in LeavingReason.choices} | {
    v: v for v in LeavingReason.values
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
# What a change to a matched tenure may alter (the key, authority, director and start, cannot).
CHANGEABLE = ("ended_on", "basis", "twin_hat", "shared", "leaving_reason")


class FileProblem(Exception):
    """The file as a whole cannot be read: the message says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


@dataclass(frozen=True)
class Proposed:
    """A good row, as the tenure it records."""

    row: int
    authority_id: int
    authority_name: str
    name: str
    started_on: datetime.date
    ended_on: datetime.date | None
    basis: str
    twin_hat: bool
    shared: bool
    leaving_reason: str

    @property
    def key(self) -> tuple:
        return (self.authority_id, register.normalise_name(self.name), self.started_on)

    def values(self) -> dict:
        return {name: getattr(self, name) for name in CHANGEABLE}


@dataclass
class Checked:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    notes: list[RowError] = field(default_factory=list)
    new: list[Proposed] = field(default_factory=list)
    changed: list[tuple[Tenure, Proposed]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows > 0


# Reading the file


def _cell(value) -> str | datetime.date:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    # Our own exports quote a cell a spreadsheet would run as a formula: read it back as typed.
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def read_table(file_name: str, data: bytes) -> tuple[list[str], list[list]]:
    """The first sheet's header and rows (cells as text or dates). FileProblem if unreadable."""
    if file_name.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            workbook.close()
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError, IndexError):
            raise FileProblem("The selected file could not be read as an Excel workbook") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileProblem("The selected file must be a CSV saved as UTF-8") from None
        try:
            table = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error:
            raise FileProblem("The selected file could not be read as a CSV") from None
    if not table:
        raise FileProblem("The selected file is empty")
    header = [str(name) for name in table[0]]
    while header and header[-1] == "":  # Excel pads rows to the widest one
        header.pop()
    return header, table[1:]


# Checking each row


def _text(value) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else value


# The two shapes nearly every file uses, read without strptime (a tenth of the check's time at
# 10,000 rows). Only what strptime would read the same way: anything else, or a shape that is
# not a real date, goes on to DATE_FORMATS as before.
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _quick_date(value: str) -> datetime.date | None:
    if found := ISO_DATE.fullmatch(value):
        year, month, day = found.groups()
    elif found := UK_DATE.fullmatch(value):
        day, month, year = found.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date(value, label: str, errors: list[str], required: bool) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if value == "":
        if required:
            errors.append(f"Enter the {label}")
        return None
    quick = _quick_date(value)
    if quick is not None:
        return quick
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    errors.append(f"The {label} must be a real date, like 2024-04-01 or 01/04/2024")
    return None


def _yes_no(value, label: str, errors: list[str]) -> bool:
    folded = _text(value).lower()
    if folded in YES:
        return True
    if folded not in NO:
        errors.append(f"{label} must be Yes or No")
    return False


def _columns_problem(header: list[str]) -> str | None:
    folded = [name.strip().lower() for name in header]
    expected = [name.lower() for name in HEADER]
    if sorted(folded) == sorted(expected):
        return None
    missing = [name for name in HEADER if name.lower() not in folded]
    extra = [name for name in header if name.strip().lower() not in expected]
    parts = [f"The columns must be the template's: {', '.join(HEADER)}"]
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if extra:
        parts.append(f"not expected {', '.join(repr(name) for name in extra)}")
    if len(set(folded)) != len(folded):
        parts.append("a column is named twice")
    return "; ".join(parts)


class Authorities:
    """The local authorities by their codes now, and by a former code (a reorganisation)."""

    def __init__(self):
        self.by_code, self.former = {}, {}
        for authority in register.local_authorities().only(
            "pk", "name", "gss_code", "former_gss_code"
        ):
            self.by_code[authority.gss_code.upper()] = authority
            if authority.former_gss_code:
                self.former[authority.former_gss_code.upper()] = authority


def _row(number: int, cells: dict, authorities: Authorities, today, result: Checked):
    errors: list[str] = []
    code = _text(cells["authority code"]).upper()
    authority = authorities.by_code.get(code)
    if authority is None and code in authorities.former:
        authority = authorities.former[code]
        result.notes.append(
            RowError(
                number,
                f"{code} is a former code: the row is recorded against {authority.name} "
                f"({authority.gss_code})",
            )
        )
    if authority is None:
        if code:
            errors.append(f"{code} is not the code of a local authority with children's services")
        else:
            errors.append("Enter the authority code, like E06000001")
    name = register.tidy_name(_text(cells["director"]))
    if not name:
        errors.append("Enter the director's name")
    elif len(name) > NAME_MAX:
        errors.append(f"The director's name must be {NAME_MAX} characters or fewer")
    started_on = _date(cells["start date"], "start date", errors, required=True)
    ended_on = _date(cells["end date"], "end date", errors, required=False)
    for message in register.date_problems(
        started_on=started_on, ended_on=ended_on, today=today
    ).values():
        errors.append(message)
    basis = BASES.get(_text(cells["interim or permanent"]).lower())
    if basis is None:
        errors.append("Interim or permanent must be Interim or Permanent")
    twin_hat = _yes_no(cells["twin hat"], "Twin hat", errors)
    shared = _yes_no(cells["shared"], "Shared", errors)
    reason_text = _text(cells["reason for leaving"]).lower()
    reason = REASONS.get(reason_text) if reason_text else ""
    if reason is None:
        errors.append(
            "Reason for leaving must be one of: "
            + ", ".join(label for _, label in LeavingReason.choices)
        )
    elif reason and _text(cells["end date"]) == "":
        errors.append("Leave the reason for leaving empty while the director is in post")
    if errors:
        result.errors.extend(RowError(number, message) for message in errors)
        return None
    return Proposed(
        row=number,
        authority_id=authority.pk,
        authority_name=authority.name,
        name=name,
        started_on=started_on,
        ended_on=ended_on,
        basis=basis,
        twin_hat=twin_hat,
        shared=shared,
        leaving_reason=(reason or LeavingReason.UNKNOWN) if ended_on else "",
    )


def _span(record) -> tuple:
    return (record.started_on, record.ended_on)


def _dates(record) -> str:
    until = f"to {calendar_date(record.ended_on)}" if record.ended_on else "in post"
    return f"{calendar_date(record.started_on)} {until}"


def check(header: list[str], rows: Iterable[list], *, today: datetime.date) -> Checked:
    """Every row's errors by row number, and what an import would create or change."""
    result = Checked()
    problem = _columns_problem(header)
    if problem:
        result.errors.append(RowError(1, problem))
        return result
    positions = {name.strip().lower(): place for place, name in enumerate(header)}
    authorities = Authorities()
    good: list[Proposed] = []
    seen: dict[tuple, int] = {}
    for number, cells in enumerate(rows, start=2):
        if all(_text(cell) == "" for cell in cells):
            continue
        result.rows += 1
        if result.rows > MAX_ROWS:
            result.errors.append(RowError(number, f"The file must have {MAX_ROWS:,} rows or fewer"))
            return result
        padded = list(cells) + [""] * (len(header) - len(cells))
        if any(_text(cell) != "" for cell in padded[len(header) :]):
            result.errors.append(RowError(number, "The row has more cells than the header"))
            continue
        named = {name: padded[place] for name, place in positions.items()}
        proposed = _row(number, named, authorities, today, result)
        if proposed is None:
            continue
        if proposed.key in seen:
            result.errors.append(
                RowError(
                    number,
                    f"Row {number} repeats row {seen[proposed.key]}: the same director, "
                    "authority and start date",
                )
            )
            continue
        seen[proposed.key] = number
        good.append(proposed)
    if result.rows == 0:
        result.errors.append(RowError(2, "The file has no rows of directors under its header"))
        return result
    _match(good, result)
    result.errors.sort(key=lambda error: error.row)
    return result


def _match(good: list[Proposed], result: Checked) -> None:
    """Match good rows to the register, and refuse overlaps in one authority (in the file and
    with tenures already in the register that no row matches)."""
    authority_ids = {row.authority_id for row in good}
    existing = {
        (t.authority_id, t.director.normalised_name, t.started_on): t
        for t in Tenure.objects.filter(authority_id__in=authority_ids).select_related("director")
    }
    by_authority: dict[int, list] = defaultdict(list)
    for row in good:
        by_authority[row.authority_id].append(row)
    in_file = {row.key for row in good}
    for key, tenure in existing.items():
        if key not in in_file:
            by_authority[tenure.authority_id].append(tenure)
    for records in by_authority.values():
        records.sort(key=lambda r: (r.started_on, getattr(r, "row", 0)))
        if not _end_to_end(records):
            _overlaps(records, result)
    if result.errors:
        return
    for row in good:
        tenure = existing.get(row.key)
        if tenure is None:
            result.new.append(row)
        elif all(getattr(tenure, name) == value for name, value in row.values().items()):
            result.unchanged += 1
        else:
            result.changed.append((tenure, row))


def _end_to_end(records: list) -> bool:
    """Whether these records, in start order, each end on or before the next starts: then no two
    overlap (each ends by the next's start, which is on or before its end), proved in one pass.
    Otherwise `_overlaps` compares every pair, as it always did."""
    return all(
        record.ended_on is not None and record.ended_on <= after.started_on
        for record, after in itertools.pairwise(records)
    )


def _overlaps(records: list, result: Checked) -> None:
    """Each row's first overlap among the authority's records (in start order), as an error."""
    for record in records:
        if not isinstance(record, Proposed):
            continue
        for other in records:
            if other is record or not register.spans_overlap(_span(record), _span(other)):
                continue
            if isinstance(other, Proposed):
                said = f"row {other.row} ({other.name}, {_dates(other)})"
            else:
                said = f"{other.director.name} in the register ({_dates(other)})"
            result.errors.append(
                RowError(
                    record.row,
                    f"The tenure in {record.authority_name} overlaps {said}: tenures in one "
                    "authority must not overlap",
                )
            )
            break


# Writing


@dataclass(frozen=True)
class Imported:
    created: int
    changed: int
    unchanged: int


def apply(checked: Checked, *, by) -> Imported:
    """Write a checked file that has no errors, in one transaction."""
    if not checked.ok:
        raise ValueError("Only a file with no errors is imported")
    with transaction.atomic():
        names = {register.normalise_name(row.name): row.name for row in checked.new}
        directors = {}
        for director in Director.objects.filter(normalised_name__in=names).order_by("-pk"):
            directors[director.normalised_name] = director  # the first added wins
        missing = [
            Director(name=name, normalised_name=key)
            for key, name in names.items()
            if key not in directors
        ]
        for director in bulk_create_with_history(missing, Director, default_user=by):
            directors[director.normalised_name] = director
        if any(d.pk is None for d in directors.values()):  # a database that returns no ids
            directors = {
                d.normalised_name: d
                for d in Director.objects.filter(normalised_name__in=names).order_by("-pk")
            }
        bulk_create_with_history(
            [
                Tenure(
                    authority_id=row.authority_id,
                    director=directors[register.normalise_name(row.name)],
                    started_on=row.started_on,
                    **row.values(),
                )
                for row in checked.new
            ],
            Tenure,
            default_user=by,
        )
        changed = []
        for tenure, row in checked.changed:
            for name, value in row.values().items():
                setattr(tenure, name, value)
            changed.append(tenure)
        if changed:
            bump(Tenure.objects.filter(pk__in=[t.pk for t in changed]))
            bulk_update_with_history(changed, Tenure, list(CHANGEABLE), default_user=by)
        if checked.new or changed:
            tasks.refresh_soon()
    return Imported(len(checked.new), len(checked.changed), checked.unchanged)


def run(
    file_name: str, data: bytes, *, today: datetime.date, by
) -> tuple[Checked, Imported | None]:
    """Check and import, all or nothing: (the check, what was imported or None)."""
    with transaction.atomic():
        header, rows = read_table(file_name, data)
        checked = check(header, rows, today=today)
        if not checked.ok:
            return checked, None
        return checked, apply(checked, by=by)


# Writing the register out (and the template, which is its header)


def export_rows() -> Iterator[list]:
    """Every tenure of a local authority, by authority then start: the columns an import reads
    (and only what it reads: not the national benchmark's synthetic authorities)."""
    found = Tenure.objects.filter(authority__in=register.local_authorities())
    found = found.select_related("authority", "director").order_by(
        "authority__name", "authority_id", "started_on", "pk"
    )
    for tenure in found.iterator(chunk_size=2000):
        row = [
            tenure.authority.gss_code,
            tenure.authority.name,
            tenure.director.name,
            tenure.started_on,
            tenure.ended_on,
            tenure.get_basis_display(),
            "Yes" if tenure.twin_hat else "No",
            "Yes" if tenure.shared else "No",
            tenure.get_leaving_reason_display() if tenure.leaving_reason else "",
        ]
        yield [neutralise_formula(cell) for cell in row]


def _csv_cell(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def csv_text(rows: Iterable[list]) -> Iterator[str]:
    return csv_lines(HEADER, ([_csv_cell(cell) for cell in row] for row in rows))


def xlsx_bytes(rows: Iterable[list], *, title: str = "Register") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
