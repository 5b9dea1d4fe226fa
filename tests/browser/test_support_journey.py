"""Issue 12's whole journey, in one browser with JavaScript off: an alumnus records a DCS
appointment; the programme team verifies it and the entitlement opens; the team invites the
employer contact; the new director ranks the coaches; the team confirms the match; the coach
logs a session; three months on, the employer completes the 3-month check-in by the emailed link.

The single steps have their own tests, with their refusals (test_support_appointments.py,
test_coach_matching.py, test_coaching_log.py, test_support_employers.py): this one proves they
join up, each step working from what the one before left. axe-core and the Nu Html Checker run
on every page it reaches.
"""

import datetime
import zoneinfo

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, link_in_email, summary_list, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.support.coaching_factories import coach_in
from tests.support.factories import completed_participant
from upon.support.models import CoachingSession, EmployerCheckIn

pytestmark = pytest.mark.django_db(transaction=True)

LONDON = zoneinfo.ZoneInfo("Europe/London")
# Noon on the post's second day, then three months on: the 3-month check-in is due.
FIRST_DAY = datetime.date(2026, 9, 1)
START = datetime.datetime(2026, 9, 2, 12, tzinfo=LONDON)
THREE_MONTHS_ON = datetime.datetime(2026, 12, 2, 12, tzinfo=LONDON)


def sign_out(page):
    click_and_wait(page, page.get_by_role("button", name="Sign out"))


def fill_date(page, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_from_a_recorded_appointment_to_the_employers_3_month_check_in(
    js_disabled_page, live_server, settings, time_machine
):
    page = js_disabled_page
    settings.SITE_URL = live_server.url  # links in emails lead to the live server
    time_machine.move_to(START, tick=True)
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    completed_participant(
        programme,
        ends_on=datetime.date(2025, 7, 31),
        email="alex@council.example",
        full_name="Alex Alumnus",
    )
    RoleAssignmentFactory(
        role="programme_team",
        programme=programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    )
    coach_in(programme, "Kim Coach", regions=["E12000003"], specialisms=[4])
    coach_in(programme, "Cal Coach")

    # The alumnus records their new post.
    sign_in(page, "alex@council.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your posts").first)
    click_and_wait(page, page.get_by_role("link", name="Record a post"))
    page.get_by_label("Local authority").select_option(label="Leeds")
    page.get_by_label("Director of Children's Services (DCS)").check()
    page.get_by_label("Permanent").check()
    page.get_by_role("group", name="Is the post shared").get_by_label("No").check()
    fill_date(page, "Start date", FIRST_DAY)
    click_and_wait(page, page.get_by_role("button", name="Save post"))
    assert table_rows(page, "Posts")[0][3] == "To be verified"
    assert_accessible(page)
    sign_out(page)

    # The team verifies it, the support opens, and the team invites the employer contact.
    sign_in(page, "terry@team.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Appointments").first)
    click_and_wait(page, page.get_by_role("link", name="Alex Alumnus"))
    click_and_wait(page, page.get_by_role("button", name="Verify appointment"))
    assert page.get_by_text("No appointments to verify.").is_visible()
    click_and_wait(page, page.get_by_role("link", name="Home"))
    click_and_wait(page, page.get_by_role("link", name="Support entitlements"))
    [entitlement] = table_rows(page, "All entitlements")
    assert entitlement[:4] == [
        "Alex Alumnus",
        "Director of Children's Services (DCS), Leeds",
        "Active",
        "31 August 2028",
    ]
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Invite contact for Alex Alumnus"))
    page.get_by_label("Full name").fill("Erin Employer")
    page.get_by_label("Email address").fill("erin@leeds.example")
    click_and_wait(page, page.get_by_role("button", name="Send invitation"))
    assert_accessible(page)
    sign_out(page)

    # The new director sees their support and ranks the coaches on their shortlist.
    sign_in(page, "alex@council.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your support").first)
    support = summary_list(page.locator(".govuk-summary-list").first)
    assert (support["Support ends"], support["Coaching hours left"]) == (
        "31 August 2028",
        "12 hours of 12 hours",
    )
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Choose your coach"))
    page.get_by_label("Rank for Kim Coach").select_option("1")
    page.get_by_label("Rank for Cal Coach").select_option("2")
    click_and_wait(page, page.get_by_role("button", name="Save ranking"))
    assert "Your ranking is saved" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(page)
    sign_out(page)

    # The team confirms the match: the director's first choice.
    sign_in(page, "terry@team.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Coach pool").first)
    click_and_wait(
        page, page.get_by_role("link", name="Match directors with coaches in Upon Programme")
    )
    assert table_rows(page, "Directors waiting for a coach")[0][:3] == [
        "Alex Alumnus",
        "Kim Coach",
        "Your 1st choice",
    ]
    click_and_wait(page, page.get_by_role("button", name="Confirm the best match"))
    assert (
        "Match confirmed: 1 director has a coach."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert_accessible(page)
    sign_out(page)

    # The coach logs their first session.
    sign_in(page, "kim@coach.example", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Your directors").first)
    click_and_wait(page, page.get_by_role("link", name="Coaching log for Alex Alumnus"))
    click_and_wait(page, page.get_by_role("link", name="Log a session"))
    fill_date(page, "Date of the session", START.date())
    page.get_by_label("Hours", exact=True).fill("1")
    page.get_by_label("Minutes", exact=True).fill("30")
    page.get_by_label("Online").check()
    page.get_by_label("Notes").fill("The first hundred days.")
    click_and_wait(page, page.get_by_role("button", name="Log session"))
    assert page.get_by_text("1 hour 30 minutes used of 12 hours").is_visible()
    assert_accessible(page)
    sign_out(page)
    session = CoachingSession.objects.get()
    assert (session.relationship.director.email, session.minutes) == ("alex@council.example", 90)

    # Three months on, the employer contact follows the invitation's link.
    time_machine.move_to(THREE_MONTHS_ON, tick=True)
    [invitation] = [m for m in mail.outbox if m.to == ["erin@leeds.example"]]
    page.goto(link_in_email(invitation))
    assert page.get_by_role("heading", level=1).inner_text() == "Check-ins on Alex Alumnus"
    assert table_rows(page, "Your check-ins")[0] == ["3-month check-in", "1 December 2026", "Due"]
    click_and_wait(page, page.get_by_role("link", name="3-month check-in"))
    page.get_by_label("What is going well?").fill("A confident first inspection.")
    page.get_by_label("What support is needed?").fill("Time with peers.")
    page.get_by_label("None").check()
    click_and_wait(page, page.get_by_role("button", name="Send check-in"))
    assert table_rows(page, "Your check-ins")[0] == ["3-month check-in", "1 December 2026", "Done"]
    assert_accessible(page)
    done = EmployerCheckIn.objects.get(month=3)
    assert (done.going_well, done.retention_risk) == ("A confident first inspection.", "none")
