"""The programme team invites a new director's employer contact; the contact follows the
emailed link and completes the 3-month check-in (a risk left unexplained first, refused next to
the field), with JavaScript off: the journey needs none. The case is then flagged to the team.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, link_in_email, table_rows
from tests.factories import PASSWORD, ProgrammeFactory, RoleAssignmentFactory
from tests.support.factories import AppointmentFactory, completed_participant
from upon.accounts.models import Role
from upon.support import appointments

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def december(time_machine):
    """2 December 2026 at noon, UK time, the clock running: the 3-month check-in of support
    from 1 September 2026 is due."""
    noon = datetime.datetime(2026, 12, 2, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    time_machine.move_to(noon, tick=True)
    return noon


def test_the_employer_completes_the_3_month_check_in_by_the_emailed_link(
    js_disabled_page, live_server, settings, december
):
    page = js_disabled_page
    # Links in emails are built from SITE_URL: point it at the live server.
    settings.SITE_URL = live_server.url
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    director = completed_participant(
        programme, ends_on=datetime.date(2025, 7, 31), full_name="Dee Director"
    )
    team = RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=programme,
        user__email="terry@team.example",
        user__full_name="Terry Team",
    ).user
    post = AppointmentFactory(person=director, programme=programme)
    appointments.verify(appointment=post, version=post.version, by=team)

    sign_in(page, "terry@team.example", PASSWORD)
    page.goto(reverse("support:team_entitlements"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Invite contact for Dee Director"))
    assert page.get_by_role("heading", level=1).inner_text() == "Invite the employer contact"
    assert_accessible(page)
    page.get_by_label("Full name").fill("Erin Employer")
    page.get_by_label("Email address").fill("erin@leeds.example")
    click_and_wait(page, page.get_by_role("button", name="Send invitation"))
    assert page.get_by_role("heading", level=1).inner_text() == "Employer check-ins"
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    [email] = [m for m in mail.outbox if m.to == ["erin@leeds.example"]]
    page.goto(link_in_email(email))
    assert page.get_by_role("heading", level=1).inner_text() == "Check-ins on Dee Director"
    assert table_rows(page, "Your check-ins")[0] == ["3-month check-in", "1 December 2026", "Due"]
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="3-month check-in"))
    assert_accessible(page)
    page.get_by_label("What is going well?").fill("A strong start with the board.")
    page.get_by_label("What support is needed?").fill("Coaching on political leadership.")
    page.get_by_label("Some").check()
    click_and_wait(page, page.get_by_role("button", name="Send check-in"))
    assert page.title().startswith("Error: ")
    assert error_summary(page) == [("Enter what the risk is", "#id_risk_explanation")]
    assert "Enter what the risk is" in page.locator(".govuk-error-message").first.inner_text()
    # What was typed is kept.
    assert page.get_by_label("What is going well?").input_value() == (
        "A strong start with the board."
    )
    assert page.get_by_label("Some").is_checked()
    assert_accessible(page)
    page.get_by_label("What is the risk?").fill("Approached by a neighbouring authority.")
    click_and_wait(page, page.get_by_role("button", name="Send check-in"))
    assert table_rows(page, "Your check-ins")[0] == ["3-month check-in", "1 December 2026", "Done"]
    assert_accessible(page)

    # The case is flagged to the team.
    sign_in(page, "terry@team.example", PASSWORD)
    page.goto(reverse("support:team_check_ins") + "?show=flagged")
    assert table_rows(page, "Flagged: risk to retention")[0][0] == "Dee Director"
    assert_accessible(page)
