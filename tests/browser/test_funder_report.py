"""The team builds a report to the funder: they open "Reports to the funder" from "Grant and
outcomes", give a period that ends before it starts, read the error beside the field with what
they typed kept, correct it, and follow the version to "ready". Then the funder signs in, finds
the version in the list and downloads the PDF (its headline figures read back) and the
workbook. axe-core and the Nu Html Checker run on every page the journey reaches.

On the programme and register of tests/reporting/funder_report_world.py, worked out there.
"""

import io

import openpyxl
import pypdf
import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, table_rows, text_of
from tests.factories import PASSWORD, ProgrammeFactory, holder
from tests.reporting.funder_report_world import build_world
from tests.reporting.outcomes_world import NOON
from upon.accounts.models import Role
from upon.reporting.models import FunderReport

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE_START = "The end of the period must be the same as or after the start"


@pytest.fixture
def december(time_machine):
    time_machine.move_to(NOON, tick=True)


def fill_date(page, group: str, day: str, month: str, year: str) -> None:
    fields = page.get_by_role("group", name=group)
    fields.get_by_label("Day").fill(day)
    fields.get_by_label("Month").fill(month)
    fields.get_by_label("Year").fill(year)


def test_the_team_builds_a_report_and_the_funder_downloads_it(page, december):
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    team = holder(programme, Role.PROGRAMME_TEAM, "Terry Team", email="terry@team.example")
    holder(programme, Role.FUNDER, "Fern Funder", email="fern@funder.example")
    build_world(programme, team)

    # The team ---------------------------------------------------------------------------
    sign_in(page, "terry@team.example", PASSWORD)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Grant and outcomes"))
    click_and_wait(page, page.get_by_role("link", name="Reports to the funder"))
    assert page.get_by_role("heading", level=1).inner_text() == "Reports to the funder"
    assert "No report has been built yet." in page.get_by_role("main").inner_text()
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("button", name="Build a new report"))
    assert page.get_by_role("heading", level=1).inner_text() == "Build a report to the funder"
    assert_accessible(page)
    fill_date(page, "Start of the period", "1", "4", "2022")
    fill_date(page, "End of the period", "31", "3", "2021")
    narrative = page.get_by_label("What the programme team wants the funder to know")
    narrative.fill("A year of firsts.")
    click_and_wait(page, page.get_by_role("button", name="Build the report"))
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary__list a").all_inner_texts() == [BEFORE_START]
    assert text_of(page.locator("#id_ends_on-error")) == f"Error: {BEFORE_START}"
    assert narrative.input_value() == "A year of firsts."
    assert (
        page.get_by_role("group", name="End of the period").get_by_label("Year").input_value()
        == "2021"
    )
    assert not FunderReport.objects.exists()
    assert_accessible(page)

    page.get_by_role("group", name="End of the period").get_by_label("Year").fill("2023")
    click_and_wait(page, page.get_by_role("button", name="Build the report"))
    # The tests' tasks run at once: the version is ready when the page arrives.
    assert page.get_by_role("heading", level=1).inner_text() == ("Report to the funder, version 1")
    assert "The report is ready" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Back to reports to the funder"))
    assert [row[:4] for row in table_rows(page, "Versions, newest first")] == [
        ["1", "1 April 2022 to 31 March 2023", "3 December 2026 by Terry Team", "Ready"]
    ]
    assert page.get_by_role("link", name="Excel workbook for version 1").count() == 1
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    # The funder -------------------------------------------------------------------------
    sign_in(page, "fern@funder.example", PASSWORD)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Grant and outcomes"))
    click_and_wait(page, page.get_by_role("link", name="Reports to the funder"))
    assert page.get_by_role("button", name="Build a new report").count() == 0
    assert [row[:3] for row in table_rows(page, "Versions, newest first")] == [
        ["1", "1 April 2022 to 31 March 2023", "3 December 2026"]
    ]
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF for version 1").click()
    assert download.value.suggested_filename == "upon-programme-funders-report-version-1.pdf"
    with open(download.value.path(), "rb") as pdf_file:
        first = pypdf.PdfReader(io.BytesIO(pdf_file.read())).pages[0].extract_text()
    assert "The grant £1,200,000\nSpent in the period £120,000\n" in first
    # The participant count would give away a small count on the funnel: hidden (issue 14).
    assert (
        "People who took a place Hidden to protect a small\ngroup\n"
        "People who completed the programme Fewer than 5"
    ) in first

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel workbook for version 1").click()
    assert download.value.suggested_filename == "upon-programme-funders-report-version-1.xlsx"
    with open(download.value.path(), "rb") as xlsx_file:
        book = openpyxl.load_workbook(io.BytesIO(xlsx_file.read()))
    assert book["Headline figures"]["B4"].value == 420000
