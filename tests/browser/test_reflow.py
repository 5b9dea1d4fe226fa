"""Reflow (WCAG 2.2, 1.4.10): at 320 CSS pixels wide no page scrolls sideways. A wide table
scrolls inside its own region, which a keyboard can reach.

The moderation panel is walked over two pages to the cut line, without JavaScript, and a
reviewer reads the rubric; axe-core and the Nu Html Checker run on every page.
"""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait
from tests.delivery.factories import CohortFactory, SessionFactory, facilitator_for
from tests.factories import (
    PASSWORD,
    IntakeFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 720}
PAGE_WIDTH_JS = "() => document.documentElement.scrollWidth"


@pytest.fixture
def panel(authorities):
    """27 equally scored applications (ranked as made) and 26 places: the cut line is on page
    2 of the panel."""
    intake = IntakeFactory(name="2027 intake", slug="2027-intake")
    SelectionSettingsFactory(intake=intake, places=26)
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=intake.programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    reviewer = ReviewerFactory(
        intake=intake, user=UserFactory(email="rowan@review.example", full_name="Rowan Reviewer")
    )
    applications = [SubmittedApplicationFactory(intake=intake) for _ in range(27)]
    for application in applications:
        submitted_review(
            ReviewAssignmentFactory(reviewer=reviewer, application=application), [3] * 7
        )
    return intake, applications


def assert_reflows(page) -> None:
    """The page fits 320 CSS pixels: nothing makes the whole page scroll sideways."""
    assert page.evaluate(PAGE_WIDTH_JS) <= NARROW["width"], page.url


def visit(page, url: str) -> None:
    page.goto(url)
    assert_reflows(page)
    assert_accessible(page)


def test_team_pages_with_wide_tables_fit_320_pixels(page, panel):
    intake, applications = panel
    page.set_viewport_size(NARROW)
    sign_in(page, "terry@team.example", PASSWORD)
    for url in [
        "/account/",
        "/team/",
        "/team/intakes/",
        f"/team/intakes/{intake.pk}/",
        f"/team/intakes/{intake.pk}/applications/",
        f"/team/applications/{applications[0].reference}/",
        f"/team/intakes/{intake.pk}/selection/",
        f"/team/intakes/{intake.pk}/selection/calibration/",
        f"/team/applications/{applications[0].reference}/decision/",
        "/reviews/rubric/",
    ]:
        visit(page, url)


def test_the_panel_at_320_pixels_without_javascript_leads_to_the_cut_line(js_disabled_page, panel):
    page = js_disabled_page
    intake, applications = panel
    page.set_viewport_size(NARROW)
    sign_in(page, "terry@team.example", PASSWORD)
    visit(page, f"/team/intakes/{intake.pk}/selection/panel/")
    expect(page.get_by_text("Showing 1 to 25 of 27 applications")).to_be_visible()
    ranking = page.get_by_role("region", name="Ranking")
    # The table scrolls inside its region, which takes keyboard focus to scroll.
    assert ranking.evaluate("region => region.scrollWidth > region.clientWidth")
    assert ranking.get_attribute("tabindex") == "0"
    expect(page.get_by_text("Cut line:")).to_have_count(0)

    click_and_wait(page, page.get_by_role("link", name="page 2", exact=True))
    assert_reflows(page)
    assert_accessible(page)
    expect(page.get_by_text("Showing 26 to 27 of 27 applications")).to_be_visible()
    expect(page.get_by_text("is on this page.")).to_be_visible()
    rows = page.get_by_role("region", name="Ranking").locator("tbody tr")
    assert [" ".join(text.split()) for text in rows.all_inner_texts()][1] == (
        "Cut line: the applications above this line would be offered the 26 places."
    )
    expect(rows.nth(0)).to_contain_text(applications[25].reference)
    expect(rows.nth(2)).to_contain_text(applications[26].reference)


def test_a_reviewer_reads_the_rubric_at_320_pixels_without_javascript(js_disabled_page, panel):
    page = js_disabled_page
    page.set_viewport_size(NARROW)
    sign_in(page, "rowan@review.example", PASSWORD)
    visit(page, "/reviews/")
    click_and_wait(page, page.get_by_role("link", name="the scoring rubric"))
    assert_reflows(page)
    assert_accessible(page)
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_count(7)
    expect(page.get_by_text("4: Strong evidence")).to_have_count(7)


def test_a_facilitator_goes_from_their_next_session_to_the_register_at_320_pixels(
    js_disabled_page, panel, stopped_clock
):
    intake, _applications = panel
    page = js_disabled_page
    cohort = CohortFactory(intake=intake, name="2027 cohort")
    fran = facilitator_for(cohort, email="fran@facilitate.example", full_name="Fran Facilitator")
    for title, days in [("Leading in complexity", 1), ("Engaging communities", 8)]:
        SessionFactory(
            cohort=cohort,
            title=title,
            starts_at=stopped_clock + datetime.timedelta(days=days),
            ends_at=stopped_clock + datetime.timedelta(days=days, hours=7),
        ).facilitators.add(fran)
    page.set_viewport_size(NARROW)
    sign_in(page, "fran@facilitate.example", PASSWORD)
    assert_reflows(page)
    assert_accessible(page)
    home = page.get_by_role("main")
    expect(home.get_by_role("heading", level=2).first).to_have_text("Your next session")
    expect(home.get_by_text("Leading in complexity")).to_be_visible()
    expect(home.get_by_text("Engaging communities")).to_have_count(0)
    click_and_wait(page, home.get_by_role("link", name="All your sessions"))
    assert_reflows(page)
    assert_accessible(page)
    expect(page.get_by_role("region", name="Sessions")).to_contain_text("Engaging communities")
