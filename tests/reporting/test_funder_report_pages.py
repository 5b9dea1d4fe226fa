"""The funder's report's pages: asking for a version (and bad input), the list, the progress
page and the downloads, for the team, the lead, the funder, another programme's team and
funder, and everyone else."""

import datetime
import uuid

import pytest
from django.urls import reverse

from tests.factories import ProgrammeFactory, UserFactory, holder
from tests.reporting.outcomes_world import NOON
from upon.accounts.models import Role
from upon.reporting.models import FunderReport, ReportStatus

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def december(time_machine):
    time_machine.move_to(NOON, tick=False)


@pytest.fixture
def people(programme, other_programme):
    return {
        "team": holder(programme, Role.PROGRAMME_TEAM, "Tess Team"),
        "lead": holder(programme, Role.PROGRAMME_LEAD, "Lee Lead"),
        "funder": holder(programme, Role.FUNDER, "Fern Funder"),
        "other_team": holder(other_programme, Role.PROGRAMME_TEAM, "Otto Otherteam"),
        "other_funder": holder(other_programme, Role.FUNDER, "Fay Otherfunder"),
        "alumnus": holder(programme, Role.ALUMNUS, "Al Alumnus"),
        "outsider": UserFactory(full_name="Olive Outsider"),
    }


def version(programme, number, status=ReportStatus.DONE, by=None):
    """A version as the job leaves it (its files stand in for the job's, which
    test_funder_report.py builds and reads back)."""
    return FunderReport.objects.create(
        programme=programme,
        version=number,
        starts_on=D(2025, 4, 1),
        ends_on=D(2026, 3, 31),
        status=status,
        progress=100 if status == ReportStatus.DONE else 40,
        pdf=f"%PDF-1.7 version {number}".encode() if status == ReportStatus.DONE else b"",
        xlsx=f"PK version {number}".encode() if status == ReportStatus.DONE else b"",
        created_by=by,
        created_at=NOON,
        finished_at=NOON if status == ReportStatus.DONE else None,
    )


def status_for(client, person, url, method="get"):
    client.logout()
    if person is not None:
        client.force_login(person)
    return getattr(client, method)(url).status_code


# Who sees what -------------------------------------------------------------------------------


WHO_LISTS = {"team": 200, "lead": 200, "funder": 200, "other_team": 404, "other_funder": 404}
WHO_BUILDS = {"team": 200, "lead": 200, "funder": 403, "other_team": 404, "other_funder": 403}


@pytest.mark.parametrize(
    "name, who",
    [
        ("reporting:funder_reports", WHO_LISTS),
        ("reporting:new_funder_report", WHO_BUILDS),
    ],
)
def test_who_reaches_the_programmes_pages(client, programme, people, name, who):
    url = reverse(name, args=[programme.pk])
    for person, status in who.items():
        assert status_for(client, people[person], url) == status, person
    assert status_for(client, people["alumnus"], url) == 403
    assert status_for(client, people["outsider"], url) == 403
    assert status_for(client, None, url) == 302


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_who_downloads_a_version(client, programme, people, kind):
    done = version(programme, 1, by=people["team"])
    building = version(programme, 2, status=ReportStatus.RUNNING)
    failed = version(programme, 3, status=ReportStatus.FAILED)
    name = f"reporting:download_funder_report_{kind}"
    url = reverse(name, args=[done.pk])
    expected = {"team": 200, "lead": 200, "funder": 200, "other_team": 404, "other_funder": 404}
    for person, status in expected.items():
        assert status_for(client, people[person], url) == status, person
    assert status_for(client, people["alumnus"], url) == 403
    assert status_for(client, people["outsider"], url) == 403
    # A version still being built, or failed, does not exist for the funder; the team is sent
    # to follow it.
    for unfinished in (building, failed):
        url = reverse(name, args=[unfinished.pk])
        assert status_for(client, people["funder"], url) == 404
        assert status_for(client, people["team"], url) == 302


def test_the_funder_downloads_the_files(client, programme, people):
    done = version(programme, 4)
    client.force_login(people["funder"])
    pdf = client.get(reverse("reporting:download_funder_report_pdf", args=[done.pk]))
    assert (pdf["Content-Type"], pdf.content) == ("application/pdf", b"%PDF-1.7 version 4")
    assert pdf["Content-Disposition"] == (
        'attachment; filename="upon-programme-funders-report-version-4.pdf"'
    )
    xlsx = client.get(reverse("reporting:download_funder_report_xlsx", args=[done.pk]))
    assert xlsx.content == b"PK version 4"
    assert xlsx["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert xlsx["Content-Disposition"] == (
        'attachment; filename="upon-programme-funders-report-version-4.xlsx"'
    )


def test_who_follows_a_versions_progress(client, programme, people):
    url = reverse("reporting:funder_report_progress", args=[version(programme, 1).pk])
    expected = {"team": 200, "lead": 200, "funder": 403, "other_team": 404, "other_funder": 403}
    for person, status in expected.items():
        assert status_for(client, people[person], url) == status, person
    assert status_for(client, people["outsider"], url) == 403


# The list ----------------------------------------------------------------------------------


def test_the_team_sees_every_version_and_the_funder_the_finished_ones(client, programme, people):
    version(programme, 1, by=people["team"])
    version(programme, 2, status=ReportStatus.FAILED, by=people["lead"])
    version(programme, 3, status=ReportStatus.RUNNING, by=people["team"])
    version(ProgrammeFactory(name="Third programme"), 9)
    url = reverse("reporting:funder_reports", args=[programme.pk])
    client.force_login(people["team"])
    response = client.get(url)
    assert [r.version for r in response.context["page"].object_list] == [3, 2, 1]
    page = response.content.decode()
    assert "Build a new report" in page
    assert "3 December 2026 by Tess Team" in page
    assert ">Being built</strong>" in page and ">Failed</strong>" in page
    client.force_login(people["funder"])
    response = client.get(url)
    assert [r.version for r in response.context["page"].object_list] == [1]
    page = response.content.decode()
    assert "Build a new report" not in page and "Tess Team" not in page
    finished = FunderReport.objects.get(programme=programme, version=1)
    assert reverse("reporting:download_funder_report_pdf", args=[finished.pk]) in page
    assert "See progress" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_queries_do_not_grow_with_versions(
    client, programme, people, count, django_assert_num_queries
):
    for number in range(1, count + 1):
        version(programme, number, by=people["team"])
    client.force_login(people["team"])
    with django_assert_num_queries(6):
        response = client.get(reverse("reporting:funder_reports", args=[programme.pk]))
    assert len(response.context["page"].object_list) == count


def test_the_outcomes_page_links_to_the_reports(client, programme, people):
    client.force_login(people["funder"])
    page = client.get(reverse("reporting:outcomes")).content.decode()
    assert reverse("reporting:funder_reports", args=[programme.pk]) in page


# Asking for a version ------------------------------------------------------------------------


def form(**changes):
    data = {
        "starts_on_0": "1",
        "starts_on_1": "4",
        "starts_on_2": "2025",
        "ends_on_0": "31",
        "ends_on_1": "3",
        "ends_on_2": "2026",
        "narrative": "A good year.",
        "submission": str(uuid.UUID(int=1)),
    }
    return data | changes


def test_the_team_builds_a_version_and_follows_it(client, programme, people, authorities):
    client.force_login(people["team"])
    url = reverse("reporting:new_funder_report", args=[programme.pk])
    response = client.post(url, form())
    made = FunderReport.objects.get()
    assert response.url == reverse("reporting:funder_report_progress", args=[made.pk])
    assert (made.version, made.starts_on, made.ends_on, made.narrative, made.created_by) == (
        1,
        D(2025, 4, 1),
        D(2026, 3, 31),
        "A good year.",
        people["team"],
    )
    # The job ran at once (the tests' immediate backend).
    assert (made.status, made.progress, bytes(made.pdf)[:5]) == ("done", 100, b"%PDF-")
    page = client.get(response.url).content.decode()
    assert "The report is ready" in page
    assert reverse("reporting:download_funder_report_pdf", args=[made.pk]) in page
    # The same form sent again saves once.
    client.post(url, form())
    assert FunderReport.objects.count() == 1


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"ends_on_2": "2024"},
            "ends_on",
            "The end of the period must be the same as or after the start",
        ),
        (
            {"starts_on_2": "2027"},
            "starts_on",
            "The start of the period must be today, 3 December 2026, or earlier",
        ),
        (
            {"ends_on_0": "4", "ends_on_1": "12", "ends_on_2": "2026"},
            "ends_on",
            "The end of the period must be today, 3 December 2026, or earlier",
        ),
        (
            {"starts_on_0": "", "starts_on_1": "", "starts_on_2": ""},
            "starts_on",
            "Enter the start of the period",
        ),
        (
            {"ends_on_0": "31", "ends_on_1": "2"},
            "ends_on",
            "The end of the period must be a real date",
        ),
        (
            {"narrative": "x" * 20_001},
            "narrative",
            "What the programme team wants the funder to know must be 20,000 characters or fewer",
        ),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, programme, people, changes, field, message):
    client.force_login(people["team"])
    data = form(**changes)
    response = client.post(reverse("reporting:new_funder_report", args=[programme.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page
    assert "<title>Error: " in page
    # What was typed is kept.
    for key, value in changes.items():
        if value and key != "narrative":
            assert f'value="{value}"' in page, key
    assert (">\nA good year.</textarea>" in page) == (field != "narrative")
    assert not FunderReport.objects.exists()
