"""An alumnus records their appointment as a DCS (a mistake first, refused next to the field),
the programme team verifies it, and the support it opens shows on the team's list and on the
new director's page; with JavaScript off: the journey needs none.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, summary_list, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.support.factories import completed_participant
from upon.accounts.models import Role
from upon.support.models import Appointment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def midday(time_machine):
    """Today at noon, UK time, with the clock running: "a year from today" is today's."""
    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))
    time_machine.move_to(noon, tick=True)
    return noon.date()


def fill_date(page, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_an_alumnus_records_a_dcs_post_the_team_verifies_it_and_support_opens(
    js_disabled_page, midday
):
    page = js_disabled_page
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    today = midday
    completed_participant(
        programme,
        ends_on=today - datetime.timedelta(days=200),
        email="alex@council.example",
        full_name="Alex Alumnus",
    )
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    starts = today - datetime.timedelta(days=30)

    sign_in(page, "alex@council.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your posts").first)
    assert page.get_by_role("heading", level=1).inner_text() == "Your posts"
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Record a post"))
    assert_accessible(page)
    page.get_by_label("Local authority").select_option(label="Leeds")
    page.get_by_label("Director of Children's Services (DCS)").check()
    page.get_by_label("Permanent").check()
    page.get_by_role("group", name="Is the post shared").get_by_label("No").check()
    too_late = today + datetime.timedelta(days=400)
    fill_date(page, "Start date", too_late)
    click_and_wait(page, page.get_by_role("button", name="Save post"))
    latest = today + datetime.timedelta(days=365)
    message = f"The start date must be no later than {latest.day} {latest:%B %Y}, a year from today"
    assert page.title().startswith("Error: ")
    assert error_summary(page) == [(message, "#id_starts_on_0")]
    assert message in page.locator("#starts_on-error, .govuk-error-message").first.inner_text()
    # What was typed is kept.
    assert page.get_by_label("Local authority").input_value() != ""
    assert page.get_by_label("Permanent").is_checked()
    assert_accessible(page)

    fill_date(page, "Start date", starts)
    click_and_wait(page, page.get_by_role("button", name="Save post"))
    assert (
        "recorded. The programme team will verify it."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    rows = table_rows(page, "Posts")
    assert [row[:4] for row in rows] == [
        [
            "Director of Children's Services (DCS), Leeds",
            "Permanent",
            f"From {starts.day} {starts:%B %Y}",
            "To be verified",
        ]
    ]
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    sign_in(page, "terry@team.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Appointments").first)
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Alex Alumnus"))
    details = summary_list(page.locator(".govuk-summary-list"))
    assert (details["Local authority"], details["Verified"]) == ("Leeds", "Not yet")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Verify appointment"))
    assert page.get_by_text("No appointments to verify.").is_visible()
    assert_accessible(page)

    post = Appointment.objects.get()
    assert (post.starts_on, post.verified_by.email) == (starts, "terry@team.example")

    ends = post.entitlement.ends_on
    click_and_wait(page, page.get_by_role("link", name="Home"))
    click_and_wait(page, page.get_by_role("link", name="Support entitlements"))
    assert [row[:4] for row in table_rows(page, "All entitlements")] == [
        [
            "Alex Alumnus",
            "Director of Children's Services (DCS), Leeds",
            "Active",
            f"{ends.day} {ends:%B %Y}",
        ]
    ]
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    sign_in(page, "alex@council.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your support").first)
    support = summary_list(page.locator(".govuk-summary-list"))
    assert support == {
        "Status": "Active",
        "Support ends": f"{ends.day} {ends:%B %Y}",
        "Coaching hours left": "12 hours of 12 hours",
        "Further learning places left": "3 of 3",
        "Partnership with your employer": "Included",
    }
    assert_accessible(page)


def test_the_team_records_a_post_for_an_alumnus_and_verifies_it(js_disabled_page, midday):
    page = js_disabled_page
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    today = midday
    completed_participant(
        programme,
        ends_on=today - datetime.timedelta(days=200),
        email="alex@council.example",
        full_name="Alex Alumnus",
    )
    RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    starts = today - datetime.timedelta(days=30)

    sign_in(page, "terry@team.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Appointments").first)
    click_and_wait(
        page, page.get_by_role("link", name="Record a post for someone in Upon Programme")
    )
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Save post"))
    assert page.title().startswith("Error: ")
    assert error_summary(page)[0] == ("Select the person", "#id_person")
    assert_accessible(page)
    page.get_by_label("Whose post is it?").select_option(
        label="Alex Alumnus (alex@council.example)"
    )
    page.get_by_label("Local authority").select_option(label="Leeds")
    page.get_by_label("Director of Children's Services (DCS)").check()
    page.get_by_label("Permanent").check()
    page.get_by_role("group", name="Is the post shared").get_by_label("No").check()
    fill_date(page, "Start date", starts)
    click_and_wait(page, page.get_by_role("button", name="Save post"))
    assert "Alex Alumnus: " in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Alex Alumnus"))
    click_and_wait(page, page.get_by_role("button", name="Verify appointment"))
    post = Appointment.objects.get()
    assert (post.recorded_by.email, post.verified_by.email, post.starts_on) == (
        "terry@team.example",
        "terry@team.example",
        starts,
    )
