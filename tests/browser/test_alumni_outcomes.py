"""The funder reads what became of the programme's alumni, by keyboard only: from their home
page to "Grant and outcomes", then "Alumni as directors": the summary, the step chart, the
tenure table with small counts hidden, and where alumni lead now; downloads the tenure CSV.
With JavaScript off: the page needs none.

On the small register of tests/reporting/alumni_world.py, worked out by hand there.
axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import press_and_load, tab_to, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.reporting.alumni_world import build_alumni
from tests.reporting.outcomes_world import NOON
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)
SMALL, PROTECTING = "Fewer than 5", "Hidden to protect a small group"


@pytest.fixture
def december(time_machine):
    time_machine.move_to(NOON, tick=True)


def test_the_funder_reads_the_alumni_outcomes_by_keyboard(js_disabled_page, december):
    page = js_disabled_page
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    RoleAssignmentFactory(
        role=Role.FUNDER,
        programme=programme,
        user__email="fern@funder.example",
        user__full_name="Fern Funder",
    )
    build_alumni(programme)

    sign_in(page, "fern@funder.example", PASSWORD)
    tab_to(page, "Grant and outcomes")
    press_and_load(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Grant and outcomes"
    assert_accessible(page)
    tab_to(page, "Alumni as directors: tenure and where they lead : Upon Programme")
    press_and_load(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Alumni as directors"
    main = page.get_by_role("main").inner_text()
    assert (
        "Alumni: 7 tenures, median 42.0 months (95% interval 12.0 to not reached). Every other "
        "director appointed in 2020/21 to 2023/24: 6 tenures, median 12.0 months (95% interval "
        "6.0 to not reached)." in main
    )
    assert page.locator("#tenure-chart svg").get_attribute("role") == "img"
    rows = table_rows(
        page, "Tenure of alumni and of every other director appointed in the same years"
    )
    assert rows[:4] == [
        ["Tenures", "7", "6"],
        ["Left", SMALL, PROTECTING],
        ["Still in post", SMALL, SMALL],
        [
            "Median time in post (95% interval)",
            "42.0 months (12.0 to not reached)",
            "12.0 months (6.0 to not reached)",
        ],
    ]
    assert rows[4] == ["In post at least 1 year so far", PROTECTING, SMALL]
    regions = table_rows(page, "Authorities led by an alumnus now, by region")
    assert regions[0] == ["North East", "12", SMALL, "Not shown"]
    assert regions[-1] == ["England", "153", SMALL, "Not shown"]
    assert "Sheffield" not in main and "Director 1" not in main
    assert_accessible(page)

    tab_to(page, "Download the tenure figures (CSV)")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "upon-programme-alumni-tenure.csv"
    with open(download.value.path(), encoding="utf-8-sig", newline="") as csv_file:
        lines = csv_file.read().split("\r\n")
    assert lines[1].startswith("The programme's alumni,7,Fewer than 5,Fewer than 5,42.0,")

    tab_to(page, "Back to grant and outcomes", backwards=True)
    press_and_load(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Grant and outcomes"
