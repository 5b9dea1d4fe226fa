"""A team member opens the national register from their home page, uploads a spreadsheet with
mistakes (an end before its start, an unknown authority code, two tenures that overlap), reads
each by its row number on the dry run, uploads the corrected file and imports it, and opens an
authority's history to see the new tenures; then changes a tenure, reads its history of
changes, and links its director to their Upon account. With JavaScript off: the journey needs
none.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime
import zoneinfo

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, summary_list, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.support.factories import alumnus_of
from upon.accounts.models import Role
from upon.workforce.models import Director, RegisterImport, Tenure

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = (
    "Authority code,Authority,Director,Start date,End date,Interim or permanent,Twin hat,"
    "Shared,Reason for leaving"
)
# Invented directors only. Row 2 ends before it starts, row 3's code is no authority's, rows 4
# and 5 overlap in Middlesbrough.
WITH_MISTAKES = "\r\n".join(
    [
        HEADER,
        "E06000001,Hartlepool,Director Ash,2019-04-01,2018-03-31,Permanent,No,No,Retired",
        "E09999999,Nowhere,Director Birch,2020-01-06,,Interim,No,No,",
        "E06000002,Middlesbrough,Director Cedar,2015-09-01,2021-08-31,Permanent,Yes,No,Retired",
        "E06000002,Middlesbrough,Director Damson,2021-06-01,,Interim,No,No,",
        "",
    ]
)
CORRECTED = (
    WITH_MISTAKES.replace("2018-03-31", "2023-03-31")
    .replace("E09999999,Nowhere", "E06000003,Redcar and Cleveland")
    .replace("2021-06-01", "2021-09-01")
)
OVERLAP = "tenures in one authority must not overlap"


@pytest.fixture
def june(time_machine):
    """1 June 2026 at noon, UK time, with the clock running."""
    noon = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    time_machine.move_to(noon, tick=True)
    return noon.date()


def upload(page, name: str, text: str) -> None:
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )
    click_and_wait(page, page.get_by_role("button", name="Check the file"))


def test_the_team_imports_the_register_after_correcting_it_and_changes_a_tenure(
    js_disabled_page, june
):
    page = js_disabled_page
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    alumnus_of(programme, full_name="Dana Damson", email="dana@council.example")
    alumnus_of(programme, full_name="Ari Alumnus", email="ari@council.example")

    sign_in(page, "terry@team.example", PASSWORD)
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="National register"))
    assert page.get_by_role("heading", level=1).inner_text() == "National register of directors"
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Import directors from a spreadsheet"))
    assert_accessible(page)
    upload(page, "register.csv", WITH_MISTAKES)
    assert page.title().startswith("Error: ")
    assert page.get_by_role("heading", level=1).inner_text() == "Check the import"
    assert (
        "4 problems in 4 rows. Nothing has been imported."
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert table_rows(page, "Problems by row") == [
        ["2", "The end date must be on or after the start date, 1 April 2019"],
        ["3", "E09999999 is not the code of a local authority with children's services"],
        [
            "4",
            "The tenure in Middlesbrough overlaps row 5 (Director Damson, 1 June 2021 in post): "
            + OVERLAP,
        ],
        [
            "5",
            "The tenure in Middlesbrough overlaps row 4 (Director Cedar, 1 September 2015 to "
            "31 August 2021): " + OVERLAP,
        ],
    ]
    assert page.get_by_role("button", name="Import").count() == 0
    assert Tenure.objects.count() == 0
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Upload a corrected file"))
    upload(page, "register-corrected.csv", CORRECTED)
    assert not page.title().startswith("Error: ")
    assert page.locator("#summary li").all_inner_texts() == [
        "4 new tenures",
        "0 tenures changed",
        "0 already in the register",
    ]
    assert Tenure.objects.count() == 0
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Import 4 rows"))
    assert (
        "Register imported: 4 tenures added, 0 changed, 0 already in the register."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert RegisterImport.objects.get(file_name="register-corrected.csv").created == 4
    assert_accessible(page)

    page.get_by_label("Authority or director's name").fill("Middlesbrough")
    click_and_wait(page, page.get_by_role("button", name="Find authorities"))
    assert table_rows(page, "Authorities found") == [
        ["Middlesbrough", "North East", "Director Damson (interim)", "1 September 2021"]
    ]
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Middlesbrough"))
    assert page.get_by_role("heading", level=1).inner_text() == "Middlesbrough"
    assert table_rows(page, "Directors of children's services") == [
        ["Director Damson", "1 September 2021", "In post", "Interim", "", ""],
        [
            "Director Cedar",
            "1 September 2015",
            "31 August 2021",
            "Permanent",
            "Twin hat",
            "Retired",
        ],
    ]
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Director Damson"))
    assert summary_list(page.locator(".govuk-summary-list")) == {
        "Start date": "1 September 2021",
        "End date": "In post",
        "Interim or permanent": "Interim",
        "Twin hat": "No",
        "Shared": "No",
        "Upon account": "Not linked",
    }
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Change the tenure"))
    assert_accessible(page)
    page.get_by_label("Permanent").check()
    page.get_by_role(
        "group", name="Are they also the Director of Adult Social Services"
    ).get_by_label("Yes").check()
    click_and_wait(page, page.get_by_role("button", name="Save tenure"))
    assert (
        "Director Damson, Middlesbrough saved."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    details = summary_list(page.locator(".govuk-summary-list"))
    assert (details["Interim or permanent"], details["Twin hat"]) == ("Permanent", "Yes")
    changes = table_rows(page, "Changes to this tenure")
    assert [row[1:] for row in changes] == [
        ["Terry Team", "Changed basis, twin hat"],
        ["Terry Team", "Recorded"],
    ]
    assert all(row[0].endswith(" on 1 June 2026") for row in changes)
    assert_accessible(page)

    # The director is an alumnus of the team's programme: found by a search and linked.
    click_and_wait(page, page.get_by_role("link", name="Link Director Damson to an Upon account"))
    assert (
        page.get_by_role("group", name="Which Upon account is Director Damson's?")
        .get_by_role("radio")
        .count()
        == 2
    )
    assert_accessible(page)
    page.get_by_label("Search by name or email address").fill("dana@")
    click_and_wait(page, page.get_by_role("button", name="Search"))
    assert_accessible(page)
    page.get_by_label("Dana Damson (dana@council.example)").check()
    click_and_wait(page, page.get_by_role("button", name="Link account"))
    assert summary_list(page.locator(".govuk-summary-list"))["Upon account"] == "Dana Damson"
    assert Director.objects.get(name="Director Damson").user.email == "dana@council.example"
    assert_accessible(page)
