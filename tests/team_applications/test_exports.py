import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import (
    ApplicationFactory,
    EndorsementFactory,
    OrganisationFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from upon.organisations.models import Region
from upon.recruitment.models import EndorsementStatus, RoleLevel, Sector
from upon.reporting.models import MonitoringResponse
from upon.service.spreadsheets import neutralise_formula

pytestmark = pytest.mark.django_db

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
ROW_1 = [
    "UP-0001",
    "Submitted",
    "Zoë Okafor",
    "zoe@council.example",
    "020 7946 0000",
    "Head of Early Help",
    "Assistant director or head of service",
    "Local government children's services",
    "Northtown Council",
    "London",
    "7",
    "2026-07-01T10:30:00+01:00",
    "Endorsed",
]
ROW_2 = [
    "UP-0002",
    "Submitted",
    '\'=HYPERLINK("http://evil.example","click")',
    "ben@example.org",
    "'+44 20 7946 0001",
    "'-Director",
    "Service manager",
    "Health",
    "'@Trust",
    "North West",
    "3",
    "2026-01-15T09:00:00+00:00",
    "No sponsor named",
]


@pytest.fixture
def two(intake):
    first = SubmittedApplicationFactory(
        intake=intake,
        reference="UP-0001",
        applicant=UserFactory(email="zoe@council.example"),
        full_name="Zoë Okafor",
        job_title="Head of Early Help",
        employer=OrganisationFactory(name="Northtown Council"),
        region=Region.LONDON,
        leadership_years=7,
        # 09:30 UTC in summer is 10:30 in London.
        submitted_at=datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC),
    )
    EndorsementFactory(application=first, status=EndorsementStatus.ENDORSED)
    MonitoringResponse.objects.create(application=first, ethnicity="white_roma", religion="sikh")
    SubmittedApplicationFactory(
        intake=intake,
        reference="UP-0002",
        applicant=UserFactory(email="ben@example.org"),
        full_name='=HYPERLINK("http://evil.example","click")',
        phone="+44 20 7946 0001",
        job_title="-Director",
        role_level=RoleLevel.SERVICE_MANAGER,
        sector=Sector.HEALTH,
        employer=OrganisationFactory(name="@Trust"),
        region=Region.NORTH_WEST,
        leadership_years=3,
        submitted_at=datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC),
    )


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_csv_has_the_header_and_rows_exactly(client, team_member, intake, two):
    client.force_login(team_member)
    response = client.get(reverse("recruitment:export_csv", args=[intake.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{intake.slug}-applications.csv"'
    )
    assert csv_rows(response) == [HEADER, ROW_1, ROW_2]


def test_xlsx_has_the_header_and_rows_exactly(client, team_member, intake, two):
    client.force_login(team_member)
    response = client.get(reverse("recruitment:export_xlsx", args=[intake.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{intake.slug}-applications.xlsx"'
    )
    expected_1 = [*ROW_1[:10], 7, *ROW_1[11:]]
    expected_2 = [*ROW_2[:10], 3, *ROW_2[11:]]
    assert xlsx_rows(response) == [HEADER, expected_1, expected_2]


def test_xlsx_stores_formula_like_text_as_text(client, team_member, intake, two):
    client.force_login(team_member)
    response = client.get(reverse("recruitment:export_xlsx", args=[intake.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cell = workbook.active["C3"]
    assert (cell.data_type, cell.value) == ("s", ROW_2[2])


def test_exports_follow_the_filters(client, team_member, intake, two):
    client.force_login(team_member)
    query = "?sector=health&page=1"
    csv_response = client.get(reverse("recruitment:export_csv", args=[intake.pk]) + query)
    xlsx_response = client.get(reverse("recruitment:export_xlsx", args=[intake.pk]) + query)
    assert [row[0] for row in csv_rows(csv_response)] == ["Reference", "UP-0002"]
    assert [row[0] for row in xlsx_rows(xlsx_response)] == ["Reference", "UP-0002"]


def test_a_draft_exports_with_blanks(client, team_member, intake):
    ApplicationFactory(
        intake=intake,
        reference="UP-0009",
        applicant=UserFactory(email="dev@example.org", full_name="Dev Patel"),
        full_name="",
    )
    client.force_login(team_member)
    response = client.get(reverse("recruitment:export_csv", args=[intake.pk]))
    assert csv_rows(response)[1] == [
        "UP-0009",
        "Draft",
        "Dev Patel",
        "dev@example.org",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "No sponsor named",
    ]


def test_monitoring_answers_are_never_exported(client, team_member, intake, two):
    client.force_login(team_member)
    csv_text = b"".join(
        client.get(reverse("recruitment:export_csv", args=[intake.pk])).streaming_content
    ).decode("utf-8-sig")
    xlsx_cells = {
        cell
        for row in xlsx_rows(client.get(reverse("recruitment:export_xlsx", args=[intake.pk])))
        for cell in row
    }
    for value in ["white_roma", "White: Roma", "sikh", "Sikh"]:
        assert value not in csv_text
        assert value not in xlsx_cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44", "'+44"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Head of =service", "Head of =service"),
        ("", ""),
        (5, 5),
        (None, None),
    ],
)
def test_formula_neutralising(value, expected):
    assert neutralise_formula(value) == expected


@pytest.mark.parametrize("name", ["recruitment:export_csv", "recruitment:export_xlsx"])
def test_team_member_of_another_programme_gets_404(client, other_team_member, intake, name):
    client.force_login(other_team_member)
    assert client.get(reverse(name, args=[intake.pk])).status_code == 404


@pytest.mark.parametrize("name", ["recruitment:export_csv", "recruitment:export_xlsx"])
def test_person_not_on_any_team_gets_403(client, outsider, intake, name):
    client.force_login(outsider)
    assert client.get(reverse(name, args=[intake.pk])).status_code == 403


@pytest.mark.parametrize("name", ["recruitment:export_csv", "recruitment:export_xlsx"])
def test_anonymous_person_is_sent_to_sign_in(client, intake, name):
    path = reverse(name, args=[intake.pk])
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={path}"


@pytest.mark.parametrize("count", [1, 3])
def test_export_query_count_does_not_grow_with_rows(
    client, team_member, intake, authorities, django_assert_num_queries, count
):
    for _ in range(count):
        EndorsementFactory(application=SubmittedApplicationFactory(intake=intake))
    client.force_login(team_member)
    # session, user, roles, intake, then the rows in one query.
    with django_assert_num_queries(5):
        rows = csv_rows(client.get(reverse("recruitment:export_csv", args=[intake.pk])))
    assert len(rows) == count + 1
