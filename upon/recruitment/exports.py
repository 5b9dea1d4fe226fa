"""Spreadsheets of an intake's applications for the programme team: CSV and Excel.

The columns are fixed here, in one place. Equality monitoring answers are never exported:
they are not on the application and nothing here reads `reporting`.
"""

import io
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from openpyxl import Workbook

from upon.organisations.models import Region
from upon.recruitment.models import ApplicationStatus, EndorsementStatus, RoleLevel, Sector
from upon.recruitment.team_queries import NO_SPONSOR_LABEL
from upon.service import spreadsheets
from upon.service.spreadsheets import neutralise_formula

LONDON = ZoneInfo("Europe/London")
CHUNK_SIZE = 2000
HEADER = [
    "Reference",
    "Status",
    "Full name",
    "Email",
    "Phone",
    "Job title",
    "Role level",
    "Sector",
    "Employer",
    "Region",
    "Leadership years",
    "Submitted at",
    "Endorsement status",
]
# One database column per spreadsheet column (full name falls back to the account's name).
_FIELDS = (
    "reference",
    "status",
    "full_name",
    "applicant__full_name",
    "applicant__email",
    "phone",
    "job_title",
    "role_level",
    "sector",
    "employer__name",
    "region",
    "leadership_years",
    "submitted_at",
    "endorsement__status",
)

_STATUS = dict(ApplicationStatus.choices)
_ROLE_LEVEL = dict(RoleLevel.choices)
_SECTOR = dict(Sector.choices)
_REGION = dict(Region.choices)
_ENDORSEMENT = dict(EndorsementStatus.choices)


def export_rows(queryset: QuerySet) -> Iterator[list]:
    """Spreadsheet rows (without the header) for a filtered applications queryset.

    Reads plain tuples in chunks: no model instances, no query per row.
    """
    values = queryset.values_list(*_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    for (
        reference,
        status,
        full_name,
        account_name,
        email,
        phone,
        job_title,
        role_level,
        sector,
        employer,
        region,
        leadership_years,
        submitted_at,
        endorsement,
    ) in values:
        row = [
            reference,
            _STATUS.get(status, status),
            full_name or account_name,
            email,
            phone,
            job_title,
            _ROLE_LEVEL.get(role_level, role_level),
            _SECTOR.get(sector, sector),
            employer or "",
            _REGION.get(region, region),
            leadership_years,
            submitted_at.astimezone(LONDON).isoformat(timespec="seconds") if submitted_at else "",
            _ENDORSEMENT.get(endorsement, endorsement) if endorsement else NO_SPONSOR_LABEL,
        ]
        yield [neutralise_formula(cell) for cell in row]


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """The CSV text, a line at a time, header first (the service's one CSV writer)."""
    return spreadsheets.csv_lines(HEADER, rows)


def xlsx_bytes(rows: Iterable[list]) -> bytes:
    """An Excel workbook, built with openpyxl's write-only mode to keep memory flat."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Applications")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
