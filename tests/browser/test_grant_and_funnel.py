"""A team member opens "Grant and outcomes" from their home page, records a spend with an amount
of three decimal places, reads the error beside the field with what they typed kept, corrects
it, and sees the spend counted against its budget line. Then the funder signs in, reads the cost
page (no spend descriptions, small counts hidden) and the funnel (a count of 3 shown as "Fewer
than 5"), and downloads the funnel as CSV. With JavaScript off: the journey needs none.

On the small programme of tests/reporting/outcomes_world.py, worked out by hand there.
axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime
from decimal import Decimal

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, summary_list, table_rows, text_of
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.reporting.outcomes_world import NOON, build_funnel, build_grant
from upon.accounts.models import Role
from upon.reporting.models import Spend

pytestmark = pytest.mark.django_db(transaction=True)
DELIVERY_2021 = "Delivery, 1 April 2021 to 31 March 2022"
THREE_PLACES = (
    "Amount must be in pounds and pence, with no more than 2 decimal places, like 1250.50"
)


@pytest.fixture
def december(time_machine):
    """3 December 2026 at noon, with the clock running."""
    time_machine.move_to(NOON, tick=True)


def holder(programme, role, email, name):
    return RoleAssignmentFactory(
        role=role, programme=programme, user__email=email, user__full_name=name
    ).user


def test_the_team_records_spend_and_the_funder_reads_the_cost_and_the_funnel(
    js_disabled_page, december
):
    page = js_disabled_page
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    team = holder(programme, Role.PROGRAMME_TEAM, "terry@team.example", "Terry Team")
    holder(programme, Role.FUNDER, "fern@funder.example", "Fern Funder")
    build_funnel(programme, team)
    build_grant(programme, team)

    # The team ---------------------------------------------------------------------------
    sign_in(page, "terry@team.example", PASSWORD)
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Grant and outcomes"))
    assert page.get_by_role("heading", level=1).inner_text() == "Grant and outcomes"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Grant and cost"))
    assert page.get_by_role("heading", level=1).inner_text() == "Grant and cost"
    assert table_rows(page, "1 April 2021 to 31 March 2022") == [
        ["Delivery", "£600,000", "£300,000", "£300,000"],
        ["Evaluation", "£100,000", "£0", "£100,000"],
        ["Total for the period", "£700,000", "£300,000", "£400,000"],
    ]
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("button", name="Record spend"))
    assert page.get_by_role("heading", level=1).inner_text() == "Record spend"
    assert_accessible(page)
    page.get_by_label("Budget line").select_option(label=DELIVERY_2021)
    date_spent = page.get_by_role("group", name="Date spent")
    date_spent.get_by_label("Day").fill("1")
    date_spent.get_by_label("Month").fill("3")
    date_spent.get_by_label("Year").fill("2022")
    page.get_by_label("Amount, in pounds").fill("1,250.505")
    page.get_by_label("What it was for").fill("Venue hire for the second taught day")
    click_and_wait(page, page.get_by_role("button", name="Record spend"))

    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary__list a").all_inner_texts() == [THREE_PLACES]
    assert text_of(page.locator("#id_amount-error")) == f"Error: {THREE_PLACES}"
    assert page.get_by_label("Amount, in pounds").input_value() == "1,250.505"
    assert page.get_by_label("Amount, in pounds").get_attribute("aria-describedby") == (
        "id_amount-hint id_amount-error"
    )
    # Everything else typed is kept as well.
    assert page.get_by_label("What it was for").input_value() == (
        "Venue hire for the second taught day"
    )
    assert date_spent.get_by_label("Year").input_value() == "2022"
    assert Spend.objects.count() == 3
    assert_accessible(page)

    page.get_by_label("Amount, in pounds").fill("1,250.50")
    click_and_wait(page, page.get_by_role("button", name="Record spend"))
    assert page.get_by_role("heading", level=1).inner_text() == "Grant and cost"
    assert (
        "Spend recorded: Venue hire for the second taught day"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert (
        "The grant is £1,200,000. So far £421,250.50 has been spent, leaving £778,749.50."
        in page.get_by_role("main").inner_text()
    )
    assert table_rows(page, "1 April 2021 to 31 March 2022") == [
        ["Delivery", "£600,000", "£301,250.50", "£298,749.50"],
        ["Evaluation", "£100,000", "£0", "£100,000"],
        ["Total for the period", "£700,000", "£301,250.50", "£398,749.50"],
    ]
    # Newest by the date spent: the new spend goes between two older ones.
    assert table_rows(page, "Spend recorded, newest first") == [
        ["1 May 2022", "Delivery", "Coaching", "£120,000"],
        ["1 March 2022", "Delivery", "Venue hire for the second taught day", "£1,250.50"],
        ["1 February 2022", "Delivery", "Learning visits", "£49,999.50"],
        ["1 November 2021", "Delivery", "Taught days", "£250,000.50"],
    ]
    spend = Spend.objects.get(description="Venue hire for the second taught day")
    assert (spend.amount, spend.spent_on, spend.recorded_by) == (
        Decimal("1250.50"),
        datetime.date(2022, 3, 1),
        team,
    )
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    # The funder -------------------------------------------------------------------------
    sign_in(page, "fern@funder.example", PASSWORD)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="Grant and outcomes"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Grant and cost"))
    main = page.get_by_role("main")
    assert "So far £421,250.50 has been spent" in main.inner_text()
    assert table_rows(page, "1 April 2021 to 31 March 2022")[0] == [
        "Delivery",
        "£600,000",
        "£301,250.50",
        "£298,749.50",
    ]
    # The 5 participants would give away the 5 who accepted, hidden on the funnel page; 4
    # completers and 4 directors are fewer than 5.
    costs = summary_list(page.locator(".govuk-summary-list"))
    assert list(costs) == [
        "Cost per participant",
        "Cost per completer",
        "Cost per director appointed",
    ]
    assert "5 people." not in costs["Cost per participant"]
    assert page.locator("#cost-participants").inner_text() == (
        "Not shown: hidden to protect a small group"
    )
    assert page.locator("#cost-completers").inner_text() == "Not shown: fewer than 5 people"
    assert page.locator("#cost-directors").inner_text() == "Not shown: fewer than 5 people"
    for description in ("Venue hire", "Taught days", "Learning visits", "Coaching"):
        assert description not in main.inner_text()
    assert page.get_by_role("button", name="Record spend").count() == 0
    assert page.get_by_text("Spend recorded").count() == 0
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Back to grant and outcomes"))
    click_and_wait(page, page.get_by_role("link", name="From applying to becoming a director"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "From applying to becoming a director"
    )
    assert table_rows(page, "Intake 2022")[:3] == [
        ["Applied", "Fewer than 5"],
        ["Eligible", "Fewer than 5"],
        ["Shortlisted", "0"],
    ]
    protecting = "Hidden to protect a small group"
    assert table_rows(page, "Intake 2021") == [
        ["Applied", "11"],
        ["Eligible", protecting],
        ["Shortlisted", protecting],
        ["Offered a place", "6"],
        ["Accepted a place", protecting],
        ["Completed the programme", "Fewer than 5"],
        ["Appointed director within 1 year", "Fewer than 5"],
        ["Appointed director within 2 years", "Fewer than 5"],
        ["Appointed director within 3 years", "Fewer than 5"],
        ["Appointed director within 5 years", "Fewer than 5"],
        [
            "Median time from completing to appointment",
            "Not shown: fewer than 5 people appointed",
        ],
    ]
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    assert download.value.suggested_filename == "upon-programme-funnel.csv"
    with open(download.value.path(), encoding="utf-8-sig", newline="") as csv_file:
        lines = csv_file.read().split("\r\n")
    assert lines[0].startswith("Intake,Applied,Eligible,Shortlisted,Offered a place,")
    assert lines[1] == "Intake 2022,Fewer than 5,Fewer than 5,0,0,0,0,0,0,0,0,"
    assert lines[2] == (
        "Intake 2021,11,Hidden to protect a small group,Hidden to protect a small group,6,"
        "Hidden to protect a small group,Fewer than 5,Fewer than 5,Fewer than 5,Fewer than 5,"
        "Fewer than 5,Not shown: fewer than 5 people appointed"
    )
