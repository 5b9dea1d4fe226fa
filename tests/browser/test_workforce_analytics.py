"""The funder reads the national register's analytics: from their home page to "Grant and
outcomes", then turnover and tenure; the yearly figures, the tenure page and the survival page,
where they choose to group by region with the keyboard alone. No director is named anywhere.
With JavaScript off: the pages need none.

On the small register of tests/workforce/analytics_world.py, worked out by hand in
tests/workforce/test_analytics_pages.py. axe-core and the Nu Html Checker run on every page the
journey reaches.
"""

import datetime
import zoneinfo

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import active_element, click_and_wait, press_and_load, tab_to, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.workforce.analytics_world import build_small_register
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def june(time_machine):
    """1 June 2026 at noon, UK time, with the clock running."""
    noon = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    time_machine.move_to(noon, tick=True)


def test_the_funder_reads_the_register_analytics(js_disabled_page, june):
    page = js_disabled_page
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    RoleAssignmentFactory(
        role=Role.FUNDER,
        programme=programme,
        user__email="fern@funder.example",
        user__full_name="Fern Funder",
    )
    build_small_register()

    sign_in(page, "fern@funder.example", PASSWORD)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Grant and outcomes"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Turnover and tenure of directors"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Directors of children's services: turnover and tenure"
    )
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Changes of director by reporting year"))
    assert_accessible(page)
    rows = table_rows(page, "Each reporting year, newest first")
    assert [row[:4] for row in rows[:3]] == [
        ["2025/26", "2", "1", "1"],
        ["2024/25", "0", "0", "0"],
        ["2023/24", "3", "2", "1"],
    ]
    assert page.get_by_role("img", name="Changes of director, 2020/21 to 2025/26").count() == 1
    click_and_wait(page, page.get_by_role("link", name="Back to turnover and tenure"))

    click_and_wait(page, page.get_by_role("link", name="How long directors stay"))
    assert_accessible(page)
    assert table_rows(page, "Tenure of directors, as at 1 June 2026")[-1] == [
        "Tenures counted",
        "7",
        "6",
    ]
    click_and_wait(page, page.get_by_role("link", name="Back to turnover and tenure"))

    click_and_wait(page, page.get_by_role("link", name="Directors still in post over time"))
    assert_accessible(page)
    title = "Directors still in post, in one authority and across posts"
    assert page.get_by_role("img", name=title).count() == 1
    assert [row[0] for row in table_rows(page, title)] == [
        "In one authority",
        "As a director across posts",
    ]
    # Keyboard only: to the "Region" radio, choose it, on to the button, and press it.
    tab_to(page, "All directors")
    page.keyboard.press("ArrowDown")  # radios move with the arrows, choosing as they go
    assert active_element(page)["text"] == "Region"
    tab_to(page, "Show")
    press_and_load(page)
    assert page.url.endswith("/outcomes/register/survival/?by=region")
    assert_accessible(page)
    by_region = "Directors still in post in one authority, by region"
    assert [row[:5] for row in table_rows(page, by_region)] == [
        ["North East", "2", "1", "1", "39.0"],
        ["Yorkshire and The Humber", "2", "1", "1", "45.0"],
        ["London", "3", "2", "1", "49.0"],
    ]
    assert "Log-rank test across the groups" in page.get_by_role("main").inner_text()
    assert "Director A" not in page.content()
